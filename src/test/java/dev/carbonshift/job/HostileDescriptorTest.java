package dev.carbonshift.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.carbonshift.config.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Descriptors written by a careless or hostile user: each a clear error, found quickly. */
class HostileDescriptorTest {
  static final Set<String> REGIONS = Set.of("de", "es", "fr");
  static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

  final JobParser parser = new JobParser(REGIONS, Clock.fixed(NOW, ZoneOffset.UTC), c -> null);

  @TempDir Path dir;

  @Test
  void an_oversized_descriptor_is_refused_before_parsing_stating_the_limit() throws IOException {
    String huge = "name: j\nkind: train\nhome: es\nteam: " + "x".repeat(50 << 20) + "\n";
    Path file = dir.resolve("huge.yaml");
    Files.writeString(file, huge);

    for (var parse :
        java.util.List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
            () -> parser.parse(file), () -> parser.parse("huge.yaml", huge, null))) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () ->
              assertThatThrownBy(parse)
                  .isInstanceOfSatisfying(
                      InvalidInputException.class,
                      e -> assertThat(e.problem()).contains("limit of 1048576 bytes")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "job.yaml | name: j\\nkind: train\\ndeadline: 12h\\nhome: es\\ndeadline: 400h\\n"
            + " | deadline | 3 | 5",
        "job.yaml | name: j\\nkind: train\\nestimate:\\n  duration: 2h\\n  powerWatts: 1\\n"
            + "  duration: 9h\\nhome: es\\n | estimate.duration | 4 | 6",
        "job.json | {\\n\"name\": \"j\",\\n\"kind\": \"train\",\\n\"home\": \"es\",\\n"
            + "\"name\": \"k\"\\n} | name | 2 | 5"
      })
  void a_duplicate_key_is_an_error_naming_both_lines(
      String file, String escaped, String field, int first, int again) {
    String text = escaped.replace("\\n", "\n");

    assertThatThrownBy(() -> parser.parse(file, text, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.line()).isEqualTo(again);
              assertThat(e.problem())
                  .contains("duplicate key")
                  .contains("line " + first)
                  .contains("line " + again);
            });
  }

  @ParameterizedTest(name = "{0} of {1} characters")
  @CsvSource({"name, 129, 128", "team, 201, 200", "model, 201, 200", "schedule, 201, 200"})
  void an_over_long_field_is_bad_input_naming_the_field_and_the_limit(
      String field, int length, int limit) {
    String value = field.equals("schedule") ? "0 0 1 * * ?" + " ".repeat(length) + "*" : "";
    value = value.isEmpty() ? "a".repeat(length) : "'" + value + "'";
    String text =
        field.equals("name")
            ? "name: " + value + "\nkind: train\nhome: es\n"
            : "name: j\nkind: train\nhome: es\n" + field + ": " + value + "\n";

    assertThatThrownBy(() -> parser.parse("job.yaml", text, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.problem()).contains("limit of " + limit + " characters");
            });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0 0 12 30 2 ?", "0 0 12 1 1 ? 2020"})
  void a_cron_expression_that_never_fires_again_is_refused(String cron) {
    JobParser quartz =
        new JobParser(
            REGIONS,
            Clock.fixed(NOW, ZoneOffset.UTC),
            c -> dev.carbonshift.daemon.JobIntake.cronProblem(c, NOW));

    assertThatThrownBy(
            () ->
                quartz.parse(
                    "job.yaml", "name: j\nkind: train\nhome: es\nschedule: " + cron + "\n", null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("schedule");
              assertThat(e.problem()).contains("never fires");
            });
  }

  @ParameterizedTest(name = "now {0}: accepted {1}")
  @CsvSource({"2026-03-01T00:00:00Z, true", "2095-06-01T00:00:00Z, false"})
  void whether_a_cron_fires_again_is_judged_on_the_injected_clock_not_the_wall_clock(
      Instant now, boolean accepted) {
    JobParser intake =
        dev.carbonshift.daemon.JobIntake.parserFor(
            dev.carbonshift.region.RegionCatalog.load(Path.of("regions")),
            Clock.fixed(now, ZoneOffset.UTC));
    String text = "name: j\nkind: train\nhome: es\nschedule: 0 0 12 1 1 ? 2090\n";

    if (accepted) {
      assertThat(intake.parse("job.yaml", text, null).spec().schedule()).contains("2090");
    } else {
      assertThatThrownBy(() -> intake.parse("job.yaml", text, null))
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.problem()).contains("never fires"));
    }
  }

  @Test
  void home_must_be_one_of_the_allowed_regions_unless_any_region_is_allowed() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "job.yaml", "name: j\nkind: train\nregions: [es, fr]\nhome: de\n", null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("home");
              assertThat(e.line()).isEqualTo(4);
              assertThat(e.problem()).contains("'de' is not one of the allowed regions (es, fr)");
            });
    assertThat(
            parser
                .parse("job.yaml", "name: j\nkind: train\nregions: ['*']\nhome: de\n", null)
                .spec()
                .home())
        .isEqualTo("de");
  }

  @ParameterizedTest(name = "tab on line {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "name: j\\nkind: train\\nestimate:\\n\\tduration: 2h\\nhome: es\\n | 4",
        "name: j\\nkind: train\\nhome: es\\nteam:\\tx\\n | 4"
      })
  void a_yaml_tab_error_names_the_tabs_own_line(String escaped, int line) {
    String text = escaped.replace("\\n", "\n").replace("\\t", "\t");

    assertThatThrownBy(() -> parser.parse("job.yaml", text, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.line()).isEqualTo(line));
  }

  @Test
  void binary_input_is_not_text_naming_the_byte_offset() throws IOException {
    // "é" is two bytes in UTF-8, so the NUL's byte offset (11) is not its char offset (10)
    String text = "name: jé\nk\u0000ind: train\n";
    Path nul = dir.resolve("nul.yaml");
    Files.writeString(nul, text);
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});

    assertThatThrownBy(() -> parser.parse("nul.yaml", text, null))
        .hasMessageContaining("not text")
        .hasMessageContaining("byte offset 11");
    assertThatThrownBy(() -> parser.parse(nul))
        .hasMessageContaining("not text")
        .hasMessageContaining("byte offset 11");
    assertThatThrownBy(() -> parser.parse(latin1))
        .hasMessageContaining("not text")
        .hasMessageContaining("byte offset 6");
  }
}
