package dev.carbonshift.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carbonshift.report.ReportStore.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in a real headless Chromium: no console error, no request beyond the file
 * itself, and the charts' elements exist and carry the store's figures. The screenshot is kept
 * under target/report-browser/ as a build artifact. Skips, saying why, where no Chromium is
 * installed, unless CARBONSHIFT_REQUIRE_BROWSER is set (as .ci/run sets it): then it fails.
 */
class HtmlReportBrowserTest {
  private static final Path ARTIFACTS = Path.of("target", "report-browser");

  @TempDir Path dir;

  private static Path chromium() {
    Optional<Path> found = HeadlessChromium.find();
    if (found.isEmpty()) {
      String why =
          "no Chromium found (set CHROMIUM or install Debian's chromium: apt-get install -y"
              + " chromium); the HTML report was not checked in a browser";
      if (System.getenv("CARBONSHIFT_REQUIRE_BROWSER") != null) {
        throw new AssertionError(why + ", and CARBONSHIFT_REQUIRE_BROWSER requires it");
      }
      Assumptions.abort(why);
    }
    return found.get();
  }

  @Test
  void report_opens_offline_without_errors_and_its_charts_carry_the_store_figures()
      throws Exception {
    Path browser = chromium();
    String html;
    List<Spec> runs;
    try (ReportStore store = ReportStore.standard(dir)) {
      long chosen = store.ids.get(store.runs.get(1));
      html =
          store
              .reports()
              .render(
                  new ReportQuery(
                      LocalDate.parse("2026-01-01"),
                      LocalDate.parse("2026-03-31"),
                      List.of(Dimension.TEAM, Dimension.MONTH),
                      ReportFormat.HTML,
                      Embodied.DEFAULT,
                      chosen));
      runs =
          store.runs.stream()
              .filter(s -> s.end().toString().startsWith("2026-0") && !s.month().equals("2026-04"))
              .toList();
    }
    Files.createDirectories(ARTIFACTS);
    Path page = ARTIFACTS.resolve("report.html");
    Files.writeString(page, html);
    try (HeadlessChromium c = new HeadlessChromium(browser, dir.resolve("profile"))) {
      c.open(page.toUri());
      byte[] png = c.screenshot();
      Files.write(ARTIFACTS.resolve("report.png"), png);
      assertThat(png.length).isGreaterThan(10_000);

      assertThat(c.events("Runtime.exceptionThrown")).isEmpty();
      assertThat(
              c.events("Runtime.consoleAPICalled").stream()
                  .filter(e -> e.at("/params/type").asText().equals("error")))
          .isEmpty();
      assertThat(
              c.events("Log.entryAdded").stream()
                  .filter(e -> e.at("/params/entry/level").asText().equals("error")))
          .isEmpty();
      List<String> requests =
          c.events("Network.requestWillBeSent").stream()
              .map(e -> e.at("/params/request/url").asText())
              .toList();
      assertThat(requests).containsOnly(page.toUri().toString());

      // one bar per team in the team chart, heights in proportion to each team's kgCO2e
      Map<String, Double> kgByTeam =
          new TreeMap<>(
              runs.stream()
                  .filter(s -> s.kg() != null)
                  .collect(Collectors.groupingBy(Spec::team, Collectors.summingDouble(Spec::kg))));
      JsonNode bars = c.eval(barsOf("chart-team"));
      assertThat(bars.size()).as("bars of %s", bars).isEqualTo(kgByTeam.size());
      double first = -1;
      double firstKg = -1;
      for (JsonNode bar : bars) {
        String team =
            kgByTeam.keySet().stream()
                .filter(t -> bar.get("ref").asText().contains(t))
                .findFirst()
                .orElseThrow(() -> new AssertionError("bar of no team: " + bar));
        if (first < 0) {
          first = bar.get("height").asDouble();
          firstKg = kgByTeam.get(team);
        } else {
          assertThat(bar.get("height").asDouble() / first)
              .isCloseTo(kgByTeam.get(team) / firstKg, within(0.01));
        }
      }
      JsonNode months = c.eval(barsOf("chart-monthly"));
      assertThat(months.size()).isEqualTo(2 * 3);
      assertThat(c.eval(textOf("chart-curve"))).asString().contains("chosen").contains("run now");
      assertThat(c.eval(barsOf("chart-region")).size())
          .isEqualTo(
              (int) runs.stream().filter(s -> s.kg() != null).map(Spec::region).distinct().count());

      // the tables sort in the page: a click on the CO2e header orders rows by their value
      JsonNode sorted =
          c.eval(
              "(function(){var t=document.getElementById('report-table');"
                  + "var th=Array.prototype.find.call(t.tHead.rows[0].cells,function(x){return"
                  + " x.textContent==='CO2e'});th.click();var i=th.cellIndex;"
                  + "return Array.prototype.map.call(t.tBodies[0].rows,function(r){"
                  + "return parseFloat(r.cells[i].getAttribute('data-v'))});})()");
      for (int i = 1; i < sorted.size(); i++) {
        assertThat(sorted.get(i).asDouble()).isGreaterThanOrEqualTo(sorted.get(i - 1).asDouble());
      }
      assertThat(c.eval("document.getElementById('methodology').textContent").asText())
          .contains("Location-based");
    }
  }

  /** The chart's data items: groups JFreeChart hinted, with the height of their shape. */
  private static String barsOf(String figure) {
    return "Array.prototype.map.call(document.querySelectorAll('#"
        + figure
        + " g[jfreesvg\\\\:ref*=rowKey]'),function(g){var s=g.querySelector('rect,path');"
        + "return {ref:g.getAttribute('jfreesvg:ref'),height:s?s.getBBox().height:-1};})";
  }

  private static String textOf(String figure) {
    return "document.querySelector('#" + figure + "').textContent";
  }
}
