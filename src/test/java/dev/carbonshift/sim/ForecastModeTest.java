package dev.carbonshift.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.trace.Trace;
import dev.carbonshift.carbon.trace.TraceReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ForecastModeTest {
  static final Trace ES =
      TraceReader.read(Path.of("test-fixtures/plan/traces/ES.csv"), TraceReader.Options.DEFAULT);
  static final Instant AT = Instant.parse("2022-03-05T10:00:00Z");

  @Test
  void perfect_forecast_is_the_trace_over_72_hours() {
    Forecast f = new ForecastMode.Perfect().issue(ES, AT);

    assertThat(f.points()).hasSize(72);
    assertThat(f.points().get(5).gramsPerKwh())
        .isEqualTo(ES.gramsPerKwhAt(AT.plus(Duration.ofHours(5))));
  }

  @Test
  void persistence_repeats_the_same_hour_of_the_day_before() {
    Forecast f = new ForecastMode.Persistence().issue(ES, AT);

    assertThat(f.points().get(3).gramsPerKwh())
        .isEqualTo(ES.gramsPerKwhAt(AT.plus(Duration.ofHours(3)).minus(Duration.ofDays(1))));
  }

  @Test
  void noisy_forecasts_repeat_with_the_seed_and_differ_without_it() {
    Forecast a = new ForecastMode.Noisy(0.1, 1).issue(ES, AT);
    Forecast b = new ForecastMode.Noisy(0.1, 1).issue(ES, AT);
    Forecast c = new ForecastMode.Noisy(0.1, 2).issue(ES, AT);

    assertThat(a.points()).isEqualTo(b.points());
    assertThat(a.points()).isNotEqualTo(c.points());
    assertThat(a.points()).allSatisfy(p -> assertThat(p.gramsPerKwh()).isNotNegative());
  }

  @Test
  void rejects_an_unknown_forecast_mode() {
    assertThatThrownBy(() -> ForecastMode.parse("noisy:x", 1)).hasMessageContaining("noisy:SIGMA");
    assertThatThrownBy(() -> ForecastMode.parse("psychic", 1)).hasMessageContaining("perfect");
  }
}
