package dev.carbonshift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.train.ModelVersion;
import dev.carbonshift.train.TestWindow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
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
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "List stored model versions with their lineage, test metrics and cost.",
      "Every metric is on the version's held-out test window (shown with its sample count),"
          + " beside the naive forecasts on the same window; SKILL = 1 - MAE / naive MAE."
          + " Versions on different windows (column W) are not comparable."
    })
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

  @Option(names = "--json", description = "print the registry as JSON (the DESIGN.md contract)")
  boolean json;

  ModelsCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    List<ModelVersion> versions;
    try (Carbonshift cs = store.openToRead(ctx)) {
      versions = cs.models().list(name);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(versions));
      out.flush();
      return Main.OK;
    }
    if (versions.isEmpty()) {
      out.println(name == null ? "no model versions yet" : "no versions of " + name);
      out.flush();
      return Main.OK;
    }
    List<TestWindow> windows = new ArrayList<>();
    Table t =
        new Table(
            "VERSION",
            "FROM",
            "STRATEGY",
            "TEST METRIC",
            "MAE",
            "NAIVE MAE",
            "SKILL",
            "W",
            "TEST WINDOW",
            "N",
            "EPOCHS",
            "kWh",
            "kgCO2e",
            "SIZE",
            "CREATED");
    for (ModelVersion v : versions) {
      // versions stored with a relative folder are found under the data folder
      boolean present = Files.exists(ctx.resolve(dataDir).resolve(v.modelFile()));
      TestWindow w = v.testWindow();
      String ref = w == null ? null : w.reference();
      t.row(
          v.ref() + (present ? "" : " (files missing)"),
          v.parentRef() == null ? "-" : v.parentRef(),
          v.strategy().name().toLowerCase(Locale.ROOT),
          String.format(Locale.ROOT, "%s %.4f", v.metric(), v.testMetric()),
          num(v.testMetrics().getOrDefault("mae", Double.NaN)),
          ref == null ? "-" : ref + " " + num(w.baselines().get(ref).get("mae")),
          Double.isNaN(v.skill()) ? "-" : String.format(Locale.ROOT, "%+.3f", v.skill()),
          w == null ? "-" : "W" + windowNumber(windows, w),
          w == null ? "not recorded" : w.from() + " .. " + w.to(),
          w == null ? "-" : Integer.toString(w.samples()),
          Integer.toString(v.epochs()),
          String.format(Locale.ROOT, "%.3g", v.kwh()),
          String.format(Locale.ROOT, "%.3g", v.kgCo2e()),
          (v.sizeBytes() + 1023) / 1024 + " KiB",
          Times.show(v.createdAt()));
    }
    t.print(out);
    if (windows.size() > 1) {
      out.println(
          "note: "
              + windows.size()
              + " different test windows (W); compare metrics only between versions of one"
              + " window");
    }
    out.flush();
    return Main.OK;
  }

  private static int windowNumber(List<TestWindow> seen, TestWindow w) {
    for (int i = 0; i < seen.size(); i++) {
      if (seen.get(i).sameAs(w)) {
        return i + 1;
      }
    }
    seen.add(w);
    return seen.size();
  }

  private static String num(Double d) {
    return d == null || d.isNaN() ? "-" : String.format(Locale.ROOT, "%.3f", d);
  }

  static String json(List<ModelVersion> versions) throws IOException {
    ObjectMapper m = new ObjectMapper();
    ArrayNode list = m.createArrayNode();
    for (ModelVersion v : versions) {
      ObjectNode o = list.addObject();
      o.put("model", v.name())
          .put("version", v.version())
          .put("strategy", v.strategy().name().toLowerCase(Locale.ROOT))
          .put("parent", v.parentRef())
          .put("kwh", v.kwh())
          .put("kgCo2e", v.kgCo2e())
          .put("targetMetric", v.metric());
      ObjectNode metrics = o.putObject("metrics");
      v.testMetrics().forEach((k, val) -> putNumber(metrics, k, val));
      TestWindow w = v.testWindow();
      if (w == null) {
        o.putNull("testWindow");
        o.putObject("baselines");
        continue;
      }
      o.putObject("testWindow").put("from", w.from()).put("to", w.to()).put("samples", w.samples());
      ObjectNode baselines = o.putObject("baselines");
      for (Map.Entry<String, Map<String, Double>> b : w.baselines().entrySet()) {
        ObjectNode bn = baselines.putObject(b.getKey());
        b.getValue().forEach((k, val) -> putNumber(bn, k, val));
      }
      o.put("skillAgainst", w.reference());
      putNumber(o, "skill", v.skill());
      o.put("weightsSha256", v.weightsSha256());
    }
    return m.writerWithDefaultPrettyPrinter().writeValueAsString(list);
  }

  /** JSON has no NaN: an undefined figure is null. */
  private static void putNumber(ObjectNode o, String key, double value) {
    if (Double.isFinite(value)) {
      o.put(key, value);
    } else {
      o.putNull(key);
    }
  }
}
