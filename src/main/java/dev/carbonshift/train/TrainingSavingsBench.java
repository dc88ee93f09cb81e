package dev.carbonshift.train;

import dev.carbonshift.job.DatasetSpec;
import dev.carbonshift.job.JobKind;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.NetworkSpec;
import dev.carbonshift.job.Strategy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Measures what reuse saves: the incremental nightly retrain and the transfer job against training
 * the same network from scratch to the same target, both scored on the same test split. Energy is
 * modelled as a stated power per busy core × the process's CPU time, the same for every run, so the
 * ratio is a ratio of compute on this machine, unaffected by waiting for shared cores.
 */
public final class TrainingSavingsBench {
  /** The jobs the benchmark reads, as descriptors: base, reuse, and the base of a transfer. */
  public record Jobs(JobSpec forecaster, JobSpec nightly, JobSpec seattle, JobSpec newYork) {}

  /** One comparison: the reusing run against the scratch run, on the reusing job's test split. */
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

  public TrainingSavingsBench(Path dataDir, Path baseDir, double watts, Clock clock) {
    this.trainer = Trainers.dl4j(ModelRegistry.inMemory(), dataDir, clock);
    this.baseDir = baseDir;
    this.watts = watts;
    this.clock = clock;
  }

  public Comparison[] run(Jobs jobs, PrintWriter log) {
    // the parents' own training also warms the JVM and ND4J up before anything is compared
    train(jobs.forecaster(), log);
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
    Comparison nightly = compare(jobs.nightly(), nightlyScratch, log);
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
    JobSpec newYorkScratch = scratchOf(jobs.newYork(), jobs.newYork().dataset(), plain);
    Comparison transfer = compare(jobs.newYork(), newYorkScratch, log);
    return new Comparison[] {nightly, transfer};
  }

  private Comparison compare(JobSpec reuseJob, JobSpec scratchJob, PrintWriter log) {
    TrainingOutcome.Completed scratch = train(scratchJob, log);
    TrainingOutcome.Completed reuse = train(reuseJob, log);
    Map<String, Double> scratchOnSameTest =
        Evaluator.onTestSplit(scratch.version(), reuseJob.dataset(), baseDir);
    String metric = reuse.run().metric();
    return new Comparison(
        reuseJob.name(),
        reuse.run(),
        scratch.run(),
        reuse.run().testMetric(),
        scratchOnSameTest.get(metric));
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
