package dev.carbonshift.train;

import dev.carbonshift.energy.ModelledMeter;
import dev.carbonshift.job.DatasetSpec;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.job.Target;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What reuse saves, measured fairly. Nightly: on each of several consecutive nights, the
 * incremental retrain (the night's new data plus a replay of recent days, from the previous night's
 * version) against what a team would otherwise do, a new model trained from scratch on all data up
 * to that night with the same stopping rule; both, and seasonal persistence, scored on the
 * following week. Transfer: the transferred model against a model trained from scratch on the same
 * target data, on the same held-out window. Every run over several seeds. Energy is modelled as a
 * stated power per busy core × the CPU time of the thread that trains, with ND4J confined to that
 * thread, so JIT, GC and other work in the JVM do not count.
 */
public final class TrainingSavingsBench {
  /**
   * The shipped jobs the bench starts from: the day-ahead forecaster (data, network, stopping rule
   * for the base and every from-scratch run), its nightly retrain (network and stopping rule of
   * every incremental run), and the weather pair.
   */
  public record Jobs(JobSpec forecaster, JobSpec nightly, JobSpec seattle, JobSpec newYork) {}

  /**
   * @param traces trace files beside the forecaster's dataset, each one a separate series
   * @param historyDays days of data before the first night that the base model trains on
   * @param replayDays days before each night replayed by the incremental retrain
   */
  public record Config(
      List<String> traces, List<Long> seeds, int nights, int historyDays, int replayDays) {}

  /** One seed's figures over every night of one trace (or one transfer). */
  public record SeedResult(
      long seed,
      double reuseKwh,
      double scratchKwh,
      double reuseMae,
      double scratchMae,
      double naiveMae,
      String naive,
      boolean belowResolution) {
    public double savedPct() {
      return 100 * (1 - reuseKwh / scratchKwh);
    }
  }

  /** Seeds' results for one comparison: a trace's nights, or the transfer. */
  public record Comparison(String name, int nights, List<SeedResult> seeds) {}

  private final Trainer trainer;
  private final Path baseDir;
  private final ModelledMeter meter;

  public TrainingSavingsBench(Path dataDir, Path baseDir, double watts, Clock clock) {
    this.trainer = Trainers.dl4j(ModelRegistry.inMemory(), dataDir, clock);
    this.baseDir = baseDir;
    CpuTimeMeter.confineNd4jToCallingThread();
    this.meter = CpuTimeMeter.ofTrainingThread(clock, watts);
  }

  public String method() {
    return meter.method()
        + " (ND4J confined to that thread); resolution "
        + String.format(Locale.ROOT, "%.1e J", meter.resolutionJoules());
  }

  public List<Comparison> run(Jobs jobs, Config cfg, PrintWriter log) {
    List<Comparison> out = new ArrayList<>();
    for (String trace : cfg.traces()) {
      out.add(nightly(jobs.forecaster(), jobs.nightly(), trace, cfg, log));
    }
    // the same stopping rule for both runs: the descriptor's (target, patience, epochs), and
    // patience and epochs alone
    JobSpec ny = jobs.newYork();
    if (ny.target() != null) {
      out.add(
          transfer(
              jobs,
              cfg,
              log,
              ny.target(),
              "transfer "
                  + ny.name()
                  + " ("
                  + ny.target().metric()
                  + " target "
                  + ny.target().threshold()
                  + ")"));
    }
    out.add(transfer(jobs, cfg, log, null, "transfer " + ny.name() + " (patience only)"));
    return out;
  }

  private Comparison nightly(
      JobSpec f, JobSpec nightly, String trace, Config cfg, PrintWriter log) {
    DatasetSpec d = f.dataset();
    LocalDateTime start = Times.parse(d.from(), "dataset.from");
    int lead = d.lead();
    String tag = trace.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
    List<SeedResult> seeds = new ArrayList<>();
    for (long seed : cfg.seeds()) {
      String name = "bench-" + tag + "-s" + seed;
      LocalDateTime night0 = start.plusDays(cfg.historyDays());
      JobSpec base =
          BenchJobs.variant(
              f,
              name,
              Strategy.SCRATCH,
              null,
              BenchJobs.data(d, trace, start, night0.plusDays(7)),
              f.network().withSeed(seed));
      String parent = train(base, log).version().ref();
      double[] sum = new double[5];
      String naive = null;
      boolean below = false;
      for (int k = 1; k <= cfg.nights(); k++) {
        LocalDateTime now = night0.plusDays(k);
        LocalDateTime weekAfter = now.plusDays(7);
        JobSpec scratch =
            BenchJobs.variant(
                f,
                name + "-scratch-n" + k,
                Strategy.SCRATCH,
                null,
                BenchJobs.data(d, trace, start, weekAfter),
                f.network().withSeed(seed));
        JobSpec reuse =
            BenchJobs.variant(
                f,
                name,
                Strategy.INCREMENTAL,
                parent,
                BenchJobs.data(
                    d, trace, now.minusDays(cfg.replayDays()).minusHours(lead), weekAfter),
                nightly.network().withSeed(seed));
        TrainingOutcome.Completed s = train(scratch, log);
        TrainingOutcome.Completed r = train(reuse, log);
        parent = r.version().ref();
        TestWindow w = requireSameWindow(r, s);
        naive = w.reference();
        sum[0] += r.run().kwh();
        sum[1] += s.run().kwh();
        sum[2] += r.run().testMetrics().get(Metrics.MAE);
        sum[3] += s.run().testMetrics().get(Metrics.MAE);
        sum[4] += w.baselines().get(naive).get(Metrics.MAE);
        below |= belowResolution(r) || belowResolution(s);
      }
      int n = cfg.nights();
      seeds.add(
          new SeedResult(seed, sum[0], sum[1], sum[2] / n, sum[3] / n, sum[4] / n, naive, below));
    }
    return new Comparison(trace, cfg.nights(), seeds);
  }

