package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.train.TrainingSavingsBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench-training",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the energy that incremental retraining and transfer learning save against training"
          + " the same network from scratch to the same target, on the shipped example jobs.",
      "Energy is modelled as --watts per busy core × the process's CPU time for every run, so"
          + " the savings are savings of compute on this machine."
    })
final class BenchTrainingCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Option(
      names = "--jobs",
      paramLabel = "DIR",
      description = "folder with the example descriptors (default: ./jobs, else the bundled ones)")
  String jobs;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "where the runs' models go (default: a temporary folder, removed afterwards)")
  String dataDir;

  @Option(
      names = "--watts",
      paramLabel = "W",
      defaultValue = "15",
      description = "modelled power per busy CPU core (default: ${DEFAULT-VALUE})")
  double watts;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "runs of each compared job; the median-energy run counts (default: ${DEFAULT-VALUE})")
  int repeat;

  BenchTrainingCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    Path dir = jobs == null ? ctx.defaultDir("jobs") : ctx.resolve(jobs);
    JobIntake intake;
    try (Carbonshift cs = store.open(ctx)) {
      intake = new JobIntake(cs.catalog(), null, ctx.clock());
    }
    var set =
        new TrainingSavingsBench.Jobs(
            job(intake, dir, "forecaster-es-train.yaml"),
            job(intake, dir, "forecaster-es-nightly.yaml"),
            job(intake, dir, "weather-seattle-train.yaml"),
            job(intake, dir, "weather-newyork-transfer.yaml"));
    Path models =
        dataDir == null ? Files.createTempDirectory("carbonshift-bench") : ctx.resolve(dataDir);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "runs (energy = %.0f W per busy core × CPU time):%n", watts);
    try {
      var results = new TrainingSavingsBench(models, dir, watts, repeat, ctx.clock()).run(set, out);
      out.println();
      Table t = new Table("JOB", "REUSE kWh", "SCRATCH kWh", "SAVED", "REUSE TEST", "SCRATCH TEST");
      for (var c : results) {
        t.row(
            c.job(),
            String.format(Locale.ROOT, "%.7f", c.reuse().kwh()),
            String.format(Locale.ROOT, "%.7f", c.scratch().kwh()),
            String.format(Locale.ROOT, "%.0f%%", c.energySavedPct()),
            String.format(Locale.ROOT, "%s %.3f", c.reuse().metric(), c.reuseMetric()),
            String.format(Locale.ROOT, "%s %.3f", c.reuse().metric(), c.scratchMetric()));
      }
      t.print(out);
      out.flush();
      return Main.OK;
    } finally {
      if (dataDir == null) {
        delete(models);
      }
    }
  }

  private static JobSpec job(JobIntake intake, Path dir, String file) {
    return intake.validate(dir.resolve(file)).spec();
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
