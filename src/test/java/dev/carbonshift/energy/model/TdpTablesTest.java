package dev.carbonshift.energy.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CPU and GPU names as the OS and NVML report them, matched against the bundled tables. */
class TdpTablesTest {
  static TdpTables tables;

  @BeforeAll
  static void bundled() throws IOException {
    tables = TdpTables.load(Path.of("data/hardware"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz;         Xeon Gold 6248;      150;  20",
        "AMD EPYC 7763 64-Core Processor;                   AMD EPYC 7763;       280;  64",
        "Intel(R) Core(TM) i7-8700T CPU @ 2.40GHz;          Intel Core i7-8700T; 35;   0",
        "Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz;         Intel Xeon Gold 6248R; 205; 0",
        "Intel(R) Core(TM) i5-10400 CPU @ 2.90GHz;          Core i5-10400;       65;   6",
        "AMD EPYC 4124P 4-Core Processor;                   AMD EPYC 4124P;      65;   0",
      })
  void known_cpus_match_their_row(String cpuinfoName, String row, double tdp, int cores) {
    var e = tables.cpu(cpuinfoName).orElseThrow();
    assertThat(e.model()).isEqualToIgnoringCase(row);
    assertThat(e.tdpWatts()).isEqualTo(tdp);
    assertThat(e.cores()).isEqualTo(cores);
  }

  @ParameterizedTest
  @CsvSource({"AMD EPYC", "Intel(R) Xeon(R) CPU", "QEMU Virtual CPU version 2.5+", "unknown"})
  void a_name_without_a_model_number_matches_nothing(String name) {
    assertThat(tables.cpu(name)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {"Tesla V100-SXM2-16GB; NVIDIA Tesla V100; 300", "Tesla T4; NVIDIA Tesla T4; 70"})
  void gpus_match_by_model_tokens(String nvmlName, String row, double tdp) {
    var e = tables.gpu(nvmlName).orElseThrow();
    assertThat(e.model()).isEqualTo(row);
    assertThat(e.tdpWatts()).isEqualTo(tdp);
  }

  @org.junit.jupiter.api.Test
  void the_any_rows_give_the_defaults_for_unknown_parts() {
    assertThat(tables.unknownCpuWattsPerCore()).isEqualTo(12.0);
    assertThat(tables.unknownGpuWatts()).isEqualTo(200.0);
  }
}
