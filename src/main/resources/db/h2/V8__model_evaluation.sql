-- Each version's test metrics are on one held-out window, after all of its training data: its
-- first and last predicted point and sample count, and the naive forecasts scored on the same
-- window (JSON: name -> metrics), so that versions on different windows are never compared.
-- weights_sha256 is the hash of model.zip as written, checked before the weights are used.
ALTER TABLE model_versions ADD COLUMN test_from VARCHAR(40);
ALTER TABLE model_versions ADD COLUMN test_to VARCHAR(40);
ALTER TABLE model_versions ADD COLUMN test_samples INT;
ALTER TABLE model_versions ADD COLUMN baselines CLOB;
ALTER TABLE model_versions ADD COLUMN weights_sha256 VARCHAR(64);
