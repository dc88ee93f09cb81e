-- What the daemon needs to run jobs and survive crashes:
-- runs.owner names the process that runs it (host:pid:start), so a restarted daemon knows at once
-- that a run of its dead predecessor is dead, and others judge it by its heartbeat; slice_index
-- numbers the slices of an interruptible job (one run per slice); epochs_done is where the run's
-- last checkpoint stands. jobs.parent_id links a run of a recurring descriptor to that descriptor.
-- model_versions.run_id links a version to the run whose account holds its energy.
ALTER TABLE runs ADD COLUMN owner VARCHAR(200);
ALTER TABLE runs ADD COLUMN slice_index INT;
ALTER TABLE runs ADD COLUMN epochs_done INT;
ALTER TABLE runs ADD COLUMN end_reason VARCHAR(2000);
CREATE INDEX runs_state ON runs(state);
ALTER TABLE jobs ADD COLUMN parent_id VARCHAR(40);
ALTER TABLE model_versions ADD COLUMN run_id BIGINT;
