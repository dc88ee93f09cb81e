package dev.carbonshift.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The report as one self-contained HTML page for people: human units, charts drawn by JFreeChart as
 * inline SVG, tables sortable by a few lines of inline script, the methodology in full. A content
 * security policy forbids every fetch, so the page opens the same with no network.
 */
public final class HtmlReport {
  /** Runs listed in the SCI-per-run table; the JSON report lists all. */
  static final int RUNS_LISTED = 200;

  private static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}"
          + "table{border-collapse:collapse;margin:1em 0}td,th{padding:4px 10px;"
          + "border-bottom:1px solid #ddd;text-align:right}td.t,th.t{text-align:left}"
          + "th{cursor:pointer;background:#f4f4f4}th[aria-sort=ascending]::after{content:' ▲'}"
          + "th[aria-sort=descending]::after{content:' ▼'}tfoot td{font-weight:600}"
          + ".k{font-size:1.5em;font-weight:600}.g{color:#2e7d32}"
          + ".warn{border:3px solid #c62828;background:#ffebee;padding:1em;font-weight:600}"
          + "figure{margin:1em 0}";

  /** Sorts a table by the clicked column: numbers by their base value in data-v, text by text. */
  private static final String SCRIPT =
      "document.querySelectorAll('table.sortable').forEach(function(t){"
          + "t.querySelectorAll('thead th').forEach(function(th,i){"
          + "th.addEventListener('click',function(){"
          + "var asc=th.getAttribute('aria-sort')!=='ascending';"
          + "t.querySelectorAll('thead th').forEach(function(o){o.removeAttribute('aria-sort');});"
          + "th.setAttribute('aria-sort',asc?'ascending':'descending');"
          + "var b=t.tBodies[0];var rows=Array.prototype.slice.call(b.rows);"
          + "rows.sort(function(x,y){var a=x.cells[i],c=y.cells[i];"
          + "var u=a.getAttribute('data-v'),v=c.getAttribute('data-v');"
          + "var r=(u!==null&&v!==null)?(parseFloat(u)-parseFloat(v))"
          + ":a.textContent.localeCompare(c.textContent);return asc?r:-r;});"
          + "rows.forEach(function(r){b.appendChild(r);});});});});";

  private HtmlReport() {}

  public static String write(Report r) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!doctype html><html lang=en><head><meta charset=utf-8>")
        .append("<meta http-equiv=Content-Security-Policy content=\"")
        .append(CSP)
        .append("\"><title>Carbonshift CO2 report ")
        .append(esc(r.period()))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>");
    h.append("<h1>Carbonshift CO<sub>2</sub> report</h1><p>")
        .append(esc(MethodologyText.title(r)))
        .append("; generated ")
        .append(r.generatedAt())
        .append(".</p>");
    if (r.methodology().warning() != null) {
      h.append("<p class=warn id=mixed-signals>")
          .append(esc(r.methodology().warning()))
          .append("</p>");
    }
    if (r.noRuns()) {
      h.append("<p class=k id=no-runs>No runs ended in this period.</p>");
    }
    headline(h, r.totals());
    if (!r.noRuns()) {
      h.append("<h2>Charts</h2>");
      figure(h, "chart-monthly", Charts.monthly(r.byMonth(), "chart-monthly-svg"));
      figure(h, "chart-team", Charts.by(r.byTeam(), "team", "chart-team-svg"));
      figure(h, "chart-region", Charts.by(r.byRegion(), "region", "chart-region-svg"));
      if (r.curve() != null) {
        Report.Curve c = r.curve();
        h.append("<p>Run ")
            .append(c.runId())
            .append(" (")
            .append(esc(c.job()))
            .append(") ran ")
            .append(c.chosenStart())
            .append(" to ")
            .append(c.chosenEnd())
            .append(" in ")
            .append(esc(c.region()))
            .append(" (shaded green); run at once it would have started at submission, ")
            .append(c.runNowStart())
            .append(" (shaded grey)")
            .append(c.home() == null ? "" : ", in its home region " + esc(c.home()))
            .append(".</p>");
        if (c.points().isEmpty()) {
          h.append("<p id=chart-curve-empty>The store holds no intensities of zone ")
              .append(esc(c.zone()))
              .append(" around this run.</p>");
        }
        figure(h, "chart-curve", Charts.curve(c, "chart-curve-svg"));
      }
    }
    groups(h, r);
    sciVersions(h, r.sciVersions());
    sciRuns(h, r.sciRuns());
    methodology(h, r);
    h.append("<script>").append(SCRIPT).append("</script></body></html>\n");
    return h.toString();
  }

  private static void headline(StringBuilder h, Figures t) {
    h.append("<p id=headline><span class=k>")
        .append(Units.mass(t.kgCo2e()))
        .append(" CO2e</span> emitted by ")
        .append(t.runs())
        .append(t.runs() == 1 ? " run" : " runs")
        .append(" using ")
        .append(Units.energy(t.facilityKwh()))
        .append(" (facility); <span class='k g'>")
        .append(Units.mass(t.avoidedKgCo2e()))
        .append(" CO2e avoided</span> (")
        .append(Units.percent(t.avoidedPct()))
        .append(") against running each job at once in its home region. Reuse saved ")
        .append(Units.energy(t.energySavedKwh()))
        .append("; ")
        .append(Units.hours(t.gpuHours()))
        .append(" GPU, ")
        .append(Units.hours(t.cpuHours()))
        .append(" CPU; ")
        .append(t.deadlineMisses())
        .append(" deadline misses")
        .append(
            t.runsWithoutEmissions() > 0
                ? "; "
                    + t.runsWithoutEmissions()
                    + " runs with unknown emissions (not counted as 0)"
                : "")
        .append(".</p>");
  }

  private static void figure(StringBuilder h, String id, String svg) {
    h.append("<figure id=").append(id).append('>').append(svg).append("</figure>");
  }

  private record Col(
      String name, boolean text, Function<Figures, Double> value, Function<Double, String> show) {}

  private static final List<Col> COLS =
      List.of(
          new Col("runs", false, f -> (double) f.runs(), v -> Long.toString(v.longValue())),
          new Col("GPU-hours", false, Figures::gpuHours, Units::hours),
          new Col("CPU-hours", false, Figures::cpuHours, Units::hours),
          new Col("IT energy", false, Figures::itKwh, Units::energy),
          new Col("facility energy", false, Figures::facilityKwh, Units::energy),
          new Col("CO2e", false, Figures::kgCo2e, Units::mass),
          new Col("at once at home", false, Figures::baselineKgCo2e, Units::mass),
          new Col("avoided", false, Figures::avoidedKgCo2e, Units::mass),
          new Col("avoided %", false, Figures::avoidedPct, Units::percent),
          new Col("saved by reuse", false, Figures::energySavedKwh, Units::energy),
          new Col(
              "deadline misses",
              false,
              f -> (double) f.deadlineMisses(),
              v -> Long.toString(v.longValue())),
          new Col("embodied", false, Figures::embodiedKgCo2e, Units::mass));

  private static void groups(StringBuilder h, Report r) {
    h.append("<h2>By ")
        .append(r.query().by().isEmpty() ? "period" : esc(label(r.query().by())))
        .append("</h2><table class=sortable id=report-table><thead><tr>");
    for (Dimension d : r.query().by()) {
      h.append("<th class=t>").append(d.label()).append("</th>");
    }
    COLS.forEach(c -> h.append("<th>").append(c.name()).append("</th>"));
    h.append("</tr></thead><tbody>");
    for (Report.Row row : r.rows()) {
      h.append("<tr>");
      row.key().forEach(k -> h.append("<td class=t>").append(esc(k)).append("</td>"));
      cells(h, row.figures());
      h.append("</tr>");
    }
    h.append("</tbody><tfoot><tr>");
    for (int i = 0; i < r.query().by().size(); i++) {
      h.append(i == 0 ? "<td class=t>total</td>" : "<td></td>");
    }
    cells(h, r.totals());
    h.append("</tr></tfoot></table>");
  }

  private static void cells(StringBuilder h, Figures f) {
    for (Col c : COLS) {
      Double v = c.value().apply(f);
      h.append("<td data-v=\"")
          .append(v == null ? "" : Double.toString(v))
          .append("\">")
          .append(c.show().apply(v))
          .append("</td>");
    }
  }

  private static void sciVersions(StringBuilder h, List<Sci.PerVersion> versions) {
    h.append("<h2>SCI per model version</h2>");
    if (versions.isEmpty()) {
      h.append("<p>No run in this period produced a model version.</p>");
      return;
    }
    h.append("<table class=sortable id=sci-versions><thead><tr><th class=t>version</th>")
        .append("<th class=t>strategy</th><th class=t>job</th><th>runs</th>")
        .append("<th>of which unfinished</th><th>facility energy</th><th>operational</th>")
        .append("<th>embodied</th><th>SCI per version</th></tr></thead><tbody>");
    for (Sci.PerVersion v : versions) {
      h.append("<tr><td class=t>")
          .append(esc(v.version()))
          .append("</td><td class=t>")
          .append(esc(v.strategy()))
          .append("</td><td class=t>")
          .append(esc(v.job()))
          .append("</td>");
      num(h, v.runs(), Long.toString(v.runs()));
      num(h, v.unfinishedRuns(), Long.toString(v.unfinishedRuns()));
      num(h, v.facilityKwh(), Units.energy(v.facilityKwh()));
      num(h, v.operationalKgCo2e(), Units.mass(v.operationalKgCo2e()));
      num(h, v.embodiedKgCo2e(), Units.mass(v.embodiedKgCo2e()));
      num(
          h,
          v.kgPerVersion(),
          Units.mass(v.kgPerVersion()) + (v.complete() ? "" : " (some runs unknown: at least)"));
      h.append("</tr>");
    }
    h.append("</tbody></table>");
  }

  private static void sciRuns(StringBuilder h, List<Sci.PerRun> runs) {
    h.append("<h2>SCI per run</h2>");
    if (runs.isEmpty()) {
      h.append("<p>No runs.</p>");
      return;
    }
    List<Sci.PerRun> shown =
        runs.size() <= RUNS_LISTED
            ? runs
            : runs.stream()
                .sorted(
                    Comparator.comparing(
                            (Sci.PerRun s) ->
                                s.kgPerRun() == null ? Double.MAX_VALUE : s.kgPerRun())
                        .reversed())
                .limit(RUNS_LISTED)
                .toList();
    if (shown.size() < runs.size()) {
      h.append("<p>The ")
          .append(RUNS_LISTED)
          .append(" runs of highest SCI of ")
          .append(runs.size())
          .append("; the JSON report lists every run.</p>");
    }
    h.append("<table class=sortable id=sci-runs><thead><tr><th>run</th><th class=t>job</th>")
        .append("<th class=t>state</th><th class=t>led to</th><th>facility energy</th>")
        .append("<th>operational</th><th>embodied</th><th>SCI per run</th></tr></thead><tbody>");
    for (Sci.PerRun s : shown) {
      h.append("<tr>");
      num(h, s.runId(), Long.toString(s.runId()));
      h.append("<td class=t>")
          .append(esc(s.job()))
          .append("</td><td class=t>")
          .append(esc(s.state().toLowerCase(Locale.ROOT)))
          .append("</td><td class=t>")
          .append(s.version() == null ? "no version yet" : esc(s.version()))
          .append("</td>");
      num(h, s.facilityKwh(), Units.energy(s.facilityKwh()));
      if (s.operationalKgCo2e() == null) {
        h.append("<td>unknown</td>");
      } else {
        num(h, s.operationalKgCo2e(), Units.mass(s.operationalKgCo2e()));
      }
      num(h, s.embodiedKgCo2e(), Units.mass(s.embodiedKgCo2e()));
      if (s.kgPerRun() == null) {
        h.append("<td>unknown</td>");
      } else {
        num(h, s.kgPerRun(), Units.mass(s.kgPerRun()));
      }
      h.append("</tr>");
    }
    h.append("</tbody></table>");
  }

  private static void num(StringBuilder h, double v, String shown) {
    h.append("<td data-v=\"").append(v).append("\">").append(esc(shown)).append("</td>");
  }

  private static void methodology(StringBuilder h, Report r) {
    h.append("<h2>Methodology</h2><section id=methodology><ul>");
    for (String line : MethodologyText.lines(r)) {
      h.append("<li>").append(esc(line)).append("</li>");
    }
    h.append("</ul></section>");
  }

  private static String label(List<Dimension> by) {
    return String.join(", ", by.stream().map(Dimension::label).toList());
  }

  static String esc(String s) {
    if (s == null) {
      return "-";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&#39;")
        .replace("\"", "&quot;");
  }
}
