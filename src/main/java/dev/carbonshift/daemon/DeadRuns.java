package dev.carbonshift.daemon;

import dev.carbonshift.job.JobState;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.RunRepository;
import dev.carbonshift.store.RunState;
import dev.carbonshift.store.StoredJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds runs that nobody runs any more and gives their jobs back to the queue, to resume from their
 * last checkpoint: a run whose heartbeat is older than {@code deadAfter}, or, at once, a run owned
 * by a process of this host that no longer exists (a daemon or {@code train} killed with {@code
 * kill -9}). Runs held by this process are never touched. {@link #byHeartbeatOnly} leaves out the
 * owner check, judging as a daemon on another host must.
 */
public final class DeadRuns {
  private static final Logger LOG = LoggerFactory.getLogger(DeadRuns.class);

  private final RunRepository runs;
  private final JobRepository jobs;
  private final LiveRuns live;
  private final Clock clock;
  private final Duration deadAfter;
  private final boolean judgeOwners;

  public DeadRuns(
      RunRepository runs, JobRepository jobs, LiveRuns live, Clock clock, Duration deadAfter) {
    this(runs, jobs, live, clock, deadAfter, true);
  }

  private DeadRuns(
      RunRepository runs,
      JobRepository jobs,
      LiveRuns live,
      Clock clock,
      Duration deadAfter,
      boolean judgeOwners) {
    this.runs = runs;
    this.jobs = jobs;
    this.live = live;
    this.clock = clock;
    this.deadAfter = deadAfter;
    this.judgeOwners = judgeOwners;
  }

  /**
   * Finds dead runs by their heartbeat alone, as a daemon on another host would: the chaos bench
   * measures detection with it, since on this host the owner check would find a killed run at once.
   */
  static DeadRuns byHeartbeatOnly(
      RunRepository runs, JobRepository jobs, Clock clock, Duration deadAfter) {
    return new DeadRuns(runs, jobs, new LiveRuns(), clock, deadAfter, false);
  }

  /** Closes every dead run as INTERRUPTED and re-queues its job; returns the runs closed. */
  public List<RunRecord> sweep() {
    Instant now = clock.instant();
    List<RunRecord> closed = new ArrayList<>();
    for (RunRecord r : dead(now)) {
      if (close(r, now)) {
        closed.add(r);
      }
    }
    return closed;
  }

  /**
   * The jobs whose RUNNING run is dead, each with why, changing nothing: what {@code status} shows
   * as stale when no daemon runs to sweep them (a {@code demo} or {@code train} that was killed).
   */
  public java.util.Map<String, String> stale() {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (RunRecord r : dead(clock.instant())) {
      out.put(r.jobId(), why(r));
    }
    return out;
  }

  private List<RunRecord> dead(Instant now) {
    Set<Long> mine = new HashSet<>(live.runIds());
    List<RunRecord> dead = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (RunRecord r : runs.silentSince(now.minus(deadAfter))) {
      if (!mine.contains(r.id()) && seen.add(r.id())) {
        dead.add(r);
      }
    }
    for (RunRecord r : runs.running()) {
      if (judgeOwners && !mine.contains(r.id()) && ownerIsGone(r.owner()) && seen.add(r.id())) {
        dead.add(r);
      }
    }
    return dead;
  }

  private boolean close(RunRecord r, Instant now) {
    return close(r, now, "found dead: " + why(r));
  }

  private String why(RunRecord r) {
    return judgeOwners && ownerIsGone(r.owner())
        ? "its process " + r.owner() + " is gone"
        : "no heartbeat since " + r.heartbeatAt() + " (" + deadAfter + " allowed)";
  }

  private boolean close(RunRecord r, Instant now, String why) {
    try {
      runs.finish(r.id(), RunState.INTERRUPTED, now);
    } catch (RuntimeException e) {
      return false; // finished meanwhile by its owner
    }
    runs.endReason(r.id(), why);
    Optional<StoredJob> job = jobs.find(r.jobId());
    if (job.isPresent() && job.get().state() == JobState.RUNNING) {
      try {
        jobs.transition(
            r.jobId(),
            JobState.QUEUED,
            "run " + r.id() + " " + why + "; resumes from its last checkpoint");
      } catch (RuntimeException e) {
        LOG.warn(
            "{}: run {} was dead but the job moved meanwhile: {}", r.jobId(), r.id(), e.toString());
      }
    }
    LOG.warn("{}: run {} {}; re-queued to resume", r.jobId(), r.id(), why);
    return true;
  }

  /** Records a run of this process as interrupted now, its job back in the queue. */
  void interrupt(long runId, String jobId, String why) {
    if (runId < 0) {
      return;
    }
    runs.find(runId)
        .filter(r -> r.state() == RunState.RUNNING)
        .ifPresent(r -> close(r, clock.instant(), why));
  }

  /** True if {@code owner} names a process of this host that has exited. */
  static boolean ownerIsGone(String owner) {
    if (owner == null) {
      return false;
    }
    String[] parts = owner.split(":");
    if (parts.length != 3) {
      return false;
    }
    String self = Carbonshift.processName();
    if (!self.substring(0, self.indexOf(':')).equals(parts[0])) {
      return false; // another host: only its heartbeat can tell
    }
    try {
      long pid = Long.parseLong(parts[1]);
      long started = Long.parseLong(parts[2]);
      Optional<ProcessHandle> p = ProcessHandle.of(pid);
      if (p.isEmpty() || !p.get().isAlive()) {
        return true;
      }
      // a reused pid: the process that owned the run started at another time
      return p.get()
          .info()
          .startInstant()
          .map(s -> Math.abs(s.toEpochMilli() - started) > 2_000)
          .orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
