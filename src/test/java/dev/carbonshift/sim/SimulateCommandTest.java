package dev.carbonshift.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.cli.SimulateCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class SimulateCommandTest {
  static final Path FIXTURES = Path.of("test-fixtures/plan");

  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run simulate(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SimulateCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static String[] args(Path traces, Path workload, String policy, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--regions", FIXTURES.resolve("regions").toString(),
                "--traces", traces.toString(),
                "--workload", workload.toString(),
                "--policy", policy));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void writes_the_documented_json_fields_and_every_policy_meets_every_deadline()
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    double[] kg = new double[5];
    String[] policies = {"run-now", "window-argmin", "lowest-slots", "carbon-aware", "oracle"};
    JsonNode oracle = null;
    for (int i = 0; i < policies.length; i++) {
      Path out = tmp.resolve(policies[i] + ".json");
      Run r =
          simulate(
              args(
                  FIXTURES.resolve("traces"),
                  FIXTURES.resolve("workload.csv"),
                  policies[i],
                  "--json",
                  out.toString()));
      assertThat(r.exit()).as(r.err()).isZero();
      JsonNode n = json.readTree(out.toFile());
      for (String f :
          List.of(
              "policy",
              "forecast",
              "jobs",
              "deadlineMisses",
              "totalKwh",
              "totalKgCo2e",
              "baselineKgCo2e",
              "savingsPct",
              "placements")) {
        assertThat(n.has(f)).as(f).isTrue();
      }
      assertThat(n.get("jobs").asInt()).isEqualTo(40);
      assertThat(n.get("deadlineMisses").asInt()).isZero();
      assertThat(n.get("placements").get(0).has("kgCo2e")).isTrue();
      kg[i] = n.get("totalKgCo2e").asDouble();
      if (i == 0) {
        assertThat(kg[0])
            .isCloseTo(
                n.get("baselineKgCo2e").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
      }
      if (i == 4) {
        oracle = n;
      }
    }
    assertThat(kg[3]).as("carbon-aware beats the peers' rules").isLessThan(kg[1]).isLessThan(kg[2]);
    assertThat(oracle.get("lowerBoundKgCo2e").asDouble())
        .isLessThanOrEqualTo(kg[4] + 1e-6)
        .isLessThanOrEqualTo(kg[3] + 1e-6);
  }

  static Stream<Arguments> bad_traces() {
    String header = "Time,Carbon Intensity\n";
    return Stream.of(
        Arguments.of(
            "gap",
            header
                + "2022-03-01 00:00:00,100\n2022-03-01 01:00:00,100\n2022-03-01 02:00:00,100\n"
                + "2022-03-01 07:00:00,90\n",
            ":5",
            "gap"),
        Arguments.of(
            "duplicate",
            header + "2022-03-01 00:00:00,100\n2022-03-01 00:00:00,100\n",
            ":3",
            "duplicate"),
        Arguments.of("non-numeric", header + "2022-03-01 00:00:00,abc\n", ":2", "not a number"),
        Arguments.of("negative", header + "2022-03-01 00:00:00,-5\n", ":2", ">= 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad_traces")
  void rejects_a_bad_trace_naming_file_and_line(String name, String csv, String line, String what)
      throws IOException {
    Path traces = copyTraces();
    Files.writeString(traces.resolve("ES.csv"), csv);

    Run r = simulate(args(traces, FIXTURES.resolve("workload.csv"), "run-now"));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("ES.csv" + line).contains(what);
  }

  @Test
  void fills_gaps_only_when_asked_and_reports_the_fill() throws IOException {
    Path traces = copyTraces();
    List<String> lines = new ArrayList<>(Files.readAllLines(FIXTURES.resolve("traces/ES.csv")));
    lines.remove(100);
    Files.write(traces.resolve("ES.csv"), lines);
    lines.remove(100);
    Files.write(traces.resolve("ES.csv"), lines);
    Path json = tmp.resolve("filled.json");

    Run refused = simulate(args(traces, FIXTURES.resolve("workload.csv"), "run-now"));
    Run filled =
        simulate(
            args(
                traces,
                FIXTURES.resolve("workload.csv"),
                "run-now",
                "--fill-gaps",
                "--json",
                json.toString()));

    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("ES.csv:").contains("gap");
    assertThat(filled.exit()).as(filled.err()).isZero();
    assertThat(Files.readString(json)).contains("filled 2 missing points");
  }

  @Test
  void rejects_a_workload_row_with_a_missing_column_naming_file_and_line() throws IOException {
    Path workload = tmp.resolve("w.csv");
    Files.writeString(
        workload,
        "job,submitted,duration_h,power_kw,deadline_h,interruptible,home,regions\n"
            + "a,2022-03-02T00:00:00Z,2,1,10,false,es,*\n"
            + "b,2022-03-02T00:00:00Z,2,1,10,false\n");

    Run r = simulate(args(FIXTURES.resolve("traces"), workload, "carbon-aware"));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("w.csv:3").contains("home");
  }

  @Test
  void rejects_a_region_whose_zone_has_no_trace() throws IOException {
    Path traces = copyTraces();
    Files.delete(traces.resolve("NO.csv"));

    Run r = simulate(args(traces, FIXTURES.resolve("workload.csv"), "run-now"));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("region 'no'").contains("no trace");
  }

  private Path copyTraces() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("traces"));
    try (Stream<Path> s = Files.list(FIXTURES.resolve("traces"))) {
      for (Path p : s.toList()) {
        Files.copy(p, dir.resolve(p.getFileName()));
      }
    }
    return dir;
  }
}
