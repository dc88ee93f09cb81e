package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.train.ModelVersion;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List stored model versions with their lineage, test metric and cost.")
final class ModelsCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "only this model's versions")
  String name;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = ".carbonshift/models",
      description =
          "model files (default: ${DEFAULT-VALUE}); versions whose files are gone are" + " marked")
  String dataDir;

  ModelsCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<ModelVersion> versions;
    try (Carbonshift cs = store.open(ctx)) {
      versions = cs.models().list(name);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (versions.isEmpty()) {
      out.println(name == null ? "no model versions yet" : "no versions of " + name);
      out.flush();
      return Main.OK;
    }
    Table t =
        new Table(
            "VERSION",
            "FROM",
            "STRATEGY",
            "TEST METRIC",
            "EPOCHS",
            "kWh",
            "kgCO2e",
            "SIZE",
            "ROWS",
            "DATA",
            "CREATED");
    for (ModelVersion v : versions) {
      // versions stored with a relative folder are found under the data folder
      boolean present = Files.exists(ctx.resolve(dataDir).resolve(v.modelFile()));
      t.row(
          v.ref() + (present ? "" : " (files missing)"),
          v.parentRef() == null ? "-" : v.parentRef(),
          v.strategy().name().toLowerCase(Locale.ROOT),
          String.format(Locale.ROOT, "%s %.4f", v.metric(), v.testMetric()),
          Integer.toString(v.epochs()),
          String.format(Locale.ROOT, "%.3g", v.kwh()),
          String.format(Locale.ROOT, "%.3g", v.kgCo2e()),
          (v.sizeBytes() + 1023) / 1024 + " KiB",
          "lines " + v.firstLine() + "-" + v.lastLine(),
          v.datasetFingerprint() == null ? "-" : v.datasetFingerprint().substring(0, 12),
          Times.show(v.createdAt()));
    }
    t.print(out);
    out.flush();
    return Main.OK;
  }
}
