package dev.carbonshift.train;

/** How a training run ended: a new version, a stop at a checkpoint, or a failure with a reason. */
public sealed interface TrainingOutcome {

  record Completed(ModelVersion version, RunSummary run) implements TrainingOutcome {}

  /** Stopped on request after a checkpoint; running the same job again resumes there. */
  record Stopped(int epochsDone, double kwhSoFar, String reason) implements TrainingOutcome {}

  /**
   * Nothing was registered; {@code reason} says why (bad data names file, line and column).
   *
   * @param badInput true when the job or its data are at fault, false for an internal failure
   */
  record Failed(String reason, boolean badInput) implements TrainingOutcome {}
}
