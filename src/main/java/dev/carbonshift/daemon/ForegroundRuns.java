package dev.carbonshift.daemon;

import dev.carbonshift.job.JobState;
import dev.carbonshift.job.ParsedJob;
import dev.carbonshift.region.Region;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.train.TrainingListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a job now, in the foreground (the {@code train} verb), with a daemon's guarantees: the job
 * is stored, its run heartbeats, and a run whose process was killed is found dead, so that the next
 * {@code train} of the same descriptor resumes it from its checkpoint instead of leaving it RUNNING
 * for ever.
 */
public final class ForegroundRuns {
  private final Carbonshift cs;

  /** The job to run, and whether it is one interrupted earlier. */
  public record Prepared(StoredJob job, boolean resumed) {}

  public ForegroundRuns(Carbonshift cs) {
    this.cs = cs;
  }

  /**
   * Validates {@code file}, releases dead runs, and returns the earlier interrupted job of the same
   * descriptor if there is one, else a new one; either way PLANNED to run now at home.
   */
  public Prepared prepare(Path file, String shownAs) {
    ParsedJob parsed = cs.intake().validate(file, shownAs);
    new DeadRuns(cs.runs(), cs.jobs(), new LiveRuns(), cs.clock(), cs.config().deadAfter()).sweep();
    String source = file.toString();
    Optional<StoredJob> earlier =
        cs.jobs().inState(JobState.QUEUED).stream()
            .filter(j -> j.parentId() == null && j.schedule() == null)
            .filter(j -> Objects.equals(j.sourceFile(), source))
            .filter(j -> j.descriptor().equals(parsed.text()))
            .filter(j -> !cs.runs().forJob(j.id()).isEmpty())
            .max(Comparator.comparing(StoredJob::submittedAt));
    StoredJob job = earlier.orElseGet(() -> cs.intake().submitOnce(parsed));
    Region home = homeOf(job);
    Instant now = cs.clock().instant();
    cs.placements()
        .save(
            new PlacementRecord(
                0,
                job.id(),
                now,
                home.id(),
                now,
                now.plus(Duration.ofHours(1)),
                null,
                0,
                0,
                0,
                "train: runs now in its home region " + home.id() + ", in the foreground",
                null));
    StoredJob planned = cs.jobs().transition(job.id(), JobState.PLANNED, "train: run now at home");
    return new Prepared(planned, earlier.isPresent());
  }

  private Region homeOf(StoredJob job) {
    if (job.homeRegion() != null) {
      Optional<Region> r = cs.catalog().find(job.homeRegion());
      if (r.isPresent()) {
        return r.get();
      }
    }
    return cs.catalog().all().get(0);
  }

  /** Runs it, heartbeating the run until it ends. */
  public JobRunner.Result run(StoredJob job, LiveRun live, TrainingListener listener) {
    ScheduledExecutorService beats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "heartbeat");
              t.setDaemon(true);
              return t;
            });
    long every =
        Math.max(1, Timebase.of(cs.clock()).toBase(cs.config().heartbeatEvery()).toMillis());
    beats.scheduleAtFixedRate(
        () -> {
          try {
            if (live.runId() >= 0) {
              cs.runs().heartbeat(java.util.List.of(live.runId()), cs.clock().instant());
            }
          } catch (RuntimeException e) {
            // a missed beat is what dead-run detection is for; the training goes on
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
    try {
      return cs.runner().run(job, live, listener);
    } finally {
      beats.shutdownNow();
    }
  }
}
