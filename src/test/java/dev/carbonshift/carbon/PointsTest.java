package dev.carbonshift.carbon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointsTest {
  static final Instant T0 = Instant.parse("2024-03-10T12:00:00Z");

  static IntensityPoint p(int startMin, int minutes, double g, IntensityKind kind) {
    Instant s = T0.plus(Duration.ofMinutes(startMin));
    return new IntensityPoint(
        "ES",
        s,
        s.plus(Duration.ofMinutes(minutes)),
        g,
        kind,
        Signal.AVERAGE,
        EmissionFactor.LIFECYCLE,
        "x");
  }

  @Test
  void keeps_the_earlier_listed_point_where_two_overlap_and_sorts_by_start() {
    List<IntensityPoint> merged =
        Points.merge(
            List.of(
                p(60, 60, 1, IntensityKind.ACTUAL),
                p(0, 60, 2, IntensityKind.ACTUAL),
                p(30, 60, 3, IntensityKind.FORECAST),
                p(120, 60, 4, IntensityKind.FORECAST),
                p(90, 60, 5, IntensityKind.FORECAST)),
            T0,
            T0.plus(Duration.ofHours(3)));

    assertThat(merged).extracting(IntensityPoint::gramsPerKwh).containsExactly(2.0, 1.0, 4.0);
  }

  @Test
  void drops_points_outside_the_window() {
    List<IntensityPoint> merged =
        Points.merge(
            List.of(
                p(-60, 60, 1, IntensityKind.ACTUAL),
                p(0, 60, 2, IntensityKind.ACTUAL),
                p(60, 60, 3, IntensityKind.ACTUAL)),
            T0,
            T0.plus(Duration.ofHours(1)));

    assertThat(merged).extracting(IntensityPoint::gramsPerKwh).containsExactly(2.0);
  }
}
