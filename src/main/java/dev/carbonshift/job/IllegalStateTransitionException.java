package dev.carbonshift.job;

/** A job state change that the state machine forbids. */
public class IllegalStateTransitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final JobState from;
  private final JobState to;

  public IllegalStateTransitionException(JobState from, JobState to) {
    super(
        "a "
            + from
            + " job cannot become "
            + to
            + (from.isFinal() ? " (" + from + " is final)" : "; allowed: " + from.next()));
    this.from = from;
    this.to = to;
  }

  public JobState from() {
    return from;
  }

  public JobState to() {
    return to;
  }
}
