package dev.carbonshift.store;

/** Where one run of a job stands. An interrupted run leaves the job to resume in a later run. */
public enum RunState {
  RUNNING,
  SUCCEEDED,
  FAILED,
  INTERRUPTED,
  CANCELLED;

  public boolean isFinal() {
    return this != RUNNING;
  }
}
