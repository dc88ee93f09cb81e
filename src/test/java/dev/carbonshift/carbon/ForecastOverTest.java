package dev.carbonshift.carbon;

import static dev.carbonshift.carbon.PointsTest.T0;
import static dev.carbonshift.carbon.PointsTest.p;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastOverTest {

  private static Forecast of(IntensityPoint... pts) {
    return new Forecast("ES", T0, List.of(pts));
  }

  @Test
  void weights_the_mean_and_the_actual_share_by_time_and_keeps_the_least_trustworthy_kind() {
    Forecast fc = of(p(0, 60, 100, IntensityKind.ACTUAL), p(60, 60, 300, IntensityKind.FORECAST));

    IntensityOver over =
        fc.over(T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofMinutes(120))).orElseThrow();

    // 30 min at 100 then 60 min at 300
    assertThat(over.gramsPerKwh()).isCloseTo((30 * 100 + 60 * 300) / 90.0, within(1e-9));
    assertThat(over.actualShare()).isCloseTo(30 / 90.0, within(1e-9));
    assertThat(over.basis()).isEqualTo(IntensityKind.FORECAST);
  }

  @Test
  void an_estimate_anywhere_makes_the_whole_figure_an_estimate() {
    Forecast fc = of(p(0, 60, 100, IntensityKind.ACTUAL), p(60, 60, 300, IntensityKind.ESTIMATE));

    assertThat(fc.over(T0, T0.plus(Duration.ofHours(2))).orElseThrow().basis())
        .isEqualTo(IntensityKind.ESTIMATE);
    assertThat(fc.over(T0, T0.plus(Duration.ofHours(1))).orElseThrow().basis())
        .isEqualTo(IntensityKind.ACTUAL);
  }

  @Test
  void a_gap_gives_nothing_rather_than_a_mean_of_what_is_there() {
    Forecast fc = of(p(0, 60, 100, IntensityKind.ACTUAL), p(90, 60, 300, IntensityKind.ACTUAL));

    assertThat(fc.over(T0, T0.plus(Duration.ofHours(2)))).isEmpty();
  }

  @Test
  void worst_orders_actual_before_forecast_before_estimate() {
    assertThat(IntensityKind.ACTUAL.worst(IntensityKind.FORECAST))
        .isEqualTo(IntensityKind.FORECAST);
    assertThat(IntensityKind.ESTIMATE.worst(IntensityKind.FORECAST))
        .isEqualTo(IntensityKind.ESTIMATE);
  }
}
