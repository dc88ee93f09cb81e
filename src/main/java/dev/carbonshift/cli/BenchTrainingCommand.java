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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
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
      "Measure what incremental retraining and transfer learning save against fair from-scratch"
          + " training, over several seeds: nightly, on consecutive nights of each trace, the"
          + " incremental retrain (new day + replayed recent days) against a new model on all data"
          + " up to that night, both and seasonal persistence scored on the following week;"
          + " transfer against scratch on the same target data.",
      "Energy is modelled as --watts per busy core × the CPU time of the training thread"
          + " (nanosecond thread CPU time, ND4J confined to that thread)."
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
      names = "--seeds",
      paramLabel = "N",
      defaultValue = "5",
      description = "seeds 1..N for every run (default: ${DEFAULT-VALUE})")
  int seeds;

  @Option(
      names = "--nights",
      paramLabel = "N",
      defaultValue = "5",
      description = "consecutive nights per trace and seed (default: ${DEFAULT-VALUE})")
  int nights;

  @Option(
      names = "--traces",
      paramLabel = "FILE",
      split = ",",
      defaultValue = "ES_2022_hourly.csv.gz,NO_2022_hourly.csv.gz",
      description =
          "hourly trace files beside the forecaster's dataset (default: ${DEFAULT-VALUE};"
              + " US-CAL-CISO_2022_hourly.csv.gz is the third)")
  List<String> traces;

  @Option(
      names = "--history-days",
      paramLabel = "D",
      defaultValue = "30",
      description = "days of data before the first night (default: ${DEFAULT-VALUE})")
  int historyDays;

  @Option(
      names = "--replay-days",
      paramLabel = "D",
      defaultValue = "14",
      description = "recent days the incremental retrain replays (default: ${DEFAULT-VALUE})")
  int replayDays;

  BenchTrainingCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    if (seeds < 1 || nights < 1 || historyDays < 8 || replayDays < 1 || traces.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--seeds and --nights must be at least 1, --history-days at least 8, --replay-days at"
              + " least 1, and --traces name at least one file");
    }
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
    List<Long> seedList = LongStream.rangeClosed(1, seeds).boxed().toList();
    var cfg = new TrainingSavingsBench.Config(traces, seedList, nights, historyDays, replayDays);
    Path models =
        dataDir == null ? Files.createTempDirectory("carbonshift-bench") : ctx.resolve(dataDir);
    PrintWriter out = spec.commandLine().getOut();
    try {
      var bench = new TrainingSavingsBench(models, dir, watts, ctx.clock());
      out.println("energy: " + bench.method());
      out.println("seeds: " + seedList + "; runs:");
      BenchReport.print(bench.run(set, cfg, out), out);
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
