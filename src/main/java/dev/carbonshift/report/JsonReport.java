package dev.carbonshift.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The report as JSON (schema {@value #SCHEMA}, documented in docs/report.md): every figure in base
 * units named in its key (kWh, kgCO2e, hours, pct).
 */
public final class JsonReport {
  public static final String SCHEMA = "carbonshift-report/1";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String write(Report r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("from", r.query().from().toString());
    root.put("to", r.query().to().toString());
    ArrayNode by = root.putArray("by");
    r.query().by().forEach(d -> by.add(d.label()));
    root.put("generatedAt", r.generatedAt().toString());
    root.put("noRuns", r.noRuns());
    ArrayNode rows = root.putArray("rows");
    for (Report.Row row : r.rows()) {
      ObjectNode o = rows.addObject();
      ObjectNode group = o.putObject("group");
      for (int i = 0; i < r.query().by().size(); i++) {
        group.put(r.query().by().get(i).label(), row.key().get(i));
      }
      figures(o, row.figures());
    }
    figures(root.putObject("totals"), r.totals());
    root.set("methodology", JSON.valueToTree(r.methodology()));
    ArrayNode text = root.putArray("methodologyText");
    MethodologyText.lines(r).forEach(text::add);
    ObjectNode sci = root.putObject("sci");
    sci.put("unit", "kgCO2e per R");
    sci.set("runs", JSON.valueToTree(r.sciRuns()));
    sci.set("modelVersions", JSON.valueToTree(r.sciVersions()));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void figures(ObjectNode o, Figures f) {
    o.put("runs", f.runs());
    o.put("runsWithoutEmissions", f.runsWithoutEmissions());
    o.put("gpuHours", f.gpuHours());
    o.put("cpuHours", f.cpuHours());
    o.put("itKwh", f.itKwh());
    o.put("facilityKwh", f.facilityKwh());
    o.put("kgCo2e", f.kgCo2e());
    o.put("kgCo2eAverageSignal", f.kgCo2eAverageSignal());
    o.put("kgCo2eMarginalSignal", f.kgCo2eMarginalSignal());
    o.put("baselineKgCo2e", f.baselineKgCo2e());
    o.put("avoidedKgCo2e", f.avoidedKgCo2e());
    if (f.avoidedPct() == null) {
      o.putNull("avoidedPct");
    } else {
      o.put("avoidedPct", f.avoidedPct());
    }
    o.put("fromScratchKwh", f.fromScratchKwh());
    o.put("energySavedKwh", f.energySavedKwh());
    o.put("deadlineMisses", f.deadlineMisses());
    o.put("embodiedKgCo2e", f.embodiedKgCo2e());
  }

  /** The figure keys of a row, in order. */
  public static final List<String> FIGURE_KEYS =
      List.of(
          "runs",
          "runsWithoutEmissions",
          "gpuHours",
          "cpuHours",
          "itKwh",
          "facilityKwh",
          "kgCo2e",
          "kgCo2eAverageSignal",
          "kgCo2eMarginalSignal",
          "baselineKgCo2e",
          "avoidedKgCo2e",
          "avoidedPct",
          "fromScratchKwh",
          "energySavedKwh",
          "deadlineMisses",
          "embodiedKgCo2e");
}
