package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.ForegroundRuns;
import dev.carbonshift.daemon.JobRunner;
import dev.carbonshift.daemon.LiveRun;
import dev.carbonshift.train.ModelVersion;
import dev.carbonshift.train.RunSummary;
import dev.carbonshift.train.TrainingOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Run one training job now, in the foreground, in its home region, and record the model"
          + " version it produces.",
      "The job is stored and heartbeats like a daemon's: a train that was killed is found dead"
          + " and the next train of the same file resumes it from its last checkpoint."
    })
final class TrainCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "job descriptor (YAML or JSON)")
  String file;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "model files and checkpoints (default: .carbonshift/models)")
  String dataDir;

  TrainCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path path = ctx.resolve(file);
    Map<String, String> more = dataDir == null ? Map.of() : Map.of("dataDir", dataDir);
    try (Carbonshift cs = store.open(ctx, more)) {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ForegroundRuns runs = new ForegroundRuns(cs);
      ForegroundRuns.Prepared job = runs.prepare(path, file);
      if (job.resumed()) {
        err.printf("resuming %s, interrupted earlier%n", job.job().id());
      }
      ProgressBar bar = new ProgressBar(err);
      JobRunner.Result r = runs.run(job.job(), LiveRun.detached(job.job().id()), bar::update);
      bar.finish();
      if (r.outcome().isEmpty()) {
        // the job moved between its claim and its start (cancelled, taken by a daemon's sweep)
        err.printf(
            "error: %s was not started: it is %s now (%s); try again%n",
            r.job().id(), r.job().state(), r.job().stateReason());
        err.flush();
        return Main.STORE_BUSY;
      }
      TrainingOutcome outcome = r.outcome().get();
      if (outcome instanceof TrainingOutcome.Completed c) {
        double kg = r.account().flatMap(a -> a.emissions()).map(e -> e.kgCo2e()).orElse(0.0);
        return report(out, job.job().id(), c.version(), c.run(), kg);
      }
      if (outcome instanceof TrainingOutcome.Stopped s) {
        out.printf(
            Locale.ROOT,
            "stopped after %d epochs (%s); run again to resume%n",
            s.epochsDone(),
            s.reason());
        out.flush();
        return Main.OK;
      }
      TrainingOutcome.Failed f = (TrainingOutcome.Failed) outcome;
      err.println("error: " + f.reason());
      err.flush();
      return f.badInput() ? Main.BAD_INPUT : Main.INTERNAL;
    }
  }

  private static int report(
      PrintWriter out, String jobId, ModelVersion v, RunSummary run, double kg) {
    out.printf(
        Locale.ROOT,
        "%s trained%s: %s on the test split = %.4f (%s)%n",
        v.ref(),
        v.parentRef() == null ? "" : " from " + v.parentRef(),
        run.metric(),
        run.testMetric(),
        run.stopReason());
    var w = run.testWindow();
    String naive = w.reference();
    if (naive != null) {
      out.printf(
          Locale.ROOT,
          "test window %s .. %s (%d samples): mae %.4f, %s mae %.4f, skill %+.3f%n",
          w.from(),
          w.to(),
          w.samples(),
          run.testMetrics().get("mae"),
          naive,
          w.baselines().get(naive).get("mae"),
          run.skill());
    }
    out.printf(
        Locale.ROOT,
        "%d epochs, %.1f s, %.3g kWh (%s), %.3g kgCO2e%s%n",
        run.epochs(),
        run.wallTime().toMillis() / 1000.0,
        run.kwh(),
        run.energyMethod(),
        kg,
        run.resumed() ? ", resumed from a checkpoint" : "");
    out.printf("job %s; stored in %s%n", jobId, v.directory());
    out.flush();
    return Main.OK;
  }
}
