package dev.carbonshift.daemon;

import dev.carbonshift.job.JobState;
import dev.carbonshift.job.ParsedJob;
import dev.carbonshift.plan.Reason;
import dev.carbonshift.region.Region;
import dev.carbonshift.store.ClusterLock;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.RunState;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.train.TrainingListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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
    // one claim at a time, across processes: two trains of one descriptor started together would
    // otherwise both find it free (or both take up the same interrupted job) and both train it
    return new ClusterLock(cs.database(), ClusterLock.TRAIN)
        .holding(() -> claim(file, shownAs, parsed), CLAIM_WAIT);
  }

  /** How long a {@code train} waits for another one's claim (a few store calls) to end. */
  static final Duration CLAIM_WAIT = Duration.ofSeconds(60);

  private Prepared claim(Path file, String shownAs, ParsedJob parsed) {
    new DeadRuns(cs.runs(), cs.jobs(), new LiveRuns(), cs.clock(), cs.config().deadAfter()).sweep();
    String source = file.toString();
    List<StoredJob> same =
        cs.jobs().inState(JobState.QUEUED, JobState.PLANNED, JobState.RUNNING).stream()
            .filter(j -> j.parentId() == null && j.schedule() == null)
            .filter(j -> Objects.equals(j.sourceFile(), source))
            .filter(j -> j.descriptor().equals(parsed.text()))
            .toList();
    for (StoredJob j : same) {
      busy(j, shownAs);
    }
    Optional<StoredJob> earlier =
        same.stream()
            .filter(j -> j.state() == JobState.QUEUED)
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
                Reason.of(
                    Reason.Outcome.FOREGROUND_TRAIN,
                    TRAIN_REASON + home.id() + ", in the foreground"),
                null));
    StoredJob planned = cs.jobs().transition(job.id(), JobState.PLANNED, "train: run now at home");
    return new Prepared(planned, earlier.isPresent());
  }

  /**
   * Refuses a job of this descriptor that is being trained now: RUNNING with a live run (dead ones
   * were swept back to the queue just before), or PLANNED to run now by a {@code train} that has
   * not started it yet, within the time a dead run is given.
   */
  private void busy(StoredJob j, String shownAs) {
    if (j.state() == JobState.RUNNING) {
      RunRecord run =
          cs.runs().forJob(j.id()).stream()
              .filter(r -> r.state() == RunState.RUNNING)
              .reduce((a, b) -> b)
              .orElse(null);
      throw new TrainingElsewhereException(
          j.id(),
          shownAs
              + " is being trained already, as "
              + j.id()
              + (run == null
                  ? ""
                  : " (run "
                      + run.id()
                      + " by "
                      + run.owner()
                      + ", started "
                      + run.startedAt()
                      + ")")
              + "; wait for it to end, or stop it with 'cancel "
              + j.id()
              + "'");
    }
    if (j.state() == JobState.PLANNED) {
      Optional<PlacementRecord> p = cs.placements().current(j.id());
      boolean claimedByTrain =
          p.isPresent()
              && claimedByTrain(p.get().reason())
              && p.get().plannedAt().plus(cs.config().deadAfter()).isAfter(cs.clock().instant());
      if (claimedByTrain) {
        throw new TrainingElsewhereException(
            j.id(),
            shownAs
                + " is being trained already: another train claimed it as "
                + j.id()
                + " at "
                + p.get().plannedAt()
                + "; wait for it to end, or stop it with 'cancel "
                + j.id()
                + "'");
      }
    }
  }

  private static final String TRAIN_REASON = "train: runs now in its home region ";

  /** Whether a foreground train placed it; a claim stored before V16 says so only in words. */
  private static boolean claimedByTrain(Reason r) {
    return r.outcome() == Reason.Outcome.FOREGROUND_TRAIN
        || (r.outcome() == Reason.Outcome.RECORDED && r.summary().startsWith(TRAIN_REASON));
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
