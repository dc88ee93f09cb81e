package dev.carbonshift.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The report as CSV: the methodology as {@code #} comment lines, then one header row whose column
 * names carry their units, one row per group and a last row with the totals (the sum of the rows).
 * Numbers are in base units, written so that they read back exactly.
 */
public final class CsvReport {
  /** The figure columns, after one column per grouping dimension and the {@code row} column. */
  public static final List<String> FIGURES =
      List.of(
          "runs",
          "runs_without_emissions",
          "gpu_hours",
          "cpu_hours",
          "it_kwh",
          "facility_kwh",
          "kg_co2e",
          "kg_co2e_average_signal",
          "kg_co2e_marginal_signal",
          "baseline_kg_co2e",
          "avoided_kg_co2e",
          "avoided_pct",
          "from_scratch_kwh",
          "energy_saved_kwh",
          "deadline_misses",
          "embodied_kg_co2e");

  private static final List<Function<Figures, String>> VALUES =
      List.of(
          f -> Long.toString(f.runs()),
          f -> Long.toString(f.runsWithoutEmissions()),
          f -> num(f.gpuHours()),
          f -> num(f.cpuHours()),
          f -> num(f.itKwh()),
          f -> num(f.facilityKwh()),
          f -> num(f.kgCo2e()),
          f -> num(f.kgCo2eAverageSignal()),
          f -> num(f.kgCo2eMarginalSignal()),
          f -> num(f.baselineKgCo2e()),
          f -> num(f.avoidedKgCo2e()),
          f -> f.avoidedPct() == null ? "" : num(f.avoidedPct()),
          f -> num(f.fromScratchKwh()),
          f -> num(f.energySavedKwh()),
          f -> Long.toString(f.deadlineMisses()),
          f -> num(f.embodiedKgCo2e()));

  private CsvReport() {}

  public static String write(Report r) {
    StringBuilder b = new StringBuilder();
    for (String line : MethodologyText.lines(r)) {
      b.append("# ").append(line).append('\n');
    }
    List<String> header = new ArrayList<>();
    header.add("row");
    r.query().by().forEach(d -> header.add(d.label()));
    header.addAll(FIGURES);
    b.append(String.join(",", header)).append('\n');
    for (Report.Row row : r.rows()) {
      line(b, "group", row.key(), row.figures());
    }
    line(b, "total", r.query().by().stream().map(d -> "").toList(), r.totals());
    return b.toString();
  }

  private static void line(StringBuilder b, String kind, List<String> key, Figures f) {
    List<String> cells = new ArrayList<>();
    cells.add(kind);
    key.forEach(k -> cells.add(escape(k)));
    VALUES.forEach(v -> cells.add(v.apply(f)));
    b.append(String.join(",", cells)).append('\n');
  }

  static String num(double v) {
    return Double.toString(v);
  }

  static String escape(String v) {
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.startsWith("#")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
