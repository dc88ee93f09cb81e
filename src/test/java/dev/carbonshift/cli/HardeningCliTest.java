package dev.carbonshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Bad settings and odd surroundings, as a careless user gives them: exit 2 and a clear line. */
class HardeningCliTest {
  static final Path PROJECT = Path.of("").toAbsolutePath();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path work;

  record Run(int exit, String out, String err) {}

  static Run run(Path workDir, Map<String, String> env, String... args) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("CARBONSHIFT_PORT", "0");
    CommandLine cli = Main.commandLine(new Context(CLOCK, all, workDir, PROJECT));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "CARBONSHIFT_ELECTRICITYMAPS_TIMEOUT, abc",
    "CARBONSHIFT_UKGRID_TIMEOUT, abc",
    "CARBONSHIFT_CASDK_DEADLINE, soon",
    "CARBONSHIFT_WATTTIME_CONNECT_TIMEOUT, -5s",
    "CARBONSHIFT_UKGRID_ATTEMPTS, many",
    "CARBONSHIFT_UKGRID_URL, abc",
    "CARBONSHIFT_TRACE_REPLAY, sometimes",
  })
  void a_bad_source_setting_is_bad_input_naming_the_variable(String variable, String value) {
    Run r =
        run(
            work,
            Map.of(variable, value),
            "plan",
            PROJECT.resolve("jobs/forecaster-es-train.yaml").toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).startsWith("error: ").contains(variable).doesNotContain("internal error");
    assertThat(r.err().lines()).hasSize(1);
  }

  @ParameterizedTest(name = "--out {0}")
  @ValueSource(strings = {".carbonshift", "."})
  void the_demo_refuses_a_folder_holding_a_store_it_did_not_create_and_leaves_it_whole(String out)
      throws IOException {
    Run submit =
        run(work, Map.of(), "submit", PROJECT.resolve("jobs/forecaster-es-train.yaml").toString());
    assertThat(submit.exit()).as(submit.err()).isZero();
    Path store = work.resolve(".carbonshift/carbonshift.mv.db");
    byte[] before = Files.readAllBytes(store);
    if (out.equals(".")) {
      Files.move(store, work.resolve("carbonshift.mv.db"));
      store = work.resolve("carbonshift.mv.db");
    }

    Run demo = run(work, Map.of(), "demo", "--out", out);

    assertThat(demo.exit()).as(demo.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(demo.err())
        .contains("--out")
        .contains("did not create")
        .contains("carbonshift.mv.db");
    assertThat(Files.readAllBytes(store)).isEqualTo(before);
    assertThat(demo.out()).doesNotContain("submitted");
  }
}
