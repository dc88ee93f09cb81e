package dev.carbonshift.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.report.ReportStore.Spec;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known runs in a real H2 file store: every grouping gives the figures of its runs, computed here
 * from the runs as written, and the totals row is the sum of the rows, in CSV and in JSON.
 */
class ReportFiguresTest {
  private static final LocalDate FROM = LocalDate.parse("2026-01-01");
  private static final LocalDate TO = LocalDate.parse("2026-03-31");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static ReportStore store;

  @BeforeAll
  static void fill() {
    store = ReportStore.standard(dir);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static Stream<List<Dimension>> groupings() {
    List<List<Dimension>> out = new ArrayList<>();
    Arrays.stream(Dimension.values()).forEach(d -> out.add(List.of(d)));
    out.add(List.of());
    out.add(List.of(Dimension.TEAM, Dimension.MONTH));
    out.add(List.of(Dimension.REGION, Dimension.MODEL, Dimension.JOB));
    return out.stream();
  }

  private static String render(List<Dimension> by, ReportFormat f) {
    return store.reports().render(new ReportQuery(FROM, TO, by, f, Embodied.DEFAULT, null));
  }

  private static List<Spec> inPeriod() {
    return store.runs.stream()
        .filter(s -> !s.end().isBefore(ReportStore.t("2026-01-01T00:00:00Z")))
        .filter(s -> s.end().isBefore(ReportStore.t("2026-04-01T00:00:00Z")))
        .toList();
  }

  private static String key(Spec s, Dimension d) {
    return switch (d) {
      case TEAM -> s.team();
      case MODEL -> s.model();
      case REGION -> s.region();
      case JOB -> s.job();
      case MONTH -> s.month();
    };
  }

  /** What each group must show, summed from the runs as written. */
  private static Map<List<String>, Map<String, Double>> expected(List<Dimension> by) {
    Map<String, Function<Spec, Double>> f = new HashMap<>();
    f.put("runs", s -> 1.0);
    f.put("it_kwh", s -> s.kg() == null && s.cpuKwh() == 0 ? 0 : s.itKwh());
    f.put("facility_kwh", s -> s.kg() == null ? 0 : s.facilityKwh());
    f.put("kg_co2e", s -> s.kg() == null ? 0 : s.kg());
    f.put("baseline_kg_co2e", s -> s.kg() == null ? 0 : s.baselineKg());
    f.put("avoided_kg_co2e", s -> s.kg() == null ? 0 : s.baselineKg() - s.kg());
    f.put("gpu_hours", s -> s.gpuKwh().size() * s.hours());
    f.put("cpu_hours", s -> s.cpuKwh() > 0 ? s.hours() : 0);
    f.put("deadline_misses", s -> s.missedDeadline() ? 1.0 : 0);
    f.put("runs_without_emissions", s -> s.kg() == null ? 1.0 : 0);
    Map<List<String>, Map<String, Double>> out = new TreeMap<>(ReportFiguresTest::compare);
    for (Spec s : inPeriod()) {
      List<String> k = by.stream().map(d -> key(s, d)).toList();
      Map<String, Double> m = out.computeIfAbsent(k, x -> new HashMap<>());
      f.forEach((name, v) -> m.merge(name, v.apply(s), Double::sum));
    }
    return out;
  }

  private static int compare(List<String> a, List<String> b) {
    return String.join("\u0000", a).compareTo(String.join("\u0000", b));
  }

  @ParameterizedTest
  @MethodSource("groupings")
  void csv_rows_hold_the_figures_of_their_runs_and_the_total_is_their_sum(List<Dimension> by) {
    String csv = render(by, ReportFormat.CSV);
    List<String> lines = csv.lines().filter(l -> !l.startsWith("#")).toList();
    List<String> header = List.of(lines.get(0).split(",", -1));
    assertThat(header.subList(0, 1 + by.size()))
        .containsExactlyElementsOf(
            Stream.concat(Stream.of("row"), by.stream().map(Dimension::label)).toList());
    assertThat(header.subList(1 + by.size(), header.size())).isEqualTo(CsvReport.FIGURES);
    Map<List<String>, Map<String, Double>> want = expected(by);
    List<String[]> groups =
        lines.stream()
            .skip(1)
            .map(l -> l.split(",", -1))
            .filter(c -> c[0].equals("group"))
            .toList();
    String[] total =
        lines.stream()
            .skip(1)
            .map(l -> l.split(",", -1))
            .filter(c -> c[0].equals("total"))
            .findFirst()
            .orElseThrow();
    assertThat(groups).hasSize(want.size());
    double[] sums = new double[header.size()];
    for (String[] row : groups) {
      List<String> k = List.of(row).subList(1, 1 + by.size());
      assertThat(want).containsKey(k);
      want.get(k)
          .forEach(
              (col, v) ->
                  assertThat(Double.parseDouble(row[header.indexOf(col)]))
                      .as("%s of %s", col, k)
                      .isCloseTo(v, within(1e-12)));
      for (int i = 1 + by.size(); i < header.size(); i++) {
        if (!row[i].isEmpty() && !header.get(i).equals("avoided_pct")) {
          sums[i] += Double.parseDouble(row[i]);
        }
      }
    }
    for (int i = 1 + by.size(); i < header.size(); i++) {
      if (!header.get(i).equals("avoided_pct")) {
        assertThat(Double.parseDouble(total[i])).as(header.get(i)).isEqualTo(sums[i]);
      }
    }
    assertThat(Double.parseDouble(total[header.indexOf("runs")])).isEqualTo(inPeriod().size());
    double avoided = Double.parseDouble(total[header.indexOf("avoided_kg_co2e")]);
    double base = Double.parseDouble(total[header.indexOf("baseline_kg_co2e")]);
    assertThat(Double.parseDouble(total[header.indexOf("avoided_pct")]))
        .isCloseTo(100 * avoided / base, within(1e-9));
  }

  @ParameterizedTest
  @MethodSource("groupings")
  void json_rows_hold_the_figures_of_their_runs_and_the_totals_are_their_sum(List<Dimension> by)
      throws Exception {
    JsonNode root = JSON.readTree(render(by, ReportFormat.JSON));
    assertThat(root.get("schema").asText()).isEqualTo(JsonReport.SCHEMA);
    assertThat(root.get("noRuns").asBoolean()).isFalse();
    Map<String, String> keys =
        Map.of(
            "runs",
            "runs",
            "it_kwh",
            "itKwh",
            "facility_kwh",
            "facilityKwh",
            "kg_co2e",
            "kgCo2e",
            "baseline_kg_co2e",
            "baselineKgCo2e",
            "avoided_kg_co2e",
            "avoidedKgCo2e",
            "gpu_hours",
            "gpuHours",
            "cpu_hours",
            "cpuHours",
            "deadline_misses",
            "deadlineMisses",
            "runs_without_emissions",
            "runsWithoutEmissions");
    Map<List<String>, Map<String, Double>> want = expected(by);
    JsonNode rows = root.get("rows");
    assertThat(rows.size()).isEqualTo(want.size());
    Map<String, Double> sums = new HashMap<>();
    for (JsonNode row : rows) {
      List<String> k = by.stream().map(d -> row.get("group").get(d.label()).asText()).toList();
      assertThat(want).containsKey(k);
      want.get(k)
          .forEach(
              (col, v) ->
                  assertThat(row.get(keys.get(col)).asDouble())
                      .as("%s of %s", col, k)
                      .isCloseTo(v, within(1e-12)));
      for (String f : JsonReport.FIGURE_KEYS) {
        if (!f.equals("avoidedPct")) {
          sums.merge(f, row.get(f).asDouble(), Double::sum);
        }
      }
    }
    for (String f : JsonReport.FIGURE_KEYS) {
      if (!f.equals("avoidedPct")) {
        assertThat(root.get("totals").get(f).asDouble()).as(f).isEqualTo(sums.get(f));
      }
    }
  }

  @Test
  void reuse_saves_against_the_measured_scratch_version_scaled_by_rows_and_a_transfer_is_estimated()
      throws Exception {
    JsonNode t = JSON.readTree(render(List.of(), ReportFormat.JSON)).get("totals");
    // ci-forecaster-es:v1 from scratch on rows 2..1001 cost its two runs' IT energy; the nightly
    // v2 covers rows up to 1201, so from scratch would have been 1.2 × that
    double scratchV1 = store.runs.get(0).itKwh() + store.runs.get(1).itKwh();
    double nightly = store.runs.get(2).itKwh();
    // weather-newyork:v1 (200 rows) against its parent weather-seattle:v1's kWh per row (400 rows)
    double seattle = store.runs.get(3).itKwh();
    double ny = store.runs.get(4).itKwh();
    double fromScratch = 1.2 * scratchV1 + seattle / 400 * 200;
    assertThat(t.get("fromScratchKwh").asDouble()).isCloseTo(fromScratch, within(1e-12));
    assertThat(t.get("energySavedKwh").asDouble())
        .isCloseTo(fromScratch - nightly - ny, within(1e-12));
  }

  @Test
  void sci_of_a_version_counts_its_interrupted_run_and_embodied_device_hours() throws Exception {
    JsonNode sci = JSON.readTree(render(List.of(), ReportFormat.JSON)).get("sci");
    JsonNode v1 = null;
    for (JsonNode v : sci.get("modelVersions")) {
      if (v.get("version").asText().equals("ci-forecaster-es:v1")) {
        v1 = v;
      }
    }
    assertThat(v1).isNotNull();
    Spec a1 = store.runs.get(0);
    Spec a2 = store.runs.get(1);
    assertThat(v1.get("runs").asLong()).isEqualTo(2);
    assertThat(v1.get("unfinishedRuns").asLong()).isEqualTo(1);
    double gpuHours = a1.hours() * a1.gpuKwh().size() + a2.hours() * a2.gpuKwh().size();
    double cpuHours = a1.hours() + a2.hours();
    double m = Embodied.DEFAULT.kg(gpuHours, cpuHours);
    assertThat(v1.get("embodiedKgCo2e").asDouble()).isCloseTo(m, within(1e-12));
    assertThat(v1.get("kgPerVersion").asDouble()).isCloseTo(a1.kg() + a2.kg() + m, within(1e-12));
    assertThat(sci.get("modelVersions")).hasSize(4);
    assertThat(sci.get("runs")).hasSize(inPeriod().size());
  }

  @Test
  void methodology_states_pue_origin_methods_shares_and_factor_sources() {
    String csv = render(List.of(Dimension.TEAM), ReportFormat.CSV);
    assertThat(csv)
        .contains("# Location-based")
        .contains("PUE fr: 1.12 (region file fr.yaml)")
        .contains("Measured GPU by counter")
        .contains("Measured RAM by modelled")
        .contains("Not measured: RAM in 2 runs (no RAM model configured on this host)")
        .contains("Electricity Maps yearly averages via CO2.js (ODbL), 2024")
        .contains("Source yearly:2024: average signal, lifecycle factors")
        .contains("Source trace:FR_2024_hourly.csv: average signal, lifecycle factors (as stored)")
        .contains("1 runs without a known intensity")
        .contains("3.36 gCO2e per GPU-hour")
        .doesNotContain("WARNING");
    // seattle's run was all fallback (yearly), the first fr run all actual
    Methodology m =
        store
            .reports()
            .build(new ReportQuery(FROM, TO, List.of(), ReportFormat.CSV, Embodied.DEFAULT, null))
            .methodology();
    List<Spec> known = inPeriod().stream().filter(s -> s.kg() != null).toList();
    double energy = known.stream().mapToDouble(Spec::facilityKwh).sum();
    double actual = known.stream().mapToDouble(s -> s.facilityKwh() * s.actualShare()).sum();
    double fallback =
        known.stream()
            .filter(s -> s.source().startsWith("yearly"))
            .mapToDouble(Spec::facilityKwh)
            .sum();
    assertThat(m.intensities().actual()).isCloseTo(actual / energy, within(1e-12));
    assertThat(m.intensities().fallback()).isCloseTo(fallback / energy, within(1e-12));
    assertThat(m.intensities().forecast())
        .isCloseTo(1 - (actual + fallback) / energy, within(1e-12));
  }

  @Test
  void codecarbon_export_leaves_an_unmeasured_component_empty_not_zero() {
    String csv = render(List.of(), ReportFormat.CODECARBON);
    List<String> lines = csv.lines().toList();
    List<String> header = List.of(lines.get(0).split(",", -1));
    assertThat(header).isEqualTo(CodeCarbonCsv.HEADER);
    assertThat(lines).hasSize(1 + inPeriod().size());
    String[] first = lines.get(1).split(",", -1);
    assertThat(first[header.indexOf("ram_energy")]).isEmpty();
    assertThat(first[header.indexOf("ram_power")]).isEmpty();
    Spec a1 = store.runs.get(0);
    assertThat(Double.parseDouble(first[header.indexOf("energy_consumed")]))
        .isCloseTo(a1.facilityKwh(), within(1e-12));
    assertThat(Double.parseDouble(first[header.indexOf("emissions")]))
        .isCloseTo(a1.kg(), within(1e-12));
    String[] second = lines.get(2).split(",", -1);
    assertThat(Double.parseDouble(second[header.indexOf("ram_energy")])).isGreaterThan(0);
  }
}
