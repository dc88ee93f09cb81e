package dev.carbonshift.energy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CpuPowerModelTest {
  static TdpTables tables;

  @BeforeAll
  static void bundled() throws IOException {
    tables = TdpTables.load(Path.of("data/hardware"));
  }

  private static String cpuinfo(String model, int threads, String flags) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < threads; i++) {
      b.append("processor\t: ")
          .append(i)
          .append('\n')
          .append("model name\t: ")
          .append(model)
          .append('\n')
          .append("physical id\t: 0\n")
          .append("cpu cores\t: ")
          .append(threads / 2)
          .append('\n')
          .append("flags\t\t: fpu vme ")
          .append(flags)
          .append(" sse\n\n");
    }
    return b.toString();
  }

  @Test
  void cpuinfo_gives_model_threads_packages_and_virtualisation() {
    CpuInfo c = CpuInfo.parse(cpuinfo("AMD EPYC", 2, "hypervisor"));
    assertThat(c).isEqualTo(new CpuInfo("AMD EPYC", 2, 1, 1, true));
  }

  @Test
  void green_algorithms_row_gives_tdp_per_core() {
    var m =
        CpuPowerModel.of(
            CpuInfo.parse(cpuinfo("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz", 80, "")), tables);
    assertThat(m.wattsPerCore()).isCloseTo(7.5, within(1e-9));
    assertThat(m.assumptions().get(0))
        .contains("Xeon Gold 6248", "TDP_cpu.csv", "150 W / 20 cores");
  }

  @Test
  void amd_core_count_comes_from_the_name_even_in_a_vm() {
    var m =
        CpuPowerModel.of(
            CpuInfo.parse(cpuinfo("AMD EPYC 4124P 4-Core Processor", 2, "hypervisor")), tables);
    assertThat(m.wattsPerCore()).isCloseTo(65.0 / 4, within(1e-9));
  }

  @Test
  void codecarbon_row_on_bare_metal_divides_by_the_physical_cores() {
    var m =
        CpuPowerModel.of(
            CpuInfo.parse(cpuinfo("Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz", 48, "")), tables);
    assertThat(m.wattsPerCore()).isCloseTo(205.0 / 24, within(1e-9));
    assertThat(m.assumptions().get(0)).contains("cpu_power.csv");
  }

  @Test
  void codecarbon_row_in_a_vm_keeps_the_unknown_per_core_figure_and_says_why() {
    var m =
        CpuPowerModel.of(
            CpuInfo.parse(cpuinfo("Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz", 4, "hypervisor")),
            tables);
    assertThat(m.wattsPerCore()).isEqualTo(12.0);
    assertThat(m.assumptions().get(0)).contains("core count is unknown inside this VM");
  }

  @Test
  void an_unknown_cpu_gets_12_watts_per_core_and_the_assumption_says_so() {
    var m = CpuPowerModel.of(CpuInfo.parse(cpuinfo("AMD EPYC", 2, "hypervisor")), tables);
    assertThat(m.wattsPerCore()).isEqualTo(12.0);
    assertThat(m.assumptions().get(0))
        .contains("\"AMD EPYC\" is not in the TDP tables", "12.00 W per core");
    assertThat(m.assumptions()).anySatisfy(a -> assertThat(a).contains("idle power"));
  }

  @Test
  void without_tables_the_built_in_default_is_used() {
    var m =
        CpuPowerModel.of(CpuInfo.parse(cpuinfo("Intel Xeon Gold 6248", 4, "")), TdpTables.empty());
    assertThat(m.wattsPerCore()).isEqualTo(TdpTables.UNKNOWN_CPU_WATTS_PER_CORE);
    assertThat(m.assumptions().get(0)).contains("built-in defaults");
  }
}
