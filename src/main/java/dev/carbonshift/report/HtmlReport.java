package dev.carbonshift.report;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page for sustainability teams: totals, a bar chart of each run's emissions
 * against running at once at home, and the table behind it. No scripts, no external assets.
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static String render(List<RunRow> rows, Instant generatedAt, String scope) {
    double kwh = rows.stream().mapToDouble(r -> nz(r.facilityKwh())).sum();
    double kg = rows.stream().mapToDouble(r -> nz(r.kgCo2e())).sum();
    double base = rows.stream().mapToDouble(r -> nz(r.baselineKgCo2e())).sum();
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html lang=en><head><meta charset=utf-8>")
        .append("<title>Carbonshift CO2 report</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
        .append(
            "table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;")
        .append("text-align:right}td:first-child,th:first-child{text-align:left}")
        .append(".k{font-size:1.6em;font-weight:600}.g{color:#2e7d32}</style></head><body>")
        .append("<h1>Carbonshift CO<sub>2</sub> report</h1>")
        .append("<p>")
        .append(esc(scope))
        .append(", generated ")
        .append(generatedAt)
        .append(". Location-based accounting, average grid intensity.</p>");
    h.append(
        String.format(
            Locale.ROOT,
            "<p><span class=k>%.3g kgCO2e</span> emitted by %d runs using %.3g kWh (facility);"
                + " <span class='k g'>%.3g kgCO2e avoided</span> (%.0f%%) against running each"
                + " job at once in its home region.</p>",
            kg,
            rows.size(),
            kwh,
            base - kg,
            base > 0 ? 100 * (base - kg) / base : 0));
    h.append(chart(rows));
    h.append("<h2>Runs</h2><table><tr><th>job</th><th>team</th><th>region (home)</th>")
        .append("<th>started</th><th>kWh</th><th>g/kWh</th><th>kgCO2e</th><th>at home</th>")
        .append("<th>avoided</th><th>energy method</th></tr>");
    for (RunRow r : rows) {
      h.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%s</td><td>%s (%s)</td><td>%s</td><td>%.3g</td><td>%s</td>"
                  + "<td>%.3g</td><td>%.3g</td><td>%.3g</td><td>%s</td></tr>",
              esc(r.job()),
              esc(r.team()),
              esc(r.region()),
              esc(r.home()),
              r.startedAt(),
              nz(r.facilityKwh()),
              r.gramsPerKwh() == null
                  ? "?"
                  : String.format(
                      Locale.ROOT, "%.0f %s", r.gramsPerKwh(), lower(r.intensityKind())),
              nz(r.kgCo2e()),
              nz(r.baselineKgCo2e()),
              nz(r.avoidedKgCo2e()),
              esc(r.energyMethod())));
    }
    return h.append("</table></body></html>\n").toString();
  }

  private static String chart(List<RunRow> rows) {
    double max = 1e-12;
    for (RunRow r : rows) {
      max = Math.max(max, Math.max(nz(r.kgCo2e()), nz(r.baselineKgCo2e())));
    }
    int barH = 14;
    int rowH = 2 * barH + 12;
    int width = 520;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<h2>Emissions per run</h2><svg width=%d height=%d role=img"
                + " aria-label='kgCO2e per run, emitted and at once at home'>",
            width + 200,
            rows.size() * rowH + 30));
    int y = 0;
    for (RunRow r : rows) {
      int emitted = (int) Math.round(width * nz(r.kgCo2e()) / max);
      int home = (int) Math.round(width * nz(r.baselineKgCo2e()) / max);
      s.append(
              String.format(
                  Locale.ROOT, "<text x=0 y=%d font-size=12>%s</text>", y + barH, esc(r.job())))
          .append(
              String.format(
                  Locale.ROOT,
                  "<rect x=190 y=%d width=%d height=%d fill='#2e7d32'/>",
                  y + 2,
                  Math.max(emitted, 1),
                  barH))
          .append(
              String.format(
                  Locale.ROOT,
                  "<rect x=190 y=%d width=%d height=%d fill='#bbb'/>",
                  y + barH + 4,
                  Math.max(home, 1),
                  barH));
      y += rowH;
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=190 y=%d font-size=12><tspan fill='#2e7d32'>■ emitted</tspan>"
                + " <tspan fill='#888'>■ at once at home</tspan></text></svg>",
            y + 16));
    return s.toString();
  }

  private static double nz(Double d) {
    return d == null ? 0 : d;
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  static String esc(String s) {
    if (s == null) {
      return "-";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
  }
}
