package dev.carbonshift.carbon.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Regions;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.carbon.Unavailable;
import dev.carbonshift.region.Region;
import dev.carbonshift.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceReplaySourceTest {
  static final Path TRACES = Path.of("data", "traces");
  final TestClock clock = new TestClock(Instant.parse("2026-03-10T12:00:00Z"));
  final Region es = Regions.region("es", "ES", List.of(), "ES_2022_hourly.csv.gz");

  TraceReplaySource source(Replay replay) {
    return new TraceReplaySource(
        r -> Optional.ofNullable(r.trace()).map(TRACES::resolve),
        TraceReader.Options.DEFAULT,
        replay,
        clock);
  }

  Forecast replay(Instant from, Instant to) {
    return (Forecast) source(new Replay.SameDayOfYear()).forecast(es, from, to);
  }

  static List<Double> values(Forecast f) {
    return f.points().stream().map(IntensityPoint::gramsPerKwh).toList();
  }

  @Test
  void replays_the_same_day_and_time_of_the_trace_year_as_labelled_forecasts() {
    Instant now = clock.instant();

    Forecast f = replay(now, now.plus(Duration.ofHours(2)));

    // ES 2022-03-10 12:00 and 13:00, direct factors
    assertThat(values(f)).containsExactly(110.72, 107.02);
    assertThat(f.points())
        .allSatisfy(
            p -> {
              assertThat(p.kind()).isEqualTo(IntensityKind.FORECAST);
              assertThat(p.signal()).isEqualTo(Signal.AVERAGE);
              assertThat(p.factor()).isEqualTo(EmissionFactor.DIRECT);
              assertThat(p.source()).isEqualTo("trace:ES_2022_hourly.csv.gz");
              assertThat(p.zone()).isEqualTo("ES");
            });
  }

  @Test
  void marks_the_past_as_actuals_and_splits_the_hour_that_spans_now() {
    clock.set(Instant.parse("2026-03-10T12:30:00Z"));

    Forecast f =
        replay(Instant.parse("2026-03-10T12:00:00Z"), Instant.parse("2026-03-10T14:00:00Z"));

    assertThat(f.points())
        .extracting(IntensityPoint::kind)
        .containsExactly(IntensityKind.ACTUAL, IntensityKind.FORECAST, IntensityKind.FORECAST);
    assertThat(f.points().get(0).end()).isEqualTo(clock.instant());
    assertThat(values(f)).containsExactly(110.72, 110.72, 107.02);
  }

  @Test
  void replays_the_28th_for_a_29_february_when_the_trace_year_has_none() {
    Instant leapDay = Instant.parse("2028-02-29T10:00:00Z");

    assertThat(values(replay(leapDay, leapDay.plus(Duration.ofHours(1))))).containsExactly(164.12);
  }

  @Test
  void wraps_from_the_end_of_the_trace_year_to_its_start_across_new_year() {
    Forecast f =
        replay(Instant.parse("2026-12-31T23:00:00Z"), Instant.parse("2027-01-01T02:00:00Z"));

    assertThat(values(f)).containsExactly(74.33, 133.64, 139.1);
    assertThat(f.meanGramsPerKwh(f.start(), f.end())).isPresent();
  }

  @Test
  void a_fixed_offset_replays_the_instant_that_much_earlier() {
    Instant t = Instant.parse("2026-03-10T12:00:00Z");
    Forecast f =
        (Forecast)
            source(new Replay.FixedOffset(Duration.ofDays(1461)))
                .forecast(es, t, t.plus(Duration.ofHours(1)));

    // 1461 days before 2026-03-10 is 2022-03-10
    assertThat(values(f)).containsExactly(110.72);
  }

  @Test
  void says_which_file_and_year_it_replayed() {
    TraceReplaySource source = source(new Replay.SameDayOfYear());
    Forecast f =
        (Forecast) source.forecast(es, clock.instant(), clock.instant().plus(Duration.ofHours(1)));

    assertThat(source.describe(f))
        .isEqualTo("trace ES_2022_hourly.csv.gz replayed at 2022 day-of-year");
  }

  @Test
  void a_region_without_a_trace_is_unavailable() {
    Unavailable u =
        (Unavailable)
            source(new Replay.SameDayOfYear())
                .forecast(
                    Regions.region("fr", "FR", List.of(), null),
                    clock.instant(),
                    clock.instant().plusSeconds(3600));

    assertThat(u.reason()).contains("names no trace");
  }

  @Test
  void an_unreadable_trace_is_unavailable_naming_the_file() {
    Unavailable u =
        (Unavailable)
            source(new Replay.SameDayOfYear())
                .forecast(
                    Regions.region("xx", "XX", List.of(), "missing.csv"),
                    clock.instant(),
                    clock.instant().plusSeconds(3600));

    assertThat(u.reason()).contains("missing.csv");
  }
}
