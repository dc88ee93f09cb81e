package dev.carbonshift.daemon;

import dev.carbonshift.carbon.RegionForecast;
import dev.carbonshift.daemon.api.DaemonHooks;
import dev.carbonshift.daemon.api.DaemonMetrics;
import dev.carbonshift.daemon.api.Health;
import dev.carbonshift.daemon.schedule.Guard;
import dev.carbonshift.daemon.schedule.QuartzTriggers;
import dev.carbonshift.daemon.schedule.Triggers;
import dev.carbonshift.job.JobState;
import dev.carbonshift.plan.Placement;
import dev.carbonshift.plan.Slice;
import dev.carbonshift.region.Region;
import dev.carbonshift.store.ClusterLock;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.train.EpochProgress;
import dev.carbonshift.train.TrainingListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler daemon: plans the queue on a trigger (every few minutes, and soon after each
 * submission, coalesced), starts each placement at its start by a durable trigger, pauses an
 * interruptible job at the end of each slice, submits a fresh job each time a recurring
 * descriptor's cron fires, heartbeats its runs and re-queues the runs of dead processes. Every task
 * runs through one {@link Guard}, so no failure stops a loop.
 */
public final class Daemon implements DaemonHooks, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  static final String PLAN = "plan";
  static final String START = "start";
  static final String STOP = "stop";
  static final String CRON = "cron";
  static final String HEARTBEAT = "heartbeat";
  static final String DEAD_RUNS = "dead-runs";
  static final String REFRESH = "refresh";
  static final String JOBS_FOLDER = "jobs-folder";
  static final String ADAPT = "adapt";
  static final String ADAPT_KEY = "adapt-cycle";
  static final String VERSION = "0.1.0";

  private final Carbonshift cs;
  private final DaemonConfig config;
  private final Clock clock;
  private final DaemonMetrics metrics;
  private final LiveRuns live = new LiveRuns();
  private final Workers workers = new Workers();
  private final DeadRuns deadRuns;
  private final Recurring recurring;
  private final Triggers triggers;
  private final Object planLock = new Object();
  private final AtomicBoolean planPending = new AtomicBoolean();
  private final Instant startedAt;
  private volatile boolean stopping;
  private volatile Runnable jobsFolderScan = () -> {};
  private volatile RunListener listener = RunListener.NONE;

  /**
   * Set when the store is shared with other daemons: Quartz then runs clustered and fires each
   * trigger on one daemon of the cluster, so this daemon's own periodic work (its heartbeats, its
   * jobs folder) runs on a local timer instead, and planning rounds take a cluster-wide lock.
   */
  private final LocalTimer localTimer;

  private final ClusterLock planClusterLock;

  private Daemon(Carbonshift cs) {
    this.cs = cs;
    this.config = cs.config();
    this.clock = cs.clock();
    this.metrics = cs.metrics();
    this.startedAt = clock.instant();
    this.deadRuns = new DeadRuns(cs.runs(), cs.jobs(), live, clock, config.deadAfter());
    Guard guard = new Guard(metrics::periodicTaskFailure);
    boolean shared = cs.database().dialect().shared();
    this.localTimer = shared ? new LocalTimer(guard, Timebase.of(clock)) : null;
    this.planClusterLock = shared ? new ClusterLock(cs.database(), ClusterLock.PLAN) : null;
    this.triggers =
        QuartzTriggers.create(
            () -> cs.database().connect(),
            clock,
            Map.of(
                PLAN, d -> planRound(!"false".equals(d.get("renewed"))),
                START, this::onStart,
                STOP, this::onSliceEnd,
                CRON, d -> recurringFired(d),
                HEARTBEAT, d -> heartbeat(),
                DEAD_RUNS, d -> sweepDeadRuns(),
                REFRESH, d -> refreshForecasts(),
                JOBS_FOLDER, d -> jobsFolderScan.run(),
                ADAPT, d -> adaptFired()),
            guard,
            config.schedulerThreads(),
            Duration.ofSeconds(5),
            shared
                ? QuartzTriggers.Cluster.postgresql(
                    cs.owner(), QuartzTriggers.Cluster.DEFAULT_CHECKIN)
                : QuartzTriggers.Cluster.NONE);
    this.recurring = new Recurring(cs.jobs(), cs.intake(), triggers, clock);
  }

  /** A daemon on {@code cs}'s store and clock; {@link #start()} starts it. */
  public static Daemon create(Carbonshift cs) {
    return new Daemon(cs);
  }

  /** Calls {@code scan} on every scan of the jobs folder (when one is configured). */
  public void watchJobsFolder(Runnable scan) {
    this.jobsFolderScan = scan;
  }

  /** Hears every epoch of every run (progress displays). */
  public void listen(TrainingListener l) {
    this.listener = (run, e) -> l.epochEnded(e);
  }

  /** Hears every epoch of every run, with the run it belongs to (the demo's display and pace). */
  public void listen(RunListener l) {
    this.listener = l;
  }

  /** Hears each epoch of a run of this daemon, on the thread that trains it. */
  @FunctionalInterface
  public interface RunListener {
    RunListener NONE = (run, e) -> {};

    /**
     * @param run the run, its job and slice; {@link LiveRun#stopRequested} says whether it was
     *     asked to stop at its next checkpoint
     */
    void epochEnded(LiveRun run, EpochProgress progress);
  }

  public void start() {
    LOG.info("carbonshift daemon {} starting: {}", cs.owner(), config.describe());
    for (RunRecord r : deadRuns.sweep()) {
      metrics.heartbeatMissed();
    }
    triggers.every("every-plan", PLAN, config.planEvery());
    triggers.every("every-dead-runs", DEAD_RUNS, config.heartbeatEvery());
    triggers.every("every-refresh", REFRESH, config.forecastRefreshEvery());
    if (localTimer != null) {
      // a clustered trigger fires on any one daemon: each daemon beats for its own runs
      triggers.cancel("every-heartbeat");
      triggers.cancel("every-jobs-folder");
      localTimer.every(HEARTBEAT, config.heartbeatEvery(), this::heartbeat);
      if (config.jobsFolder().isPresent()) {
        localTimer.every(JOBS_FOLDER, config.jobsFolderScanEvery(), () -> jobsFolderScan.run());
      }
    } else {
      triggers.every("every-heartbeat", HEARTBEAT, config.heartbeatEvery());
      if (config.jobsFolder().isPresent()) {
        triggers.every("every-jobs-folder", JOBS_FOLDER, config.jobsFolderScanEvery());
      } else {
        triggers.cancel("every-jobs-folder");
      }
    }
    // the store is the truth: every planned job and every schedule gets its triggers again
    Map<String, PlacementRecord> placed = cs.placements().currentOfJobsIn(JobState.PLANNED);
    for (StoredJob j : cs.jobs().inState(JobState.PLANNED)) {
      PlacementRecord p = placed.get(j.id());
      if (p != null) {
        rearm(j, p);
      }
    }
    for (StoredJob j : cs.jobs().inState(JobState.RECURRING)) {
      recurring.armIfMissing(j);
    }
    if (!triggers.exists(ADAPT_KEY)) {
      armAdapt(clock.instant());
    }
    planSoon();
    triggers.start();
  }

  @Override
  public void submitted(StoredJob job) {
    if (job.recurring()) {
      recurring.arm(job, clock.instant());
    } else {
      planSoon();
    }
  }

  @Override
  public StoredJob cancel(String jobId, String reason) {
    Optional<LiveRun> running = live.of(jobId);
    if (running.isPresent()) {
      running.get().requestStop(JobState.CANCELLED, reason);
      return cs.jobs().find(jobId).orElseThrow();
    }
    StoredJob j = cs.jobs().transition(jobId, JobState.CANCELLED, reason);
    triggers.cancel(Recurring.key(jobId));
    return j;
  }

  @Override
  public Health health() {
    List<String> alive = localTimer == null ? List.of(cs.owner()) : triggers.liveDaemons();
    return new Health(
        stopping ? "stopping" : Health.OK,
        cs.owner(),
        VERSION,
        Duration.between(startedAt, clock.instant()),
        alive.isEmpty() ? List.of(cs.owner()) : alive);
  }

  /**
   * Plans the new arrivals soon (inserted around the current plan, or the queue re-planned if they
   * are displaced), once however many times it is asked before the round runs.
   */
  public void planSoon() {
    // one trigger write per round, not per submission: a burst of POSTs shares one round
    if (!stopping && planPending.compareAndSet(false, true)) {
      triggers.at("plan-soon", PLAN, clock.instant(), Map.of("renewed", "false"));
      if (localTimer != null) {
        // the round may run on another daemon, which cannot clear this flag: once the trigger
        // is written, whatever was submitted before it is seen by that round
        planPending.set(false);
      }
    }
  }

  /** A full round: every job not yet started is re-planned on the latest forecasts. */
  void planRound() {
    planRound(true);
  }

  private void planRound(boolean forecastsRenewed) {
    if (stopping) {
      return;
    }
    if (planClusterLock != null) {
      planClusterLock.holding(
          () -> {
            planRoundHere(forecastsRenewed);
            return null;
          });
    } else {
      planRoundHere(forecastsRenewed);
    }
  }

  private void planRoundHere(boolean forecastsRenewed) {
    synchronized (planLock) {
      planPending.set(false);
      long t0 = System.nanoTime();
      List<Placement> placed = cs.queuePlanner().planRound(forecastsRenewed);
      metrics.planDuration(Duration.ofNanos(System.nanoTime() - t0));
      for (Placement p : placed) {
        LOG.info(
            "{} placed in {} at {}: {}; {}",
            p.jobId(),
            p.regionId(),
            p.start(),
            p.reason().text(),
            p.fallback());
      }
      armDue();
    }
  }

  /**
   * After a restart: a placement that ended while the daemon was down goes back to the queue (its
   * start trigger, if it survived, would say the same); any other gets its triggers again.
   */
  private void rearm(StoredJob job, PlacementRecord p) {
    List<Slice> ws = QueuePlanner.slices(p);
    Instant now = clock.instant();
    if (!ws.get(ws.size() - 1).end().isAfter(now) && live.of(job.id()).isEmpty()) {
      cs.jobs()
          .transition(
              job.id(),
              JobState.QUEUED,
              "its placement "
                  + p.start()
                  + ".."
                  + p.end()
                  + " passed while the daemon was down;"
                  + " re-planned");
      return;
    }
    arm(p);
  }

  /**
   * How far ahead start triggers are written. A placement further out gets its triggers from a
   * later planning round ({@link #armDue}, at least every {@code planEvery}), so that a queue of
   * thousands placed hours ahead, and re-planned on each forecast, writes no trigger until its
   * start comes near. Two planning periods and the start tolerance: one missed round loses nothing.
   */
  private Duration armAhead() {
    return config.planEvery().multipliedBy(2).plus(config.startTolerance());
  }

  /** Triggers for every planned placement whose start has come within {@link #armAhead}. */
  private void armDue() {
    Instant by = clock.instant().plus(armAhead());
    for (PlacementRecord p : cs.placements().currentStartingBy(JobState.PLANNED, by).values()) {
      arm(p);
    }
  }

  /**
   * A start trigger at each slice of the placement that starts within {@link #armAhead}, and a stop
   * trigger at each such slice's end; later slices are armed by a later round.
   */
  private void arm(PlacementRecord p) {
    List<Slice> ws = QueuePlanner.slices(p);
    Instant now = clock.instant();
    Instant horizon = now.plus(armAhead());
    for (int i = 0; i < ws.size(); i++) {
      Slice w = ws.get(i);
      if (w.start().isAfter(horizon)) {
        break;
      }
      if (!w.end().isAfter(now)) {
        continue;
      }
      Map<String, String> data =
          Map.of(
              "job", p.jobId(),
              "placement", String.valueOf(p.id()),
              "slice", String.valueOf(i),
              "at", w.start().toString());
      triggers.at("start:" + p.jobId() + ":" + i, START, w.start(), data);
      if (ws.size() > 1) {
        triggers.at("stop:" + p.jobId() + ":" + i, STOP, w.end(), data);
      }
    }
  }

  private void onStart(Map<String, String> d) {
    if (stopping) {
      return;
    }
    String jobId = d.get("job");
    long placementId = Long.parseLong(d.get("placement"));
    int slice = Integer.parseInt(d.get("slice"));
    Instant at = Instant.parse(d.get("at"));
    Optional<StoredJob> job = cs.jobs().find(jobId);
    Optional<PlacementRecord> p = cs.placements().current(jobId);
    if (job.isEmpty()
        || job.get().state() != JobState.PLANNED
        || p.isEmpty()
        || p.get().id() != placementId) {
      return; // cancelled, re-planned or already running: an old trigger
    }
    Duration late = Duration.between(at, clock.instant());
    if (late.compareTo(config.startTolerance()) > 0) {
      cs.jobs()
          .transition(
              jobId,
              JobState.QUEUED,
              "missed its start at " + at + " by " + late.withNanos(0) + "; re-planned");
      LOG.info("{} missed its start at {} by {}; re-planned", jobId, at, late.withNanos(0));
      planSoon();
      return;
    }
    Region region = cs.catalog().find(p.get().region()).orElseThrow();
    Optional<LiveRun> claimed = live.claim(jobId, slice);
    if (claimed.isEmpty()) {
      return;
    }
    workers.submit(region, () -> work(jobId, placementId, claimed.get()));
  }

  private void work(String jobId, long placementId, LiveRun run) {
    try {
      StoredJob j = cs.jobs().find(jobId).orElseThrow();
      Optional<PlacementRecord> p = cs.placements().current(jobId);
      if (stopping || j.state() != JobState.PLANNED || p.isEmpty() || p.get().id() != placementId) {
        return; // a cancel or a re-plan won while the job waited for a worker
      }
      RunListener l = listener;
      JobRunner.Result r = cs.runner().run(j, run, e -> l.epochEnded(run, e));
      if (r.job().state() == JobState.QUEUED) {
        planSoon();
      }
    } catch (RuntimeException e) {
      metrics.periodicTaskFailure("worker");
      LOG.error("{}: worker failed", jobId, e);
    } finally {
      live.release(run);
    }
  }

  private void onSliceEnd(Map<String, String> d) {
    String jobId = d.get("job");
    int slice = Integer.parseInt(d.get("slice"));
    live.of(jobId)
        .filter(r -> r.sliceIndex() == slice)
        .ifPresent(
            r -> {
              Optional<PlacementRecord> p = cs.placements().current(jobId);
              boolean more =
                  p.isPresent()
                      && String.valueOf(p.get().id()).equals(d.get("placement"))
                      && slice + 1 < QueuePlanner.slices(p.get()).size();
              if (more) {
                r.requestStop(JobState.PLANNED, "slice " + (slice + 1) + " ended");
              } else {
                r.requestStop(JobState.QUEUED, "its last slice ended before it finished");
              }
            });
  }

  /** The MAPE-K cycle's next time on the daemon's clock, by its cron. */
  private void armAdapt(Instant after) {
    String cron = cs.adaptCron();
    Recurring.next(cron, after)
        .ifPresent(t -> triggers.at(ADAPT_KEY, ADAPT, t, Map.of("at", t.toString())));
  }

  private void adaptFired() {
    if (stopping) {
      return;
    }
    try {
      var decided = cs.adapt().cycleAll();
      if (decided.stream().anyMatch(d -> d.jobId() != null)) {
        planSoon();
      }
    } finally {
      armAdapt(clock.instant());
    }
  }

  private void recurringFired(Map<String, String> d) {
    if (!stopping) {
      recurring.fired(d).ifPresent(j -> planSoon());
    }
  }

  private void heartbeat() {
    cs.runs().heartbeat(live.runIds(), clock.instant());
    // a cancel may have reached the store through another daemon (or the CLI on the store): the
    // run stops at its next checkpoint instead of training on to a result nobody wants
    for (LiveRun run : live.all()) {
      cs.jobs()
          .find(run.jobId())
          .filter(j -> j.state() == JobState.CANCELLED)
          .ifPresent(j -> run.requestStop(JobState.CANCELLED, "cancelled: " + j.stateReason()));
    }
  }

  private void sweepDeadRuns() {
    List<RunRecord> dead = deadRuns.sweep();
    dead.forEach(r -> metrics.heartbeatMissed());
    if (!dead.isEmpty()) {
      planSoon();
    }
  }

  private void refreshForecasts() {
    Instant now = clock.instant();
    List<Region> regions = cs.catalog().all();
    for (RegionForecast f :
        cs.sources().forecasts(regions, now, now.plus(PlanningService.DEFAULT_HORIZON))) {
      f.failures().stream()
          .filter(u -> !u.reason().startsWith("not configured"))
          .forEach(u -> metrics.sourceFailure(u.source()));
    }
    planRound(true);
  }

  /**
   * Stops taking work, asks every running training to stop at its next checkpoint, waits at most
   * the configured time (heartbeating meanwhile), then records what still runs as interrupted, so
   * that the next start resumes it.
   */
  @Override
  public void close() {
    if (stopping) {
      return;
    }
    stopping = true;
    LOG.info("stopping: {} runs asked to checkpoint", live.all().size());
    if (localTimer != null) {
      localTimer.stopFiringTask(JOBS_FOLDER);
    }
    try {
      triggers.close();
    } catch (RuntimeException e) {
      LOG.warn("scheduler did not stop cleanly: {}", e.toString());
    }
    live.all().forEach(r -> r.requestStop(JobState.QUEUED, "daemon stopping"));
    Timebase tb = Timebase.of(clock);
    try {
      boolean idle =
          workers.stopAndWait(
              tb.toBase(config.shutdownWait()),
              tb.toBase(config.heartbeatEvery()),
              this::heartbeat);
      if (!idle) {
        for (LiveRun r : live.all()) {
          LOG.warn(
              "{} did not reach a checkpoint in {}; recorded as interrupted",
              r.jobId(),
              config.shutdownWait());
          deadRuns.interrupt(r.runId(), r.jobId(), "daemon stopped before it reached a checkpoint");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (localTimer != null) {
        localTimer.close();
      }
    }
    LOG.info("stopped");
  }
}
