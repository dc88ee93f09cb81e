package dev.carbonshift.daemon.api;

import dev.carbonshift.job.JobState;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.StoredJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Hooks without a scheduler: submitting only stores, cancelling only moves the job to CANCELLED (a
 * run in progress is left to whoever runs it). For tests and for the CLI when no daemon answers.
 */
public final class StoreOnlyHooks implements DaemonHooks {
  private final JobRepository jobs;
  private final String daemonId;
  private final String version;
  private final Clock clock;
  private final Instant startedAt;

  public StoreOnlyHooks(JobRepository jobs, String daemonId, String version, Clock clock) {
    this.jobs = jobs;
    this.daemonId = daemonId;
    this.version = version;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  @Override
  public void submitted(StoredJob job) {}

  @Override
  public StoredJob cancel(String jobId, String reason) {
    return jobs.transition(jobId, JobState.CANCELLED, reason);
  }

  @Override
  public Health health() {
    return new Health(Health.OK, daemonId, version, Duration.between(startedAt, clock.instant()));
  }
}
