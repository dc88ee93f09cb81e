package dev.carbonshift.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a job. Every change goes through {@link #check}; the only ways back are {@code
 * PLANNED → QUEUED} (re-planning) and {@code RUNNING → QUEUED} (an interrupted run resumes).
 */
public enum JobState {
  QUEUED,
  PLANNED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** States this one may move to. */
  public Set<JobState> next() {
    return switch (this) {
      case QUEUED -> EnumSet.of(PLANNED, CANCELLED);
      case PLANNED -> EnumSet.of(QUEUED, RUNNING, CANCELLED);
      case RUNNING -> EnumSet.of(QUEUED, SUCCEEDED, FAILED, CANCELLED);
      case SUCCEEDED, FAILED, CANCELLED -> EnumSet.noneOf(JobState.class);
    };
  }

  public boolean isFinal() {
    return next().isEmpty();
  }

  public boolean canMoveTo(JobState to) {
    return next().contains(to);
  }

  /**
   * Returns {@code to} if the move is allowed.
   *
   * @throws IllegalStateTransitionException naming both states and what is allowed
   */
  public JobState check(JobState to) {
    if (!canMoveTo(to)) {
      throw new IllegalStateTransitionException(this, to);
    }
    return to;
  }
}
