package dev.carbonshift.daemon.api;

import dev.carbonshift.store.StoredJob;

/**
 * What only the daemon can do for the API: the API stores and reads jobs itself, but scheduling
 * stays with the daemon. {@link StoreOnlyHooks} is the plain version without a scheduler.
 */
public interface DaemonHooks {
  /**
   * A job was stored as QUEUED; the daemon triggers a planning round. Called on the request thread,
   * so it should hand the work off rather than plan inline. If it throws, the job stays stored and
   * the next periodic round plans it.
   */
  void submitted(StoredJob job);

  /**
   * Cancels a job: stops its running run if it has one, then moves the job to CANCELLED.
   *
   * @throws dev.carbonshift.job.IllegalStateTransitionException if the job is already final
   */
  StoredJob cancel(String jobId, String reason);

  /** The daemon's own view of itself, for {@code GET /health}. */
  Health health();
}
