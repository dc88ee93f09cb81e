package dev.carbonshift.daemon;

import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.RunState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The daemon's chaos and recovery figures: a real {@code carbonshift daemon} process training real
 * jobs is killed with {@code kill -9} at seeded random moments and restarted at once, each restart
 * timed until every run it interrupted has resumed; once more it is killed and left down while this
 * process judges its runs by heartbeat alone, as a daemon on another host would; then the jobs
 * drain, SIGTERM stops it, and the store is read for what was lost, doubled or repeated. Everything
 * runs on the wall clock: it measures real processes, so it waits for real.
 */
public final class ChaosBench {
  private static final Duration STEP_WAIT = Duration.ofMinutes(3);
  private static final Duration DRAIN_WAIT = Duration.ofMinutes(10);
  private static final long POLL_MILLIS = 100;

  /**
   * @param kills kill -9s that must hit a running training
   * @param jobs jobs submitted at least; more follow while kills remain, so each has one to hit
   * @param home the installation, for its regions and bundled trace
   * @param classPath the class path the daemon process runs on
   * @param tempParent where the bench's folder (store, models, settings, daemon log) is made
   */
  public record Options(
      int kills, long seed, int jobs, Path home, String classPath, Path tempParent) {
    public Options {
      if (kills < 1 || jobs < 1) {
        throw new IllegalArgumentException("--kills and --jobs must be at least 1");
      }
    }
  }

  private final Options o;
  private final ChaosWorkload w;
  private final Carbonshift cs;
  private final PrintWriter out;
  private final Random random;
  private final Set<String> seenTogether = new TreeSet<>();
  private final HeartbeatDetection detection;
  private Process daemon;

  private ChaosBench(Options o, ChaosWorkload w, Carbonshift cs, PrintWriter out) {
    this.o = o;
    this.w = w;
    this.cs = cs;
    this.out = out;
    this.random = new Random(o.seed());
    this.detection = new HeartbeatDetection(cs, w.config, random);
  }

  /** Runs the bench, printing progress to {@code out}; the figures are returned, not printed. */
  public static ChaosResult run(Options o, PrintWriter out)
      throws IOException, InterruptedException {
    ChaosWorkload w = ChaosWorkload.create(o.tempParent(), o.home());
    out.println("chaos: working in " + w.dir + " (the daemon's log is daemon.log there)");
    try (Carbonshift cs = Carbonshift.open(w.config, Clock.systemUTC())) {
      return new ChaosBench(o, w, cs, out).run();
    }
  }

  private ChaosResult run() throws IOException, InterruptedException {
    try {
      w.submitFirst(cs, o.jobs());
      start();
      List<Duration> resumed = new ArrayList<>();
      int kills = 0;
      int missed = 0;
      int notResumed = 0;
      for (int attempt = 0; kills < o.kills() && attempt < 3 * o.kills(); attempt++) {
        if (!waitFor(STEP_WAIT, this::training, true)) {
          out.println("chaos: nothing trained within " + STEP_WAIT + "; stopping the kills");
          break;
        }
        pause(1000 + random.nextInt(4001), true);
        List<RunRecord> hit = kill();
        long restartedAt = System.nanoTime();
        start();
        if (hit.isEmpty()) {
          missed++;
          continue;
        }
        kills++;
        if (waitFor(STEP_WAIT, () -> allResumed(hit), true)) {
          resumed.add(Duration.ofNanos(System.nanoTime() - restartedAt));
          out.printf(
              "chaos: kill %d hit %d runs; resumed %.2f s after the restart%n",
              kills, hit.size(), resumed.get(resumed.size() - 1).toNanos() / 1e9);
        } else {
          notResumed++;
          out.printf(
              "chaos: kill %d hit %d runs; not resumed in %s%n", kills, hit.size(), STEP_WAIT);
        }
      }
      Optional<Duration> detected = measureDetection();
      if (!waitFor(
          DRAIN_WAIT, () -> w.jobIds().size() >= o.jobs() && w.unfinished(cs) == 0, false)) {
        out.println("chaos: jobs still unfinished after " + DRAIN_WAIT);
      }
      int exit = stop();
      return new ChaosResult(
          o.seed(),
          kills,
          missed,
          ChaosFigures.read(cs.database(), w.jobIds(), seenTogether),
          List.copyOf(resumed),
          notResumed,
          detected,
          detection.bound(),
          detection.sweepEvery(),
          exit);
    } finally {
      if (daemon != null && daemon.isAlive()) {
        daemon.destroyForcibly();
      }
    }
  }

