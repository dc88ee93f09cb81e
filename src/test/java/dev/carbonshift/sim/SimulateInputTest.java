package dev.carbonshift.sim;

import static dev.carbonshift.sim.SimulateCommandTest.FIXTURES;
import static dev.carbonshift.sim.SimulateCommandTest.args;
import static dev.carbonshift.sim.SimulateCommandTest.simulate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.trace.Trace;
import dev.carbonshift.carbon.trace.TraceReader;
import dev.carbonshift.config.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code simulate} refuses what a careless workload, trace or flag would make of the figures. */
class SimulateInputTest {
  static final String HEADER =
      "job,submitted,duration_h,power_kw,deadline_h,interruptible,home,regions\n";
  static final String GOOD = "a,2022-03-02T00:00:00Z,2,1,10,false,es,*\n";

  @TempDir Path tmp;

  private SimulateCommandTest.Run withWorkload(String rows, String... more) throws IOException {
    Path workload = tmp.resolve("w.csv");
    Files.writeString(workload, HEADER + rows);
    return simulate(args(FIXTURES.resolve("traces"), workload, "carbon-aware", more));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "duplicate id ; a,2022-03-03T00:00:00Z,2,1,10,false,es,* ; w.csv:3 ; duplicate job id 'a'",
        "absurd duration ; b,2022-03-03T00:00:00Z,1e9,1,10,false,es,* ; w.csv:3 ; duration_h",
        "absurd power ; b,2022-03-03T00:00:00Z,2,1e12,10,false,es,* ; w.csv:3 ; power_kw",
        "absurd deadline ; b,2022-03-03T00:00:00Z,2,1,1e15,false,es,* ; w.csv:3 ; deadline_h",
        "unknown region ; b,2022-03-03T00:00:00Z,2,1,10,false,es,es|xx ; w.csv:3 ; unknown region 'xx'",
        "unknown home ; b,2022-03-03T00:00:00Z,2,1,10,false,zz,* ; w.csv:3 ; 'zz'",
      })
  void a_bad_workload_row_is_exit_2_naming_file_line_and_what(
      String name, String row, String where, String what) throws IOException {
    SimulateCommandTest.Run r = withWorkload(GOOD + row + "\n");

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(where).contains(what);
  }

  @Test
  void jobs_outside_the_traces_are_refused_or_left_out_and_counted_when_asked() throws IOException {
    String outside = "late,2031-01-01T00:00:00Z,2,1,10,false,es,*\n";

    SimulateCommandTest.Run refused = withWorkload(GOOD + outside);
    SimulateCommandTest.Run kept = withWorkload(GOOD + outside, "--skip-outside-traces");
    SimulateCommandTest.Run alone = withWorkload(GOOD);

    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("w.csv:3").contains("late").contains("outside the trace");
    assertThat(kept.exit()).as(kept.err()).isZero();
    assertThat(kept.out()).contains("left out 1 of 2 jobs").contains(": 1 jobs");
    // the job left out changes nothing else
    assertThat(kept.out().lines().findFirst()).isEqualTo(alone.out().lines().findFirst());
  }

  @Test
  void a_typo_in_the_emission_factor_is_refused() throws IOException {
    SimulateCommandTest.Run r = withWorkload(GOOD, "--emission-factor", "lifecylce");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--emission-factor").contains("lifecylce");
  }

  @Test
  void one_missing_row_is_a_gap_and_the_filled_gap_is_printed_not_only_in_the_json()
      throws IOException {
    Path traces = Files.createDirectories(tmp.resolve("traces"));
    try (Stream<Path> s = Files.list(FIXTURES.resolve("traces"))) {
      for (Path p : s.toList()) {
        Files.copy(p, traces.resolve(p.getFileName()));
      }
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(traces.resolve("ES.csv")));
    lines.remove(100);
    Files.write(traces.resolve("ES.csv"), lines);
    Path workload = tmp.resolve("w.csv");
    Files.writeString(workload, HEADER + GOOD);

    SimulateCommandTest.Run refused = simulate(args(traces, workload, "run-now"));
    SimulateCommandTest.Run filled = simulate(args(traces, workload, "run-now", "--fill-gaps"));

    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("ES.csv:101").contains("gap");
    assertThat(filled.exit()).as(filled.err()).isZero();
    assertThat(filled.out()).contains("note: ").contains("filled 1 missing points");
  }

  @ParameterizedTest(name = "missing {0}")
  @CsvSource({"2022-03-27 01:00:00", "2022-03-27 02:00:00", "2022-10-30 01:00:00"})
  void a_missing_hour_at_a_daylight_saving_change_is_a_gap_like_any_other(String missing)
      throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("dst"));
    StringBuilder csv = new StringBuilder("Time,Carbon Intensity\n");
    java.time.LocalDateTime t = java.time.LocalDateTime.parse(missing.replace(' ', 'T'));
    for (int h = -6; h <= 6; h++) {
      if (h != 0) {
        csv.append(t.plusHours(h).toString().replace('T', ' ')).append(":00,").append(100 + h);
        csv.append('\n');
      }
    }
    Files.writeString(dir.resolve("ES.csv"), csv);

    assertThatThrownBy(
            () ->
                TraceReader.readFolder(dir, new TraceReader.Options(EmissionFactor.DIRECT, false)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ES.csv:8")
        .hasMessageContaining("gap");
    Map<String, Trace> filled =
        TraceReader.readFolder(dir, new TraceReader.Options(EmissionFactor.DIRECT, true));
    assertThat(filled.get("ES").notes()).anyMatch(n -> n.contains("filled 1 missing points"));
  }
}
