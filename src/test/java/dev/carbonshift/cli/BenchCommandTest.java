package dev.carbonshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.testing.TestClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {
  static final Path PROJECT = Path.of("").toAbsolutePath();

  @TempDir Path work;

  record Run(int exit, String out, String err) {}

  private Run bench(String... args) {
    CommandLine cli =
        Main.commandLine(
            new Context(
                new TestClock(Instant.parse("2026-03-01T00:00:00Z")), Map.of(), work, PROJECT));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void the_replay_timing_prints_through_the_command_line_output() throws IOException {
    Path arrivals = work.resolve("arrivals.csv");
    Files.writeString(arrivals, "arrival_time,length,cpus\n0,3600,4\n7200,1800,2\n86400,3600,8\n");

    Run r =
        bench(
            "bench",
            "--part",
            "simulate",
            "--arrivals",
            arrivals.toString(),
            "--policies",
            "run-now");

    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("replay of arrivals.csv: 3 jobs").contains("run-now");
  }

  @Test
  void bad_input_is_said_on_the_command_line_error_stream() {
    Run r = bench("bench", "--part", "plan", "--traces", "no-such-folder");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("no-such-folder");
  }
}