  /** Kill -9 while a run is under way, leave the daemon down, and time the heartbeat sweeps. */
  private Optional<Duration> measureDetection() throws IOException, InterruptedException {
    if (!waitFor(STEP_WAIT, this::training, true)) {
      return Optional.empty();
    }
    HeartbeatDetection.Outcome d = detection.measure(this::kill, () -> poll(true));
    start();
    waitFor(STEP_WAIT, () -> allResumed(d.hit()), true);
    if (d.hit().isEmpty()) {
      out.println("chaos: the detection kill found nothing running; not measured");
      return Optional.empty();
    }
    d.detected()
        .ifPresentOrElse(
            x ->
                out.printf(
                    "chaos: dead run found by heartbeat %.2f s after the kill%n",
                    x.toNanos() / 1e9),
            () -> out.println("chaos: the heartbeat sweep never found the dead run"));
    return d.detected();
  }

  private void start() throws IOException {
    // in the installation: the daemon checks its default settings (the regions under its working
    // directory or CARBONSHIFT_HOME) before it reads the settings file, which names every path
    daemon =
        DaemonProcess.start(
            o.classPath(), w.settings, ChaosWorkload.SPEED, o.home(), w.dir.resolve("daemon.log"));
  }

  /** Kill -9, then the runs the store still calls RUNNING: exactly those the kill interrupted. */
  private List<RunRecord> kill() throws InterruptedException {
    daemon.destroyForcibly();
    if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the daemon survived kill -9 for 30 s");
    }
    return cs.runs().running();
  }

  /** SIGTERM; the exit status, or -1 if the daemon had to be killed. */
  private int stop() throws InterruptedException {
    daemon.destroy();
    if (daemon.waitFor(2, TimeUnit.MINUTES)) {
      return daemon.exitValue();
    }
    daemon.destroyForcibly();
    return -1;
  }

  /**
   * A run is past its first epoch. The random wait before a kill starts only then: a fresh daemon
   * JVM spends seconds loading the native libraries and the dataset, and a kill there every time
   * would never test a resume from a checkpoint (kills still land in other runs' start-up).
   */
  private boolean training() {
    return cs.database()
            .jdbc()
            .queryOne(
                "SELECT COUNT(*) FROM runs WHERE state = ? AND epochs_done >= 1",
                rs -> rs.getLong(1),
                RunState.RUNNING.name())
            .orElse(0L)
        > 0;
  }

  /**
   * Each run's job has a newer run that started (a run cancelled before it began does not count).
   */
  private boolean allResumed(List<RunRecord> hit) {
    return hit.stream()
        .allMatch(
            r ->
                cs.runs().forJob(r.jobId()).stream()
                    .anyMatch(n -> n.id() > r.id() && n.state() != RunState.CANCELLED));
  }

  private boolean waitFor(Duration within, BooleanSupplier done, boolean moreWanted)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      poll(moreWanted);
      if (done.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private void pause(long millis, boolean moreWanted) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (long left = millis;
        left > 0;
        left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
      poll(moreWanted);
      Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left)));
    }
  }

  /** Keeps the queue fed, and notes any two runs of one job the store shows RUNNING at once. */
  private void poll(boolean moreWanted) throws IOException {
    if (!daemon.isAlive()) {
      throw new IllegalStateException(
          "the daemon exited by itself (status "
              + daemon.exitValue()
              + "); see "
              + w.dir.resolve("daemon.log"));
    }
    w.topUp(cs, o.jobs(), moreWanted);
    Map<String, List<RunRecord>> byJob =
        cs.runs().running().stream().collect(Collectors.groupingBy(RunRecord::jobId));
    for (List<RunRecord> rs : byJob.values()) {
      for (int i = 0; i < rs.size(); i++) {
        for (int j = i + 1; j < rs.size(); j++) {
          seenTogether.add(rs.get(i).id() + "+" + rs.get(j).id());
        }
      }
    }
  }
}
