package dev.carbonshift.train;

/**
 * Asked after each epoch's checkpoint whether to stop there, e.g. because an interruptible job's
 * slice has ended. A stopped run resumes from that checkpoint when the same job runs again.
 */
@FunctionalInterface
public interface StopSignal {
  StopSignal NEVER = epochsDone -> false;

  /** {@code epochsDone} counts every epoch of the run so far, across phases and resumptions. */
  boolean stopRequested(int epochsDone);
}
