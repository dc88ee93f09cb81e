-- Model lineage across models (a transfer's parent belongs to another model) and what each
-- version's run cost and reached, so listings need not parse the metrics document.
ALTER TABLE model_versions ADD COLUMN parent_name VARCHAR(200);
ALTER TABLE model_versions ADD COLUMN metric_name VARCHAR(32);
ALTER TABLE model_versions ADD COLUMN epochs INT;
ALTER TABLE model_versions ADD COLUMN wall_seconds DOUBLE PRECISION;
CREATE INDEX model_versions_name ON model_versions(name, version);
