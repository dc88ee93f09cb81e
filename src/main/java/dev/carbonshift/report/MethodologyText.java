package dev.carbonshift.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The methodology as plain sentences, the same in every format that carries text lines. */
final class MethodologyText {
  private MethodologyText() {}

  static String title(Report r) {
    return "Carbonshift CO2 report: runs that ended "
        + r.period()
        + " (UTC, both days included)"
        + (r.query().by().isEmpty()
            ? ""
            : ", grouped by "
                + r.query().by().stream().map(Dimension::label).collect(Collectors.joining(", ")));
  }

  static List<String> lines(Report r) {
    Methodology m = r.methodology();
    List<String> out = new ArrayList<>();
    out.add(title(r) + "; generated " + r.generatedAt());
    if (r.noRuns()) {
      out.add("No runs ended in this period: every figure below is 0.");
    }
    if (m.warning() != null) {
      out.add(m.warning());
    }
    out.add(m.accounting());
    out.add(m.baseline());
    for (Methodology.Source s : m.sources()) {
      out.add(
          String.format(
              Locale.ROOT,
              "Source %s: %s signal, %s factors (%s); %d runs, %s of the facility energy",
              s.source(),
              lower(s.signal()),
              lower(s.factor()),
              s.known(),
              s.runs(),
              Units.percent(100 * s.energyShare())));
    }
    for (Methodology.Pue p : m.pue()) {
      out.add(
          "PUE "
              + p.region()
              + ": "
              + p.values().stream().map(Units::number).collect(Collectors.joining(", "))
              + " ("
              + p.origin()
              + ")");
    }
    for (Methodology.Measurement x : m.measurement()) {
      out.add(
          String.format(
              Locale.ROOT,
              "Measured %s by %s: %s of the IT energy (%s)",
              x.component(),
              x.method(),
              Units.percent(100 * x.share()),
              Units.energy(x.itKwh())));
    }
    for (Methodology.Unmeasured u : m.unmeasured()) {
      out.add(
          "Not measured: "
              + u.component()
              + " in "
              + u.runs()
              + " runs ("
              + String.join("; ", u.reasons())
              + "); its energy is left empty in the CodeCarbon export, never written as 0");
    }
    Methodology.Intensities i = m.intensities();
    out.add(
        String.format(
            Locale.ROOT,
            "Intensities by facility energy: %s actuals, %s forecasts, %s fallbacks (yearly"
                + " averages); %d runs without a known intensity (emissions unknown, not 0)",
            Units.percent(100 * i.actual()),
            Units.percent(100 * i.forecast()),
            Units.percent(100 * i.fallback()),
            i.runsUnknown()));
    m.factorSources().forEach(f -> out.add("Factor source: " + f));
    out.add(m.sci());
    out.add(
        String.format(
            Locale.ROOT,
            "Embodied M: %s gCO2e per GPU-hour, %s gCO2e per CPU-hour (%s)",
            Units.number(m.embodied().gramsPerGpuHour()),
            Units.number(m.embodied().gramsPerCpuHour()),
            m.embodied().source()));
    out.add(m.savings());
    out.add(
        "Device-hours: each metered GPU and CPU package counts the run's wall time. Deadline"
            + " misses: runs that finished their job after its deadline.");
    return out;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
