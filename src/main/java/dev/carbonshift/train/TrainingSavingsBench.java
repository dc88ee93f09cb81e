package dev.carbonshift.train;

import dev.carbonshift.job.DatasetSpec;
import dev.carbonshift.job.JobKind;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.NetworkSpec;
import dev.carbonshift.job.Strategy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Measures what reuse saves: the incremental nightly retrain and the transfer job against training
 * the same network from scratch to the same target, both scored on the same test split. Energy is
 * modelled as a stated power per busy core × the process's CPU time, the same for every run, so the
 * ratio is a ratio of compute on this machine, unaffected by waiting for shared cores.
 */
public final class TrainingSavingsBench {
  /** The jobs the benchmark reads, as descriptors: base, reuse, and the base of a transfer. */
  public record Jobs(JobSpec forecaster, JobSpec nightly, JobSpec seattle, JobSpec newYork) {}

  /** One comparison: the reusing run against the scratch run, both scored on one test split. */
  public record Comparison(
      String job, RunSummary reuse, RunSummary scratch, double reuseMetric, double scratchMetric) {
    public double energySavedPct() {
      return 100 * (1 - reuse.kwh() / scratch.kwh());
    }
  }

  private final Trainer trainer;
  private final Path baseDir;
  private final double watts;
  private final Clock clock;
  private final int repeats;

  /**
   * @param repeats runs of each job; the run of median energy is reported
   */
  public TrainingSavingsBench(Path dataDir, Path baseDir, double watts, int repeats, Clock clock) {
    this.repeats = Math.max(1, repeats);
    this.trainer = Trainers.dl4j(ModelRegistry.inMemory(), dataDir, clock);
    this.baseDir = baseDir;
    this.watts = watts;
    this.clock = clock;
  }

  public Comparison[] run(Jobs jobs, PrintWriter log) {
    // the parents' own training also warms the JVM and ND4J up before anything is compared
    ModelVersion parent = train(jobs.forecaster(), log).version();
    DatasetSpec n = jobs.nightly().dataset();
    DatasetSpec history =
        new DatasetSpec(
            n.path(),
            n.features(),
            n.label(),
            n.timeColumn(),
            jobs.forecaster().dataset().from(),
            n.to(),
            n.window(),
            n.horizon(),
            n.fraction(),
            n.filter(),
            n.split());
    JobSpec nightlyScratch = scratchOf(jobs.nightly(), history, jobs.forecaster().network());
    // the history's test split ends with the new day, so the nightly's test rows stay unseen
    // pinned, so that repeated runs all continue from the same parent, not from each other
    JobSpec nightlyJob = withBase(jobs.nightly(), parent.ref());
    Comparison nightly = compare(nightlyJob, nightlyScratch, n, log);
    train(jobs.seattle(), log);
    NetworkSpec t = jobs.newYork().network();
    NetworkSpec plain =
        new NetworkSpec(
            t.type(),
            t.layers(),
            t.activation(),
            t.dropout(),
            t.updater(),
            t.learningRate(),
            t.epochs(),
            t.batchSize(),
            t.earlyStoppingPatience(),
            t.seed(),
            0,
            null);
    DatasetSpec y = jobs.newYork().dataset();
    DatasetSpec allOfNewYork =
        new DatasetSpec(
            y.path(),
            y.features(),
            y.label(),
            y.timeColumn(),
            y.from(),
            y.to(),
            y.window(),
            y.horizon(),
            1.0,
            y.filter(),
            y.split());
    // without a base model, all of New York's data is what one would train on; both models are
    // scored on its test split, the latest rows, which neither has seen
    JobSpec newYorkScratch = scratchOf(jobs.newYork(), allOfNewYork, plain);
    Comparison transfer = compare(jobs.newYork(), newYorkScratch, allOfNewYork, log);
    return new Comparison[] {nightly, transfer};
  }

  private Comparison compare(
      JobSpec reuseJob, JobSpec scratchJob, DatasetSpec commonTest, PrintWriter log) {
    List<TrainingOutcome.Completed> scratch = new ArrayList<>();
    List<TrainingOutcome.Completed> reuse = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      scratch.add(train(scratchJob, log));
      reuse.add(train(reuseJob, log));
    }
    String metric = reuseJob.target() == null ? "mae" : reuseJob.target().metric();
    return new Comparison(
        reuseJob.name(),
        median(reuse).run(),
        median(scratch).run(),
        Evaluator.onTestSplit(median(reuse).version(), commonTest, baseDir).get(metric),
        Evaluator.onTestSplit(median(scratch).version(), commonTest, baseDir).get(metric));
  }

  /** The run of median energy: one busy moment on a shared machine does not decide the result. */
  private static TrainingOutcome.Completed median(List<TrainingOutcome.Completed> runs) {
    List<TrainingOutcome.Completed> sorted =
        runs.stream().sorted(Comparator.comparingDouble(c -> c.run().kwh())).toList();
    return sorted.get(sorted.size() / 2);
  }

  private static JobSpec withBase(JobSpec j, String baseModel) {
    return new JobSpec(
        j.name(),
        j.team(),
        j.kind(),
        j.strategy(),
        j.model(),
        baseModel,
        j.modelFile(),
        j.dataset(),
        j.network(),
        j.estimate(),
        j.earliestStart(),
        j.deadline(),
        j.regions(),
        j.home(),
        j.interruptible(),
        j.minSlice(),
        j.priority(),
        j.schedule(),
        j.target());
  }

  private TrainingOutcome.Completed train(JobSpec job, PrintWriter log) {
    TrainingOutcome o =
        trainer.train(TrainingRequest.of(job, baseDir, CpuTimeMeter.ofThisProcess(clock, watts)));
    if (!(o instanceof TrainingOutcome.Completed c)) {
      throw new IllegalStateException(job.name() + " did not complete: " + o);
    }
    log.printf(
        Locale.ROOT,
        "  %-28s %-11s %3d epochs %6.2f s wall  %.7f kWh  test %s %.3f (%s)%n",
        job.name(),
        job.strategy().name().toLowerCase(Locale.ROOT),
        c.run().epochs(),
        c.run().wallTime().toMillis() / 1000.0,
        c.run().kwh(),
        c.run().metric(),
        c.run().testMetric(),
        c.run().stopReason());
    log.flush();
    return c;
  }

  private static JobSpec scratchOf(JobSpec j, DatasetSpec data, NetworkSpec net) {
    return new JobSpec(
        j.name() + "-scratch",
        j.team(),
        JobKind.TRAIN,
        Strategy.SCRATCH,
        j.model() + "-scratch",
        null,
        null,
        data,
        net,
        j.estimate(),
        j.earliestStart(),
        j.deadline(),
        j.regions(),
        j.home(),
        j.interruptible(),
        j.minSlice(),
        j.priority(),
        null,
        j.target());
  }
}
