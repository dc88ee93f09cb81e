package dev.carbonshift.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.config.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JobParserTest {
  static final Set<String> REGIONS = Set.of("de", "es", "fr", "gb", "no", "se-se3", "us-cal-ciso");
  static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

  /** Accepts cron expressions of six or seven fields, as Quartz does; enough for the parser. */
  static final Function<String, String> CRON =
      c -> c.trim().split("\\s+").length >= 6 ? null : "expected 6 or 7 fields";

  private final JobParser parser = parser();

  /** A parser for {@link #REGIONS} at {@link #NOW} that accepts {@link #CRON}'s expressions. */
  static JobParser parser() {
    return new JobParser(REGIONS, Clock.fixed(NOW, ZoneOffset.UTC), CRON);
  }

  static Stream<Path> shippedDescriptors() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("jobs"))) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(files).hasSize(5);
      return files.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("shippedDescriptors")
  void every_shipped_descriptor_parses_and_keeps_its_text(Path file) throws IOException {
    ParsedJob parsed = parser.parse(file);

    assertThat(parsed.format()).isEqualTo("yaml");
    assertThat(parsed.text()).isEqualTo(Files.readString(file));
    assertThat(parsed.file()).isEqualTo(file);
    JobSpec spec = parsed.spec();
    assertThat(spec.home()).isIn(REGIONS);
    assertThat(spec.estimate()).isNotNull();
    assertThat(spec.deadlineFor(NOW)).isAfter(NOW.plus(spec.estimate().duration()));
    assertThat(spec.regions()).allMatch(r -> r.equals(JobSpec.ANY_REGION) || REGIONS.contains(r));
  }

  @Test
  void the_interruptible_example_keeps_its_slices_and_the_nightly_one_its_schedule() {
    JobSpec lstm = parser.parse(Path.of("jobs/lstm-gb-interruptible.yaml")).spec();
    JobSpec nightly = parser.parse(Path.of("jobs/forecaster-es-nightly.yaml")).spec();

    assertThat(lstm.interruptible()).isTrue();
    assertThat(lstm.minSlice()).isEqualTo(Duration.ofMinutes(45));
    assertThat(lstm.deadlineFor(NOW)).isEqualTo(NOW.plus(Duration.ofHours(48)));
    assertThat(nightly.schedule()).isEqualTo("0 0 1 * * ?");
    assertThat(nightly.strategy()).isEqualTo(Strategy.INCREMENTAL);
    assertThat(nightly.baseModel()).isEqualTo("latest");
    assertThat(nightly.dataset().label()).isEqualTo("Carbon Intensity gCO₂eq/kWh (direct)");
  }

  @ParameterizedTest(name = "{0} lasts {1} minutes")
  @CsvSource({"PT6H, 360", "6h, 360", "90m, 90", "1h30m, 90", "PT1H30M, 90", "1.5h, 90"})
  void estimate_durations_are_read_in_iso_and_human_form(String written, long minutes) {
    JobSpec spec =
        parse("name: j\nkind: train\nestimate: {duration: " + written + ", powerWatts: 100}\n");

    assertThat(spec.estimate().duration()).isEqualTo(Duration.ofMinutes(minutes));
  }

  @ParameterizedTest(name = "deadline {0} resolves to {1}")
  @CsvSource({
    "6h, 2026-03-01T06:00:00Z",
    "PT6H, 2026-03-01T06:00:00Z",
    "1h30m, 2026-03-01T01:30:00Z",
    "2026-03-02T06:00:00Z, 2026-03-02T06:00:00Z",
    "2026-03-01T12:30:00.250Z, 2026-03-01T12:30:00.250Z"
  })
  void deadlines_resolve_against_the_submission_time(String written, String expected) {
    JobSpec spec = parse("name: j\nkind: train\ndeadline: " + written + "\n");

    assertThat(spec.deadlineFor(NOW)).isEqualTo(Instant.parse(expected));
  }

  @Test
  void a_relative_deadline_moves_with_the_submission_time_and_an_absolute_one_does_not() {
    JobSpec spec = parse("name: j\nkind: train\nearliestStart: 2h\ndeadline: 8h\n");
    JobSpec fixed = parse("name: j\nkind: train\ndeadline: 2026-03-02T00:00:00Z\n");
    Instant later = NOW.plus(Duration.ofDays(1));

    assertThat(spec.earliestStartFor(later)).isEqualTo(later.plus(Duration.ofHours(2)));
    assertThat(spec.deadlineFor(later)).isEqualTo(later.plus(Duration.ofHours(8)));
    assertThat(fixed.deadlineFor(later)).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
  }

  private static final String BASE =
      """
      name: nightly
      kind: train
      estimate:
        duration: 2h
        powerWatts: 250
      deadline: 12h
      regions: [es, no]
      home: es
      """;

  /** The base descriptor with line {@code line} (1-based) replaced by {@code replacement}. */
  private static String withLine(int line, String replacement) {
    List<String> lines = new java.util.ArrayList<>(BASE.lines().toList());
    lines.set(line - 1, replacement);
    return String.join("\n", lines) + "\n";
  }

  static Stream<Arguments> badDescriptors() {
    return Stream.of(
        Arguments.of(
            "typo'd field with a suggestion",
            "bad.yaml",
            withLine(6, "deadlne: 12h"),
            "deadlne",
            6,
            "did you mean 'deadline'"),
        Arguments.of(
            "negative duration",
            "bad.yaml",
            withLine(4, "  duration: -2h"),
            "estimate.duration",
            4,
            "must be positive"),
        Arguments.of(
            "negative ISO duration",
            "bad.yaml",
            withLine(4, "  duration: PT-2H"),
            "estimate.duration",
            4,
            "must be positive"),
        Arguments.of(
            "deadline in the past",
            "bad.yaml",
            withLine(6, "deadline: 2026-02-28T23:00:00Z"),
            "deadline",
            6,
            "in the past"),
        Arguments.of(
            "deadline before earliestStart",
            "bad.yaml",
            withLine(6, "earliestStart: 2026-03-02T00:00:00Z\ndeadline: 2026-03-01T12:00:00Z"),
            "deadline",
            7,
            "must be after earliestStart"),
        Arguments.of(
            "deadline shorter than the estimate",
            "bad.yaml",
            withLine(6, "deadline: 1h"),
            "deadline",
            6,
            "less than the estimated PT2H"),
        Arguments.of(
            "unknown region in a flow list",
            "bad.yaml",
            withLine(7, "regions: [es, mars]"),
            "regions[1]",
            7,
            "unknown region 'mars'"),
        Arguments.of(
            "unknown region in a block list",
            "bad.yaml",
            withLine(7, "regions:\n  - es\n  - mars"),
            "regions[1]",
            9,
            "unknown region 'mars'"),
        Arguments.of(
            "unknown home region",
            "bad.yaml",
            withLine(8, "home: atlantis"),
            "home",
            8,
            "unknown region 'atlantis'"),
        Arguments.of(
            "unknown kind", "bad.yaml", withLine(2, "kind: pretrain"), "kind", 2, "not one of"),
        Arguments.of(
            "non-numeric powerWatts",
            "bad.yaml",
            withLine(5, "  powerWatts: lots"),
            "estimate.powerWatts",
            5,
            "must be a number"),
        Arguments.of(
            "bad cron",
            "bad.yaml",
            withLine(8, "home: es\nschedule: \"every night\""),
            "schedule",
            9,
            "not a Quartz cron expression"),
        Arguments.of(
            "minSlice on a job that cannot be interrupted",
            "bad.yaml",
            withLine(8, "home: es\nminSlice: 45m"),
            "minSlice",
            9,
            "only an interruptible job"),
        Arguments.of(
            "a lag shorter than the horizon is not known at forecast time",
            "bad.yaml",
            withLine(
                8, "home: es\ndataset:\n  path: t.csv\n  label: y\n  horizon: 24\n  lags: [1, 24]"),
            "dataset.lags",
            13,
            "at least the horizon (24)"),
        Arguments.of(
            "an unknown naive forecast",
            "bad.yaml",
            withLine(
                8, "home: es\ndataset:\n  path: t.csv\n  label: y\n  window: 24\n  naive: median"),
            "dataset.naive",
            13,
            "must be one of last, seasonal-day, seasonal-week"),
        Arguments.of(
            "typo'd field in JSON",
            "bad.json",
            """
            {
              "name": "nightly",
              "kind": "train",
              "regoins": ["es"],
              "home": "es"
            }
            """,
            "regoins",
            4,
            "did you mean 'regions'"),
        Arguments.of(
            "unknown region in JSON",
            "bad.json",
            """
            {
              "name": "nightly",
              "kind": "train",
              "regions": [
                "es",
                "mars"
              ]
            }
            """,
            "regions[1]",
            6,
            "unknown region 'mars'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDescriptors")
  void rejects_a_bad_descriptor_naming_file_field_and_line(
      String why, String file, String text, String field, int line, String problem) {
    assertThatThrownBy(() -> parser.parse(file, text, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.file()).isEqualTo(file);
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.problem()).contains(problem);
              assertThat(e.getMessage()).startsWith(file + ":" + line + ": " + field + ": ");
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad.yaml | name: j\\nkind: train\\ndeadline: 12h: late\\n | 3",
        "bad.json | {\\n  \"name\": \"j\",\\n  \"kind\": \"train\"\\n  \"home\": \"es\"\\n} | 4"
      })
  void reports_a_syntax_error_with_its_line(String file, String escaped, int line) {
    String text = escaped.replace("\\n", "\n");

    assertThatThrownBy(() -> parser.parse(file, text, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.problem()).startsWith("syntax error");
              assertThat(e.getMessage()).startsWith(file + ":" + line + ": syntax error");
            });
  }

  @Test
  void a_real_quartz_cron_check_rejects_what_quartz_rejects() {
    JobParser quartz =
        new JobParser(
            REGIONS,
            Clock.fixed(NOW, ZoneOffset.UTC),
            c -> dev.carbonshift.daemon.JobIntake.cronProblem(c, NOW));

    assertThat(
            quartz
                .parse("ok.yaml", "name: j\nkind: train\nschedule: 0 0 1 * * ?\nhome: es\n", null)
                .spec()
                .schedule())
        .isEqualTo("0 0 1 * * ?");
    assertThatThrownBy(
            () ->
                quartz.parse(
                    "bad.yaml", "name: j\nkind: train\nschedule: 0 0 25 * * ?\nhome: es\n", null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.getMessage()).startsWith("bad.yaml:3: schedule: '0 0 25 * * ?'"));
  }

  @Test
  void the_region_no_stays_norway_in_yaml_where_yaml_1_1_would_read_false() {
    JobSpec flow = parse("name: j\nkind: train\nregions: [no]\n");
    JobSpec block = parse("name: j\nkind: train\nregions:\n  - fr\n  - no\nhome: no\n");
    JobSpec scalar = parse("name: j\nkind: train\nregions: no\n");

    assertThat(flow.regions()).containsExactly("no");
    assertThat(flow.home()).isEqualTo("no");
    assertThat(block.regions()).containsExactly("fr", "no");
    assertThat(block.home()).isEqualTo("no");
    assertThat(scalar.regions()).containsExactly("no");
  }

  @Test
  void an_interruptible_job_without_min_slice_gets_the_default_slice() {
    JobSpec spec = parse("name: j\nkind: train\ninterruptible: true\n");

    assertThat(spec.minSlice()).isEqualTo(JobParser.DEFAULT_MIN_SLICE);
  }

  /** Parses a short descriptor; one that names no region gets {@code home: es}. */
  private JobSpec parse(String yaml) {
    String text = yaml.contains("regions:") || yaml.contains("home:") ? yaml : yaml + "home: es\n";
    return parser.parse("job.yaml", text, null).spec();
  }
}
