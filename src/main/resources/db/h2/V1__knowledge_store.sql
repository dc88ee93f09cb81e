-- Carbonshift knowledge store, first schema. Later changes come as new migrations, never edits here.
-- Every instant is stored as TIMESTAMP WITH TIME ZONE in UTC, so the JVM's zone never matters.

CREATE TABLE jobs (
  id              VARCHAR(40)   NOT NULL PRIMARY KEY,
  name            VARCHAR(200)  NOT NULL,
  team            VARCHAR(200),
  kind            VARCHAR(16)   NOT NULL,
  strategy        VARCHAR(16)   NOT NULL,
  model           VARCHAR(200),
  state           VARCHAR(16)   NOT NULL,
  state_reason    VARCHAR(2000),
  descriptor      CLOB          NOT NULL,
  descriptor_format VARCHAR(8)  NOT NULL,
  source_file     VARCHAR(1000),
  submitted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  earliest_start  TIMESTAMP WITH TIME ZONE NOT NULL,
  deadline        TIMESTAMP WITH TIME ZONE,
  home_region     VARCHAR(64),
  interruptible   BOOLEAN       NOT NULL,
  priority        INT           NOT NULL,
  schedule        VARCHAR(200),
  row_version     BIGINT        NOT NULL
);
CREATE INDEX jobs_state ON jobs(state);

CREATE TABLE placements (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  job_id          VARCHAR(40)   NOT NULL REFERENCES jobs(id),
  planned_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  region          VARCHAR(64)   NOT NULL,
  start_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  end_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  slices          CLOB,
  expected_kwh    DOUBLE PRECISION NOT NULL,
  expected_g_co2e DOUBLE PRECISION NOT NULL,
  baseline_g_co2e DOUBLE PRECISION NOT NULL,
  reason          VARCHAR(4000) NOT NULL,
  fallback        VARCHAR(4000),
  is_current      BOOLEAN       NOT NULL
);
CREATE INDEX placements_job ON placements(job_id, is_current);

CREATE TABLE runs (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  job_id          VARCHAR(40)   NOT NULL REFERENCES jobs(id),
  region          VARCHAR(64)   NOT NULL,
  state           VARCHAR(16)   NOT NULL,
  started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at        TIMESTAMP WITH TIME ZONE,
  heartbeat_at    TIMESTAMP WITH TIME ZONE,
  checkpoint_path VARCHAR(1000),
  it_kwh          DOUBLE PRECISION,
  pue             DOUBLE PRECISION,
  facility_kwh    DOUBLE PRECISION,
  intensity_g_per_kwh DOUBLE PRECISION,
  intensity_kind  VARCHAR(16),
  kg_co2e         DOUBLE PRECISION,
  baseline_kg_co2e DOUBLE PRECISION,
  avoided_kg_co2e DOUBLE PRECISION,
  energy_method   VARCHAR(200),
  model_version_id BIGINT,
  metric_name     VARCHAR(32),
  metric_value    DOUBLE PRECISION,
  details         CLOB
);
CREATE INDEX runs_job ON runs(job_id);

CREATE TABLE intensity_points (
  zone            VARCHAR(64)   NOT NULL,
  source          VARCHAR(64)   NOT NULL,
  signal          VARCHAR(16)   NOT NULL,
  kind            VARCHAR(16)   NOT NULL,
  start_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  end_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  g_per_kwh       DOUBLE PRECISION NOT NULL,
  factor          VARCHAR(16)   NOT NULL,
  fetched_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (zone, source, signal, kind, start_at)
);

CREATE TABLE model_versions (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  name            VARCHAR(200)  NOT NULL,
  version         INT           NOT NULL,
  parent_version  INT,
  strategy        VARCHAR(16)   NOT NULL,
  job_id          VARCHAR(40),
  path            VARCHAR(1000) NOT NULL,
  dataset_fingerprint VARCHAR(128),
  row_from        BIGINT,
  row_to          BIGINT,
  metrics         CLOB,
  size_bytes      BIGINT,
  kwh             DOUBLE PRECISION,
  kg_co2e         DOUBLE PRECISION,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  UNIQUE (name, version)
);

CREATE TABLE decisions (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  at              TIMESTAMP WITH TIME ZONE NOT NULL,
  job_id          VARCHAR(40),
  category        VARCHAR(32)   NOT NULL,
  decision        VARCHAR(400)  NOT NULL,
  reason          VARCHAR(4000) NOT NULL
);
CREATE INDEX decisions_job ON decisions(job_id);
