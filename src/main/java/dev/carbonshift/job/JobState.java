package dev.carbonshift.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a job. Every change goes through {@link #check}; the only ways back are {@code
 * PLANNED → QUEUED} (re-planning), {@code RUNNING → QUEUED} (an interrupted run resumes when next
 * planned) and {@code RUNNING → PLANNED} (an interruptible job paused at the end of a slice, its
 * next slice already placed). A queued or planned job fails when it can no longer be planned (its
 * stored descriptor no longer validates). A descriptor with a {@code schedule} is {@code
 * RECURRING}: it never runs itself; each time its cron fires, a fresh job is submitted from it.
 */
public enum JobState {
  RECURRING,
  QUEUED,
  PLANNED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** States this one may move to. */
  public Set<JobState> next() {
    return switch (this) {
      case RECURRING -> EnumSet.of(CANCELLED);
      case QUEUED -> EnumSet.of(PLANNED, FAILED, CANCELLED);
      case PLANNED -> EnumSet.of(QUEUED, RUNNING, FAILED, CANCELLED);
      case RUNNING -> EnumSet.of(QUEUED, PLANNED, SUCCEEDED, FAILED, CANCELLED);
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