  private Comparison transfer(Jobs jobs, Config cfg, PrintWriter log, Target target, String title) {
    List<SeedResult> seeds = new ArrayList<>();
    JobSpec ny = jobs.newYork();
    DatasetSpec nyData = BenchJobs.data(ny.dataset(), fileOf(ny.dataset()), null, null);
    List<Long> runs = new ArrayList<>();
    // seed 0 first, not counted: the JVM's first pass through the transfer code (class loading,
    // interpreted code) would otherwise be charged to the first seed's transfer alone
    boolean warmUp = !cfg.seeds().contains(0L);
    if (warmUp) {
      runs.add(0L);
    }
    runs.addAll(cfg.seeds());
    for (long seed : runs) {
      JobSpec seattle =
          BenchJobs.variant(
              jobs.seattle(),
              "bench-seattle-s" + seed,
              Strategy.SCRATCH,
              null,
              jobs.seattle().dataset(),
              jobs.seattle().network().withSeed(seed));
      String base = train(seattle, log).version().ref();
      JobSpec reuseJob =
          BenchJobs.variant(
              ny,
              "bench-newyork-s" + seed,
              Strategy.TRANSFER,
              base,
              nyData,
              ny.network().withSeed(seed),
              target);
      // the same target data, the same network, from scratch: what the transfer saves
      JobSpec scratchJob =
          BenchJobs.variant(
              ny,
              "bench-newyork-scratch-s" + seed,
              Strategy.SCRATCH,
              null,
              nyData,
              ny.network().withSeed(seed).withoutTransfer(),
              target);
      TrainingOutcome.Completed s = train(scratchJob, log);
      TrainingOutcome.Completed r = train(reuseJob, log);
      TestWindow w = requireSameWindow(r, s);
      String naive = w.reference();
      if (warmUp && seed == 0) {
        continue;
      }
      seeds.add(
          new SeedResult(
              seed,
              r.run().kwh(),
              s.run().kwh(),
              r.run().testMetrics().get(Metrics.MAE),
              s.run().testMetrics().get(Metrics.MAE),
              w.baselines().get(naive).get(Metrics.MAE),
              naive,
              belowResolution(r) || belowResolution(s)));
    }
    return new Comparison(title, 1, seeds);
  }

  private static String fileOf(DatasetSpec d) {
    return Path.of(d.path()).getFileName().toString();
  }

  private static TestWindow requireSameWindow(
      TrainingOutcome.Completed a, TrainingOutcome.Completed b) {
    TestWindow w = a.run().testWindow();
    if (!w.sameAs(b.run().testWindow())) {
      throw new IllegalStateException(
          "compared runs were scored on different windows: " + w + " vs " + b.run().testWindow());
    }
    return w;
  }

  private boolean belowResolution(TrainingOutcome.Completed c) {
    return c.run().kwh() * 3.6e6 < 10 * meter.resolutionJoules();
  }

  private TrainingOutcome.Completed train(JobSpec job, PrintWriter log) {
    TrainingOutcome o = trainer.train(TrainingRequest.of(job, baseDir, meter));
    if (!(o instanceof TrainingOutcome.Completed c)) {
      throw new IllegalStateException(job.name() + " did not complete: " + o);
    }
    log.printf(
        Locale.ROOT,
        "  %-34s %-11s %3d epochs %8.3f J  test mae %7.3f  skill %+.3f (%s)%n",
        job.name(),
        job.strategy().name().toLowerCase(Locale.ROOT),
        c.run().epochs(),
        c.run().kwh() * 3.6e6,
        c.run().testMetrics().get(Metrics.MAE),
        c.run().skill(),
        c.run().stopReason());
    log.flush();
    return c;
  }
}
