package dev.carbonshift.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.MutableClock;
import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.RunRepository;
import dev.carbonshift.store.RunState;
import dev.carbonshift.store.StoredJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

  private static RunRow row(String job, Double kwh, Double kg, Double baselineKg) {
    return new RunRow(
        "job-0000000001",
        job,
        "grid-analytics",
        job,
        "no",
        "es",
        T,
        "SUCCEEDED",
        kwh == null ? 0 : kwh / 1.2,
        kwh,
        kg == null ? null : 30.0,
        kg == null ? null : "FORECAST",
        kg,
        baselineKg,
        kg == null || baselineKg == null ? null : baselineKg - kg,
        "modelled");
  }

  @Test
  void totals_and_the_avoided_percentage_are_summed_over_the_rows() {
    String html =
        HtmlReport.render(
            List.of(row("a", 2.0, 0.25, 1.5), row("b", 1.0, 0.75, 2.5)), T, "two runs");

    assertThat(html)
        .contains("1.00 kgCO2e</span> emitted by 2 runs using 3.00 kWh (facility)")
        .contains("3.00 kgCO2e avoided</span> (75%)")
        .contains("two runs, generated 2026-03-01T00:00:00Z")
        .contains("<td>30 forecast</td>");
  }

  @Test
  void a_run_without_emission_figures_counts_as_zero_and_shows_an_unknown_intensity() {
    String html =
        HtmlReport.render(List.of(row("a", 2.0, 1.0, 2.0), row("b", 1.0, null, null)), T, "s");

    assertThat(html)
        .contains("1.00 kgCO2e</span> emitted by 2 runs using 3.00 kWh")
        .contains("1.00 kgCO2e avoided</span> (50%)")
        .contains("<td>?</td>");
  }

  @Test
  void a_job_name_with_markup_is_escaped_in_the_table_and_the_chart() {
    String html =
        HtmlReport.render(
            List.of(row("<script>alert('x')</script>", 1.0, 0.5, 1.0)), T, "<b>scope</b>");

    assertThat(html).doesNotContain("<script>").doesNotContain("<b>scope");
    assertThat(html)
        .contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>")
        .contains("font-size=12>&lt;script&gt;")
        .contains("&lt;b&gt;scope&lt;/b&gt;");
  }

  @Test
  void an_empty_list_renders_a_complete_page_with_zero_totals() {
    String html = HtmlReport.render(List.of(), T, "nothing yet");

    assertThat(html)
        .startsWith("<!doctype html>")
        .endsWith("</html>\n")
        .contains("emitted by 0 runs")
        .contains("avoided</span> (0%)")
        .doesNotContain("NaN")
        .doesNotContain("<tr><td>");
  }

  @Test
  void run_rows_between_returns_only_runs_that_ended_in_the_half_open_window() {
    MutableClock clock = new MutableClock(T);
    Database db = Database.inMemory("run-rows-" + UUID.randomUUID());
    JobRepository jobs = new JobRepository(db, clock);
    RegionCatalog catalog = RegionCatalog.load(Path.of("regions"));
    StoredJob job =
        new JobIntake(catalog, jobs, clock)
            .submit(List.of(Path.of("jobs", "forecaster-es-train.yaml")))
            .get(0);
    RunRepository runs = new RunRepository(db);
    Instant from = T.plus(Duration.ofHours(1));
    Instant to = T.plus(Duration.ofHours(2));
    long before = finished(runs, job, "es", T, from.minusSeconds(1));
    long atStart = finished(runs, job, "no", T, from);
    long inside = finished(runs, job, "fr", from, to.minusSeconds(1));
    long atEnd = finished(runs, job, "de", from, to);
    runs.start(job.id(), "se-se3", from);

    List<RunRow> rows = RunRows.between(db, from, to);

    assertThat(List.of(before, atStart, inside, atEnd)).doesNotHaveDuplicates();
    assertThat(rows).extracting(RunRow::region).containsExactly("no", "fr");
    RunRow first = rows.get(0);
    assertThat(first.jobId()).isEqualTo(job.id());
    assertThat(first.job()).isEqualTo("ci-forecaster-es");
    assertThat(first.team()).isEqualTo("grid-analytics");
    assertThat(first.home()).isEqualTo("es");
    assertThat(first.state()).isEqualTo("SUCCEEDED");
    assertThat(first.startedAt()).isEqualTo(T);
    assertThat(first.kgCo2e()).isNull();
    assertThat(first.month()).isEqualTo("2026-03");
  }

  private static long finished(
      RunRepository runs, StoredJob job, String region, Instant start, Instant end) {
    long id = runs.start(job.id(), region, start);
    runs.finish(id, RunState.SUCCEEDED, end);
    return id;
  }
}
