package dev.carbonshift.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.carbonshift.account.IntensityTimeline;
import dev.carbonshift.account.RunAccount;
import dev.carbonshift.account.RunAccounting;
import dev.carbonshift.account.RunEnergy;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ComponentEnergy;
import dev.carbonshift.energy.EnergyReading;
import dev.carbonshift.energy.Method;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeCarbonCsvTest {
  static final Instant START = Instant.parse("2024-03-01T10:00:00Z");

  /** The 38 columns of CodeCarbon's emissions.csv (REFERENCE.md §1). */
  static final List<String> CODECARBON =
      List.of(
          ("timestamp, project_name, run_id, experiment_id, duration, emissions, emissions_rate,"
                  + " cpu_power, gpu_power, ram_power, cpu_energy, gpu_energy, ram_energy,"
                  + " energy_consumed, water_consumed, country_name, country_iso_code, region,"
                  + " cloud_provider, cloud_region, os, python_version, codecarbon_version,"
                  + " cpu_count, cpu_model, gpu_count, gpu_model, longitude, latitude,"
                  + " ram_total_size, tracking_mode, cpu_utilization_percent,"
                  + " gpu_utilization_percent, ram_utilization_percent, ram_used_gb, on_cloud, pue,"
                  + " wue")
              .split(",\\s*"));

  @TempDir Path dir;

  static RunAccount account() {
    // 1800 s: GPU 0.5 kWh (1000 W), CPU 0.1 kWh (200 W), RAM 0.005 kWh (10 W)
    var reading =
        new EnergyReading(
            Duration.ofMinutes(30),
            List.of(
                new ComponentEnergy(Component.GPU, 1_800_000, Method.COUNTER, "gpu0"),
                new ComponentEnergy(Component.CPU, 360_000, Method.COUNTER, "rapl"),
                new ComponentEnergy(Component.RAM, 18_000, Method.MODELLED, "ram")));
    var energy =
        new RunEnergy(
            START,
            START.plus(Duration.ofMinutes(30)),
            reading,
            List.of(),
            Duration.ofSeconds(1),
            List.of());
    return RunAccounting.account(
        energy,
        new RunAccounting.Place("es", "ES", 1.2),
        Optional.empty(),
        IntensityTimeline.constant(200, IntensityKind.ESTIMATE, "yearly"));
  }

  static CodeCarbonCsv.Meta meta() {
    return new CodeCarbonCsv.Meta(
        "forecaster",
        "run-7",
        "exp-1",
        "Linux-6.1-x86_64",
        "AMD EPYC 7763, 64 cores",
        128,
        "NVIDIA A100",
        1,
        512.0,
        "machine",
        "aws",
        "eu-south-2");
  }

  @Test
  void header_is_codecarbons_38_columns() {
    assertThat(CODECARBON).hasSize(38);
    assertThat(CodeCarbonCsv.HEADER).containsExactlyElementsOf(CODECARBON);
  }

  @Test
  void row_uses_codecarbons_units_with_pue_in_energy_and_not_in_power() {
    Map<String, String> r = CodeCarbonCsv.row(account(), meta());
    assertThat(r.keySet()).containsExactlyElementsOf(CODECARBON);
    assertThat(r.get("timestamp")).isEqualTo("2024-03-01T10:30:00");
    assertThat(d(r, "duration")).isEqualTo(1800.0);
    assertThat(d(r, "gpu_power")).isCloseTo(1000.0, within(1e-9));
    assertThat(d(r, "cpu_power")).isCloseTo(200.0, within(1e-9));
    assertThat(d(r, "ram_power")).isCloseTo(10.0, within(1e-9));
    assertThat(d(r, "gpu_energy")).isCloseTo(0.5 * 1.2, within(1e-12));
    assertThat(d(r, "cpu_energy")).isCloseTo(0.1 * 1.2, within(1e-12));
    assertThat(d(r, "energy_consumed")).isCloseTo(0.605 * 1.2, within(1e-12));
    assertThat(d(r, "emissions")).isCloseTo(0.605 * 1.2 * 0.2, within(1e-12));
    assertThat(d(r, "emissions_rate")).isCloseTo(0.605 * 1.2 * 0.2 / 1800, within(1e-15));
    assertThat(d(r, "pue")).isEqualTo(1.2);
    assertThat(r.get("country_iso_code")).isEqualTo("ESP");
    assertThat(r.get("country_name")).isEqualTo("Spain");
    assertThat(r.get("region")).isEqualTo("ES");
    assertThat(r.get("on_cloud")).isEqualTo("Y");
    assertThat(r.get("codecarbon_version")).isEqualTo("carbonshift-0.1.0");
    assertThat(r.get("python_version")).isEmpty();
  }

  @Test
  void appending_writes_the_header_once_and_quotes_commas() throws IOException {
    Path csv = dir.resolve("out/emissions.csv");
    CodeCarbonCsv.append(csv, CodeCarbonCsv.row(account(), meta()));
    CodeCarbonCsv.append(csv, CodeCarbonCsv.row(account(), meta()));
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(String.join(",", CODECARBON));
    assertThat(lines.get(1)).contains("\"AMD EPYC 7763, 64 cores\"");
  }

  @Test
  void an_existing_codecarbon_file_with_another_column_order_is_followed() throws IOException {
    List<String> shuffled = new ArrayList<>(CODECARBON);
    java.util.Collections.reverse(shuffled);
    Path csv = dir.resolve("emissions.csv");
    Files.writeString(csv, String.join(",", shuffled) + "\n");
    CodeCarbonCsv.append(csv, CodeCarbonCsv.row(account(), meta()));
    List<String> lines = Files.readAllLines(csv);
    String[] cells = lines.get(1).replace("\"AMD EPYC 7763, 64 cores\"", "cpu").split(",", -1);
    Map<String, String> byName = new HashMap<>();
    for (int i = 0; i < shuffled.size(); i++) {
      byName.put(shuffled.get(i), cells[i]);
    }
    assertThat(byName.get("project_name")).isEqualTo("forecaster");
    assertThat(byName.get("wue")).isEqualTo("0");
  }

  @Test
  void a_file_that_is_not_codecarbons_is_refused() throws IOException {
    Path csv = dir.resolve("other.csv");
    Files.writeString(csv, "a,b,c\n1,2,3\n");
    assertThatThrownBy(() -> CodeCarbonCsv.append(csv, CodeCarbonCsv.row(account(), meta())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not CodeCarbon");
  }

  private static double d(Map<String, String> r, String k) {
    return Double.parseDouble(r.get(k));
  }
}
