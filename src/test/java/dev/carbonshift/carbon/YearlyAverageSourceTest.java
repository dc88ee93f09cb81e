package dev.carbonshift.carbon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class YearlyAverageSourceTest {
  final Instant now = Instant.parse("2024-03-10T12:00:00Z");
  final YearlyAverageSource source =
      new YearlyAverageSource(YearlyAverages.bundled(), new TestClock(now));

  @Test
  void estimates_the_whole_window_at_the_zones_yearly_mean() {
    Forecast f =
        (Forecast)
            source.forecast(
                Regions.region("fr", "FR", List.of(), null), now, now.plus(Duration.ofHours(5)));

    assertThat(f.points())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.gramsPerKwh())
                  .isEqualTo(YearlyAverages.bundled().gramsPerKwh("FR").getAsDouble());
              assertThat(p.kind()).isEqualTo(IntensityKind.ESTIMATE);
              assertThat(p.signal()).isEqualTo(Signal.AVERAGE);
              assertThat(p.source()).isEqualTo("yearly:2024");
            });
    assertThat(f.meanGramsPerKwh(now, now.plus(Duration.ofHours(5)))).isPresent();
  }
}
