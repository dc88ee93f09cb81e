package dev.carbonshift.daemon;

import dev.carbonshift.job.JobState;
import dev.carbonshift.train.StopSignal;

/**
 * A run in progress in this process, and how to stop it: the trainer asks after each epoch's
 * checkpoint whether to stop, and the job then moves to the state the request named (PLANNED at the
 * end of a slice with a later one placed, QUEUED on shutdown, CANCELLED on cancel).
 */
public final class LiveRun implements StopSignal {
  private final String jobId;
  private final int sliceIndex;
  private volatile long runId = -1;
  private volatile JobState then;
  private volatile String reason;

  LiveRun(String jobId, int sliceIndex) {
    this.jobId = jobId;
    this.sliceIndex = sliceIndex;
  }

  /** A run nobody else will stop (the CLI's foreground runs). */
  public static LiveRun detached(String jobId) {
    return new LiveRun(jobId, 0);
  }

  public String jobId() {
    return jobId;
  }

  public int sliceIndex() {
    return sliceIndex;
  }

  /** The stored run, once started; -1 before. */
  public long runId() {
    return runId;
  }

  void started(long id) {
    this.runId = id;
  }

  /**
   * Asks the run to stop at its next checkpoint and the job to become {@code next}. A cancel wins
   * over any earlier request; otherwise the first request stands.
   */
  public synchronized void requestStop(JobState next, String why) {
    if (then == null || next == JobState.CANCELLED) {
      then = next;
      reason = why;
    }
  }

  @Override
  public boolean stopRequested(int epochsDone) {
    return then != null;
  }

  /** The state the job moves to after a requested stop (QUEUED when none was named). */
  public JobState then() {
    return then == null ? JobState.QUEUED : then;
  }

  public String reason() {
    return reason == null ? "stopped" : reason;
  }
}
