package dev.carbonshift.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.report.ReportStore.Spec;
import dev.carbonshift.store.RunState;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A period with average and marginal signals says so first, and splits kgCO2e by signal. */
class MixedSignalsTest {
  @TempDir Path dir;

  @Test
  void a_report_mixing_average_and_marginal_warns_at_the_top_and_splits_the_kilograms()
      throws Exception {
    try (ReportStore s = ReportStore.standard(dir)) {
      var job = s.submit("weather-seattle-train.yaml", ReportStore.t("2026-03-10T00:00:00Z"));
      s.run(
          job,
          "us-cal-ciso",
          "2026-03-10T01:00:00Z",
          "2026-03-10T02:00:00Z",
          RunState.SUCCEEDED,
          0.5,
          List.of(1.5),
          null,
          400.0,
          IntensityKind.FORECAST,
          0,
          "watttime",
          380,
          false);
      Spec marginal = s.runs.get(s.runs.size() - 1);
      ReportQuery q =
          new ReportQuery(
              LocalDate.parse("2026-01-01"),
              LocalDate.parse("2026-03-31"),
              List.of(Dimension.REGION),
              ReportFormat.CSV,
              Embodied.DEFAULT,
              null);
      String csv = s.reports().render(q);
      List<String> comments = csv.lines().filter(l -> l.startsWith("#")).toList();
      assertThat(comments.get(1)).startsWith("# WARNING: this report mixes average and marginal");
      assertThat(csv).contains("Source watttime: marginal signal, direct factors");
      JsonNode json =
          new ObjectMapper().readTree(s.reports().render(q.withFormat(ReportFormat.JSON)));
      assertThat(json.at("/methodology/mixedSignals").asBoolean()).isTrue();
      JsonNode t = json.get("totals");
      assertThat(t.get("kgCo2eMarginalSignal").asDouble()).isCloseTo(marginal.kg(), within(1e-12));
      assertThat(t.get("kgCo2eAverageSignal").asDouble() + t.get("kgCo2eMarginalSignal").asDouble())
          .isCloseTo(t.get("kgCo2e").asDouble(), within(1e-12));
      String html = s.reports().render(q.withFormat(ReportFormat.HTML));
      assertThat(html.indexOf("id=mixed-signals")).isBetween(0, html.indexOf("id=headline"));
    }
  }

  @Test
  void people_read_energy_and_mass_in_units_that_make_plain_numbers() {
    assertThat(Units.energy(12_345.6)).isEqualTo("12,346 kWh");
    assertThat(Units.energy(1.5)).isEqualTo("1.5 kWh");
    assertThat(Units.energy(0.0042)).isEqualTo("4.2 Wh");
    assertThat(Units.energy(6.21e-7)).isEqualTo("0.621 mWh");
    assertThat(Units.mass(6.21e-7)).isEqualTo("0.621 mg");
    assertThat(Units.mass(0.474)).isEqualTo("474 g");
    assertThat(Units.mass(0)).isEqualTo("0 kg");
  }
}
