package dev.carbonshift.daemon;

/**
 * A {@code train} found the same descriptor being trained already, by another process (or another
 * {@code train} that claimed it a moment earlier): it trains nothing, so that two runs never share
 * a live checkpoint or both register a version. The CLI exits with its "busy" code.
 */
public final class TrainingElsewhereException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String jobId;

  TrainingElsewhereException(String jobId, String message) {
    super(message);
    this.jobId = jobId;
  }

  /** The job that is being trained. */
  public String jobId() {
    return jobId;
  }
}
