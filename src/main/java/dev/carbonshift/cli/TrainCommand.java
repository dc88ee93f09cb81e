package dev.carbonshift.cli;

import dev.carbonshift.carbon.YearlyAverages;
import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.energy.FixedPowerMeter;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.ModelVersionRepository;
import dev.carbonshift.train.ModelVersion;
import dev.carbonshift.train.RunSummary;
import dev.carbonshift.train.Trainers;
import dev.carbonshift.train.TrainingOutcome;
import dev.carbonshift.train.TrainingRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
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
      "Run one training job now, in the foreground, and record the model version it produces.",
      "A job stopped or crashed earlier resumes from its last checkpoint."
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
      defaultValue = ".carbonshift/models",
      description = "model files and checkpoints (default: ${DEFAULT-VALUE})")
  String dataDir;

  @Option(
      names = "--intensity",
      paramLabel = "G_PER_KWH",
      description = "grid intensity for kgCO2e (default: the home region's yearly average)")
  Double intensity;

  @Option(
      names = "--pue",
      paramLabel = "RATIO",
      description = "PUE of the site (default: the home region's, else 1.0)")
  Double pue;

  @Option(
      names = "--power-watts",
      paramLabel = "W",
      description =
          "state the machine's power while it trains instead of measuring it (default: measured"
              + " with the best sensor available, else modelled from this JVM's CPU time)")
  Double powerWatts;

  TrainCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    RegionCatalog catalog = store.catalog(ctx);
    Path path = ctx.resolve(file);
    JobSpec job = JobIntake.parserFor(catalog, ctx.clock()).parse(path, file).spec();
    Optional<Region> home = job.home() == null ? Optional.empty() : catalog.find(job.home());
    double grams = intensity != null ? intensity : yearly(home);
    double ratio = pue != null ? pue : home.map(Region::pue).orElse(1.0);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    var registry = new ModelVersionRepository(store.open(ctx));
    var trainer = Trainers.dl4j(registry, ctx.resolve(dataDir), ctx.clock());
    EnergyMeter meter =
        powerWatts != null
            ? new FixedPowerMeter(ctx.clock(), Component.CPU, powerWatts)
            : MeterSetup.forThisJvm(ctx);
    ProgressBar bar = new ProgressBar(err);
    TrainingRequest request =
        TrainingRequest.of(job, path.getParent(), meter)
            .withCarbon(grams, ratio)
            .withListener(bar::update);
    TrainingOutcome outcome = trainer.train(request);
    bar.finish();
    if (outcome instanceof TrainingOutcome.Completed c) {
      return report(out, c.version(), c.run(), grams, ratio);
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

  private static double yearly(Optional<Region> home) {
    if (home.isEmpty()) {
      return 0;
    }
    var avg = YearlyAverages.bundled().gramsPerKwh(home.get().zone());
    return avg.isPresent() ? avg.getAsDouble() : 0;
  }

  private static int report(
      PrintWriter out, ModelVersion v, RunSummary run, double grams, double pue) {
    out.printf(
        Locale.ROOT,
        "%s trained%s: %s on the test split = %.4f (%s)%n",
        v.ref(),
        v.parentRef() == null ? "" : " from " + v.parentRef(),
        run.metric(),
        run.testMetric(),
        run.stopReason());
    out.printf(
        Locale.ROOT,
        "%d epochs, %.1f s, %.6f kWh (%s), %.6f kgCO2e at %.0f g/kWh and PUE %.2f%s%n",
        run.epochs(),
        run.wallTime().toMillis() / 1000.0,
        run.kwh(),
        run.energyMethod(),
        run.kgCo2e(),
        grams,
        pue,
        run.resumed() ? ", resumed from a checkpoint" : "");
    out.printf("stored in %s%n", v.directory());
    out.flush();
    return Main.OK;
  }
}
