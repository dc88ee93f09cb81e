package dev.carbonshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.energy.nvml.FakeNvml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code carbonshift measure -- COMMAND}, with real child processes. */
class MeasureCommandTest {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final String BUSY = "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done";

  @TempDir Path work;

  record Run(int exit, String out, String err) {}

  private Run run(Map<String, String> env, String... args) {
    CommandLine cli = Main.commandLine(new Context(Clock.systemUTC(), env, work, PROJECT));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run run(String... args) {
    return run(Map.of("CARBONSHIFT_NVML_LIBRARY", "/nonexistent/libnvidia-ml.so.1"), args);
  }

  @Test
  void without_sensors_it_prints_modelled_energy_its_assumptions_and_kg_in_the_region() {
    Run r = run("measure", "--region", "es", "--no-rapl", "--", "sh", "-c", BUSY);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("command        sh -c")
        .contains("exit code      0")
        .containsPattern(
            "duration       \\d+\\.\\d\\d s, metered \\d+\\.\\d\\d s, sampled every 1 s")
        .containsPattern("  CPU  modelled  \\d")
        .containsPattern("  RAM  modelled  \\d")
        .contains("GPU  -         not measured: nvml unavailable")
        .contains("W per busy core")
        .contains("the Green Algorithms figure for an unknown CPU", "W per GB")
        .contains("(IT × PUE 1.20 of es)")
        .containsPattern(
            "intensity      \\d+ gCO2e/kWh in ES, estimate \\(Electricity Maps yearly average")
        .containsPattern("emissions      \\d.*kgCO2e")
        .contains("process tree (pid");
    String cpu =
        r.out().lines().filter(l -> l.startsWith("  CPU  modelled")).findFirst().orElseThrow();
    assertThat(cpu).doesNotContain(" 0 J").doesNotContain("(0 kWh)");
  }

  @Test
  void the_commands_exit_code_is_returned() {
    assertThat(run("measure", "--no-rapl", "--", "sh", "-c", "exit 3").exit()).isEqualTo(3);
  }

  @Test
  void an_unknown_region_is_bad_input_before_anything_runs() {
    Run r = run("measure", "--region", "atlantis", "--", "sh", "-c", "touch ran");
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("unknown region 'atlantis'", "es");
    assertThat(work.resolve("ran")).doesNotExist();
  }

  @Test
  void a_command_that_cannot_start_exits_127() {
    Run r = run("measure", "--no-rapl", "--", "/nonexistent/program");
    assertThat(r.exit()).isEqualTo(MeasureCommand.CANNOT_RUN);
    assertThat(r.err()).contains("cannot run /nonexistent/program");
  }

  @Test
  void rapl_and_a_gpu_are_read_by_counter_when_present() throws IOException {
    Path powercap = work.resolve("powercap");
    Path pkg = Files.createDirectories(powercap.resolve("intel-rapl:0"));
    Files.writeString(pkg.resolve("name"), "package-0\n");
    Files.writeString(pkg.resolve("energy_uj"), "1000\n");
    Files.writeString(pkg.resolve("max_energy_range_uj"), "262143328850\n");
    FakeNvml.Control fake = FakeNvml.reset();
    int gpu = fake.fake_nvml_add_device("NVIDIA H100 80GB HBM3", "GPU-0000", 9);
    fake.fake_nvml_set_energy_step(gpu, 5_000); // every read: 5 J more

    Run r =
        run(
            Map.of("CARBONSHIFT_NVML_LIBRARY", FakeNvml.path()),
            "measure",
            "--region",
            "de",
            "--powercap",
            powercap.toString(),
            "--overhead",
            "--",
            "sh",
            "-c",
            "exit 0");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("  CPU  counter")
        .containsPattern("  GPU  counter   *\\d")
        .contains("GPU 0 NVIDIA H100 80GB HBM3 (GPU-0000, Hopper), whole device")
        .contains("sampling cost");
    assertThat(fake.fake_nvml_init_refs()).isZero();
  }

  @Test
  void csv_appends_a_codecarbon_row() throws IOException {
    Run r =
        run(
            "measure",
            "--region",
            "fr",
            "--no-rapl",
            "--csv",
            "out/emissions.csv",
            "--project",
            "p1",
            "--",
            "true");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(work.resolve("out/emissions.csv"));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("timestamp,project_name,run_id,experiment_id,duration,emissions,");
    assertThat(lines.get(1))
        .contains(",p1,")
        .contains(",FRA,")
        .contains(",gcp,europe-west9,")
        .contains(",process,");
  }
}
