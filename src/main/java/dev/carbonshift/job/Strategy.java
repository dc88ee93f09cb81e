package dev.carbonshift.job;

/** How a training job reaches its model: from nothing, from the latest version, or a base model. */
public enum Strategy {
  SCRATCH,
  INCREMENTAL,
  TRANSFER
}
