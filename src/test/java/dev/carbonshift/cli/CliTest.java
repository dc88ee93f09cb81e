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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Drives the command line as a user would, each call a fresh "process" on the same work dir. */
class CliTest {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
  private static final List<String> JOB_NAMES =
      List.of(
          "ci-forecaster-es-nightly",
          "ci-forecaster-es",
          "ci-lstm-gb",
          "weather-newyork",
          "weather-seattle");

  @TempDir Path work;
  private List<String> jobFiles;

  record Run(int exit, String out, String err) {
    /** The line of the output that names {@code word} as a whole cell. */
    String lineWith(String word) {
      return out.lines()
          .filter(l -> List.of(l.split("\\s+")).contains(word))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no line with " + word + " in:\n" + out));
    }
  }

  private Run run(String... args) {
    // port 0: no daemon is probed, so a daemon running on this machine never answers for the store
    CommandLine cli =
        Main.commandLine(new Context(CLOCK, Map.of("CARBONSHIFT_PORT", "0"), work, PROJECT));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String[] args(Object... parts) {
    List<String> out = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof List<?> l) {
        l.forEach(x -> out.add(x.toString()));
      } else {
        out.add(p.toString());
      }
    }
    return out.toArray(String[]::new);
  }

  @BeforeEach
  void findShippedJobs() throws IOException {
    try (Stream<Path> s = Files.list(PROJECT.resolve("jobs"))) {
      jobFiles =
          s.filter(p -> p.toString().endsWith(".yaml")).sorted().map(Path::toString).toList();
    }
    assertThat(jobFiles).hasSize(5);
  }

  @Test
  void submitted_examples_are_all_queued_and_a_new_process_still_sees_them() {
    Run submit = run(args("submit", jobFiles));

    assertThat(submit.exit()).as(submit.err()).isZero();
    assertThat(submit.out().lines())
        .hasSize(5)
        .allMatch(l -> l.matches("job-[0-9a-f]{10}\\s+\\S+\\s+(QUEUED|RECURRING)"));
    for (String name : JOB_NAMES) {
      // the nightly retrain has a schedule: it recurs, and its cron submits the runs
      assertThat(run("status").lineWith(name))
          .contains(name.endsWith("-nightly") ? "RECURRING" : "QUEUED");
    }
    assertThat(work.resolve(".carbonshift/carbonshift.mv.db")).isRegularFile();
  }

  @Test
  void an_explicit_db_is_shared_between_processes_and_separate_from_the_default() {
    String db = work.resolve("elsewhere/store").toString();

    assertThat(run(args("submit", "--db", db, jobFiles)).exit()).isZero();

    Run again = run("status", "--db", db);
    assertThat(again.exit()).isZero();
    assertThat(again.out().lines().filter(l -> l.contains(" QUEUED ") || l.contains(" RECURRING ")))
        .hasSize(5);
    assertThat(run("status").out().trim()).isEqualTo("no jobs");
  }

  @Test
  void cancel_moves_a_job_to_cancelled_and_cancelling_again_is_bad_input() {
    run(args("submit", jobFiles));
    String id = run("status").lineWith("ci-lstm-gb").split("\\s+")[0];

    Run cancel = run("cancel", id);
    assertThat(cancel.exit()).as(cancel.err()).isZero();
    assertThat(cancel.out()).contains(id).contains("CANCELLED");
    assertThat(run("status").lineWith(id)).contains("CANCELLED");
    assertThat(run("status", id).out()).contains("QUEUED -> CANCELLED — cancelled by user");

    Run again = run("cancel", id);
    assertThat(again.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(again.err()).contains("CANCELLED").contains("cannot become");
    assertThat(run("cancel", "job-nope").exit()).isEqualTo(Main.BAD_INPUT);
  }

  static Stream<Arguments> badDescriptors() {
    String good =
        "name: nightly\nkind: train\nestimate: {duration: 2h, powerWatts: 250}\n"
            + "deadline: 12h\nregions: [es, no]\nhome: es\n";
    return Stream.of(
        Arguments.of(good.replace("deadline:", "deadlne:"), 4, "deadlne", "did you mean"),
        Arguments.of(good.replace("2h,", "-2h,"), 3, "estimate.duration", "must be positive"),
        Arguments.of(
            good.replace("deadline: 12h", "deadline: 2026-02-01T00:00:00Z"),
            4,
            "deadline",
            "in the past"),
        Arguments.of(good.replace("[es, no]", "[es, mars]"), 5, "regions[1]", "unknown region"));
  }

  @ParameterizedTest
  @MethodSource("badDescriptors")
  void a_bad_descriptor_exits_2_naming_file_line_and_field_and_stores_nothing(
      String text, int line, String field, String problem) throws IOException {
    Files.writeString(work.resolve("bad.yaml"), text);

    Run submit = run("submit", "bad.yaml");

    assertThat(submit.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(submit.err()).contains("bad.yaml:" + line + ": " + field + ": ").contains(problem);
    assertThat(submit.out()).isEmpty();
    assertThat(run("status").out().trim()).isEqualTo("no jobs");
  }

  @Test
  void one_bad_file_in_a_batch_stores_none_of_it() throws IOException {
    run("submit", jobFiles.get(0));
    Files.writeString(work.resolve("bad.yaml"), "name: x\nkind: train\nhome: atlantis\n");

    Run submit = run("submit", jobFiles.get(1), "bad.yaml", jobFiles.get(2));

    assertThat(submit.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(submit.err()).contains("bad.yaml:3: home: unknown region 'atlantis'");
    assertThat(submit.err()).contains("nothing was submitted");
    assertThat(run("status").out().lines().filter(l -> l.startsWith("job-"))).hasSize(1);
  }

  @Test
  void regions_lists_all_seven_with_norway_as_no() {
    Run regions = run("regions");

    assertThat(regions.exit()).isZero();
    for (String id : List.of("de", "es", "fr", "gb", "no", "se-se3", "us-cal-ciso")) {
      assertThat(regions.lineWith(id)).isNotBlank();
    }
    assertThat(regions.lineWith("no")).contains("NO").contains("Norway");
    assertThat(regions.out()).contains("7 regions from");
  }

  @ParameterizedTest(name = "{0} --help")
  @ValueSource(strings = {"submit", "status", "cancel", "regions", "demo"})
  void help_works_on_every_verb(String verb) {
    Run help = run(verb, "--help");

    assertThat(help.exit()).isZero();
    assertThat(help.out()).startsWith("Usage: carbonshift " + verb);
    assertThat(help.err()).isEmpty();
  }

  @Test
  void help_without_a_verb_lists_every_verb() {
    Run help = run("--help");

    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("submit", "status", "cancel", "regions", "demo");
  }

  @Test
  void an_unknown_verb_or_option_is_bad_input() {
    assertThat(run("frobnicate").exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(run("status", "--colour").exit()).isEqualTo(Main.BAD_INPUT);
  }
}
