-- Energy accounting of runs: what was measured, how, and what it emitted against the baseline.
-- The V1 runs table already holds it_kwh, pue, facility_kwh, intensity_g_per_kwh, intensity_kind,
-- kg_co2e, baseline_kg_co2e, avoided_kg_co2e, energy_method and details.

ALTER TABLE runs ADD COLUMN intensity_actual_share DOUBLE PRECISION;
ALTER TABLE runs ADD COLUMN intensity_source VARCHAR(400);
ALTER TABLE runs ADD COLUMN baseline_region VARCHAR(64);
ALTER TABLE runs ADD COLUMN baseline_pue DOUBLE PRECISION;
ALTER TABLE runs ADD COLUMN baseline_g_per_kwh DOUBLE PRECISION;
ALTER TABLE runs ADD COLUMN baseline_intensity_kind VARCHAR(16);
ALTER TABLE runs ADD COLUMN sampling_interval_ms BIGINT;

-- IT energy (before PUE) per component and method: CPU/GPU/RAM × counter/integrated/modelled.
CREATE TABLE run_energy (
  run_id          BIGINT        NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  component       VARCHAR(8)    NOT NULL,
  method          VARCHAR(16)   NOT NULL,
  it_kwh          DOUBLE PRECISION NOT NULL,
  detail          VARCHAR(8000),
  PRIMARY KEY (run_id, component, method)
);

-- Cumulative energy per sensor series, thinned to a few hundred points per series, for charts
-- and energy-weighted intensity. watts: mean power since the previous kept point.
CREATE TABLE run_samples (
  run_id          BIGINT        NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  series          VARCHAR(64)   NOT NULL,
  at              TIMESTAMP WITH TIME ZONE NOT NULL,
  component       VARCHAR(8)    NOT NULL,
  method          VARCHAR(16)   NOT NULL,
  joules          DOUBLE PRECISION NOT NULL,
  watts           DOUBLE PRECISION,
  PRIMARY KEY (run_id, series, at)
);
