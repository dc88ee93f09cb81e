package dev.carbonshift.carbon.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.config.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {
  private static final Path ES = Path.of("test-fixtures/traces/ES_2022_hourly.csv");
  private static final Path GB = Path.of("test-fixtures/traces/GB.csv");
  private static final TraceReader.Options LCA =
      new TraceReader.Options(EmissionFactor.LIFECYCLE, false);
  private static final TraceReader.Options FILL =
      new TraceReader.Options(EmissionFactor.DIRECT, true);

  @TempDir Path dir;

  @Test
  void reads_an_electricity_maps_export_taking_the_direct_column_by_default() {
    Trace t = TraceReader.read(ES, TraceReader.Options.DEFAULT);

    assertThat(t.zone()).isEqualTo("ES");
    assertThat(t.size()).isEqualTo(48);
    assertThat(t.step()).isEqualTo(Duration.ofHours(1));
    assertThat(t.factor()).isEqualTo(EmissionFactor.DIRECT);
    assertThat(t.start()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
    assertThat(t.end()).isEqualTo(Instant.parse("2022-01-03T00:00:00Z"));
    assertThat(t.gramsPerKwh()[0]).isEqualTo(133.64);
    assertThat(t.gramsPerKwh()[47]).isEqualTo(202.39);
    assertThat(t.notes()).isEmpty();
  }

  @Test
  void reads_the_lca_column_of_an_export_when_asked() {
    Trace t = TraceReader.read(ES, LCA);

    assertThat(t.factor()).isEqualTo(EmissionFactor.LIFECYCLE);
    assertThat(t.gramsPerKwh()[0]).isEqualTo(175.54);
    assertThat(t.gramsPerKwh()[47]).isEqualTo(259.18);
  }

  @Test
  void reads_a_two_column_lets_wait_awhile_trace_as_lifecycle_at_its_own_step() {
    Trace t = TraceReader.read(GB, TraceReader.Options.DEFAULT);

    assertThat(t.zone()).isEqualTo("GB");
    assertThat(t.size()).isEqualTo(48);
    assertThat(t.step()).isEqualTo(Duration.ofMinutes(30));
    assertThat(t.factor()).isEqualTo(EmissionFactor.LIFECYCLE);
    assertThat(t.start()).isEqualTo(Instant.parse("2019-12-20T00:00:00Z"));
    assertThat(t.end()).isEqualTo(Instant.parse("2019-12-21T00:00:00Z"));
    assertThat(t.gramsPerKwh()[0]).isEqualTo(120.99546661944396);
    assertThat(t.gramsPerKwh()[47]).isEqualTo(172.02487109493478);
  }

  @Test
  void reads_a_gzipped_trace_like_the_plain_one() throws IOException {
    Path gz = dir.resolve("ES_2022_hourly.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(ES, out);
    }

    Trace plain = TraceReader.read(ES, TraceReader.Options.DEFAULT);
    Trace zipped = TraceReader.read(gz, TraceReader.Options.DEFAULT);

    assertThat(zipped.zone()).isEqualTo("ES");
    assertThat(zipped.startEpochSeconds()).isEqualTo(plain.startEpochSeconds());
    assertThat(zipped.gramsPerKwh()).isEqualTo(plain.gramsPerKwh());
  }

  /** A copy of a fixture with its lines (0 = header) changed by {@code edit}. */
  private Path edited(Path fixture, Consumer<List<String>> edit) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(fixture, StandardCharsets.UTF_8));
    edit.accept(lines);
    return Files.write(dir.resolve(fixture.getFileName()), lines, StandardCharsets.UTF_8);
  }

  private static void assertInvalid(Path file, Runnable read, int line, String problem) {
    assertThatThrownBy(read::run)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.file()).isEqualTo(file.toString());
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.problem()).contains(problem);
              assertThat(e.getMessage()).startsWith(file + ":" + line + ": ");
            });
  }

  @Test
  void a_gap_is_an_error_naming_file_and_the_line_after_it() throws IOException {
    // drop 03:00 and 04:00: 02:00 is followed by 05:00, three usual steps later
    Path f = edited(ES, l -> l.subList(4, 6).clear());

    assertInvalid(f, () -> TraceReader.read(f, TraceReader.Options.DEFAULT), 5, "gap of PT3H");
  }

  @Test
  void a_gap_is_filled_by_interpolation_when_asked_and_the_notes_say_how_many() throws IOException {
    Path f = edited(ES, l -> l.subList(4, 6).clear());

    Trace t = TraceReader.read(f, FILL);

    assertThat(t.size()).isEqualTo(48);
    assertThat(t.notes()).singleElement().asString().contains("filled 2 missing points");
    double at2 = 147.66;
    double at5 = 146.98;
    assertThat(t.gramsPerKwhAt(Instant.parse("2022-01-01T05:00:00Z"))).isEqualTo(at5);
    assertThat(t.gramsPerKwhAt(Instant.parse("2022-01-01T03:00:00Z")))
        .isCloseTo(at2 + (at5 - at2) / 3, within(1e-9));
    assertThat(t.gramsPerKwhAt(Instant.parse("2022-01-01T04:00:00Z")))
        .isCloseTo(at2 + 2 * (at5 - at2) / 3, within(1e-9));
  }

  @Test
  void one_missing_row_of_a_regular_trace_is_a_gap_like_any_other() throws IOException {
    Path f = edited(ES, l -> l.remove(4));

    assertThatThrownBy(() -> TraceReader.read(f, TraceReader.Options.DEFAULT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(":5:")
        .hasMessageContaining("gap of PT2H");
    Trace t = TraceReader.read(f, new TraceReader.Options(EmissionFactor.DIRECT, true));
    assertThat(t.size()).isEqualTo(48);
    assertThat(t.notes()).anyMatch(n -> n.contains("filled 1 missing points"));
  }

  @Test
  void a_duplicate_time_is_an_error_naming_both_lines() throws IOException {
    Path f = edited(GB, l -> l.add(3, l.get(2)));

    assertInvalid(
        f,
        () -> TraceReader.read(f, TraceReader.Options.DEFAULT),
        4,
        "duplicate time (previous row is line 3)");
  }

  @Test
  void a_time_going_backwards_is_an_error() throws IOException {
    Path f = edited(GB, l -> l.add(3, l.remove(2)));

    assertInvalid(f, () -> TraceReader.read(f, TraceReader.Options.DEFAULT), 4, "backwards");
  }

  @Test
  void a_non_numeric_intensity_is_an_error_naming_line_and_column() throws IOException {
    Path f = edited(GB, l -> l.set(10, l.get(10).replaceFirst(",.*", ",n/a")));

    assertInvalid(
        f, () -> TraceReader.read(f, TraceReader.Options.DEFAULT), 11, "'n/a' is not a number");
    assertThatThrownBy(() -> TraceReader.read(f, TraceReader.Options.DEFAULT))
        .hasMessageContaining(":11: Carbon Intensity: ");
  }

  @Test
  void a_negative_intensity_is_an_error() throws IOException {
    Path f = edited(ES, l -> l.set(20, l.get(20).replace(",ES,", ",ES,-5,")));

    assertInvalid(f, () -> TraceReader.read(f, TraceReader.Options.DEFAULT), 21, "must be >= 0");
  }

  @Test
  void an_intensity_beyond_the_physical_bound_is_an_error() throws IOException {
    Path f = edited(GB, l -> l.set(10, l.get(10).replaceFirst(",.*", ",1e308")));

    assertInvalid(
        f, () -> TraceReader.read(f, TraceReader.Options.DEFAULT), 11, "physical bound of 5000");
  }

  @Test
  void a_file_without_the_intensity_column_is_an_error_on_line_one() throws IOException {
    Path twoCol = edited(GB, l -> l.set(0, "Time,Intensity"));
    Path export =
        edited(ES, l -> l.set(0, l.get(0).replace(",Carbon Intensity gCO₂eq/kWh (LCA)", ",LCA")));

    assertInvalid(
        twoCol,
        () -> TraceReader.read(twoCol, TraceReader.Options.DEFAULT),
        1,
        "expected a column named Carbon Intensity");
    assertInvalid(export, () -> TraceReader.read(export, LCA), 1, "(LCA)' column");
  }

  @Test
  void a_short_row_is_an_error_naming_its_line() throws IOException {
    Path f = edited(GB, l -> l.set(7, "2019-12-20 03:00:00"));

    assertInvalid(f, () -> TraceReader.read(f, TraceReader.Options.DEFAULT), 8, "found 1");
  }

  @Test
  void a_slice_holds_the_points_overlapping_the_interval() {
    Trace t = TraceReader.read(ES, TraceReader.Options.DEFAULT);
    Instant issued = Instant.parse("2022-01-01T00:00:00Z");

    Forecast f =
        t.slice(
            issued,
            Instant.parse("2022-01-01T01:30:00Z"),
            Instant.parse("2022-01-01T03:30:00Z"),
            IntensityKind.FORECAST,
            "trace");

    assertThat(f.zone()).isEqualTo("ES");
    assertThat(f.issuedAt()).isEqualTo(issued);
    assertThat(f.points())
        .extracting(IntensityPoint::start, IntensityPoint::gramsPerKwh)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2022-01-01T01:00:00Z"), 139.1),
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2022-01-01T02:00:00Z"), 147.66),
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2022-01-01T03:00:00Z"), 147.92));
    assertThat(f.points())
        .allSatisfy(
            p -> {
              assertThat(p.length()).isEqualTo(Duration.ofHours(1));
              assertThat(p.kind()).isEqualTo(IntensityKind.FORECAST);
              assertThat(p.source()).isEqualTo("trace");
              assertThat(p.factor()).isEqualTo(EmissionFactor.DIRECT);
            });
  }

  @Test
  void the_mean_over_an_interval_is_weighted_by_the_time_spent_in_each_slot() {
    Forecast f =
        TraceReader.read(ES, TraceReader.Options.DEFAULT)
            .slice(
                Instant.parse("2022-01-01T00:00:00Z"),
                Instant.parse("2022-01-01T00:00:00Z"),
                Instant.parse("2022-01-01T06:00:00Z"),
                IntensityKind.ACTUAL,
                "trace");

    // 15 minutes at 01:00 (139.1), 45 minutes at 02:00 (147.66)
    assertThat(
            f.meanGramsPerKwh(
                    Instant.parse("2022-01-01T01:45:00Z"), Instant.parse("2022-01-01T02:45:00Z"))
                .orElseThrow())
        .isCloseTo(0.25 * 139.1 + 0.75 * 147.66, within(1e-9));
    assertThat(
            f.meanGramsPerKwh(
                    Instant.parse("2022-01-01T02:10:00Z"), Instant.parse("2022-01-01T02:40:00Z"))
                .orElseThrow())
        .isCloseTo(147.66, within(1e-9));
    assertThat(
            f.meanGramsPerKwh(
                Instant.parse("2022-01-01T05:30:00Z"), Instant.parse("2022-01-01T06:30:00Z")))
        .isEmpty();
  }
}
