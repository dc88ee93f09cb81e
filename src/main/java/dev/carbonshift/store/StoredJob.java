package dev.carbonshift.store;

import dev.carbonshift.job.JobKind;
import dev.carbonshift.job.JobState;
import dev.carbonshift.job.Strategy;
import java.time.Instant;

/**
 * A job as the store holds it: the descriptor as submitted plus what was resolved at submission
 * (absolute earliest start and deadline) and where it stands now.
 *
 * @param deadline absolute deadline, or null for none
 * @param rowVersion bumped on every change, for optimistic locking
 * @param parentId the recurring descriptor this job was submitted from by its cron, or null
 */
public record StoredJob(
    String id,
    String name,
    String team,
    JobKind kind,
    Strategy strategy,
    String model,
    JobState state,
    String stateReason,
    String descriptor,
    String descriptorFormat,
    String sourceFile,
    Instant submittedAt,
    Instant updatedAt,
    Instant earliestStart,
    Instant deadline,
    String homeRegion,
    boolean interruptible,
    int priority,
    String schedule,
    long rowVersion,
    String parentId) {

  /** True for a descriptor with a {@code schedule}: it runs only through the jobs it submits. */
  public boolean recurring() {
    return state == JobState.RECURRING;
  }
}
