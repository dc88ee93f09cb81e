package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.daemon.LiveRun;
import dev.carbonshift.daemon.Timebase;
import dev.carbonshift.job.Estimate;
import dev.carbonshift.train.EpochProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each demo training to the pace of its descriptor's estimate on the demo's clock: an epoch
 * that the machine finishes early waits for its share of four fifths of the estimate ({@code 0.8 ×
 * duration / epochs}) before the next one starts. On a clock that runs hundreds of times faster
 * than the wall, a small real training would otherwise finish in a few minutes of the daemon's time
 * and never meet the end of its slice; paced, it lasts about as long as the plan expects, so that
 * slices pause and resume as they would in production. A run asked to stop (its slice ended, a
 * cancel) stops waiting at once. Waiting uses no CPU, so the measured CPU energy is that of the
 * training alone.
 */
final class DemoPace {
  private final Carbonshift cs;
  private final Clock clock;
  private final Timebase timebase;
  private final Map<String, Duration> perEpoch = new ConcurrentHashMap<>();
  private final Map<Long, Instant> lastEpochEnd = new ConcurrentHashMap<>();

  DemoPace(Carbonshift cs) {
    this.cs = cs;
    this.clock = cs.clock();
    this.timebase = Timebase.of(clock);
  }

  void epochEnded(LiveRun run, EpochProgress e) {
    Duration step = perEpoch.computeIfAbsent(run.jobId(), id -> step(id, e.maxEpochs()));
    if (step.isZero()) {
      return;
    }
    Instant since =
        lastEpochEnd.computeIfAbsent(
            run.runId(), id -> cs.runs().find(id).map(r -> r.startedAt()).orElse(clock.instant()));
    Instant until = since.plus(step);
    try {
      while (!run.stopRequested(e.epoch())) {
        Duration left = Duration.between(clock.instant(), until);
        if (left.isNegative() || left.isZero()) {
          break;
        }
        long ms = Math.max(1, Math.min(50, timebase.toBase(left).toMillis()));
        Thread.sleep(ms);
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
    Instant now = clock.instant();
    lastEpochEnd.put(run.runId(), now.isAfter(until) ? now : until);
  }

  private Duration step(String jobId, int maxEpochs) {
    Estimate est =
        cs.jobs()
            .find(jobId)
            .map(j -> JobIntake.specOf(j, cs.catalog(), clock).estimate())
            .orElse(null);
    if (est == null || maxEpochs <= 0) {
      return Duration.ZERO;
    }
    // four fifths of the estimate: the rest is for loading, testing and registering the model
    return est.duration().multipliedBy(4).dividedBy(5L * maxEpochs);
  }
}
