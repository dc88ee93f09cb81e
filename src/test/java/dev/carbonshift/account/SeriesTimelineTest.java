package dev.carbonshift.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.carbonshift.account.SeriesTimeline.Slot;
import dev.carbonshift.carbon.IntensityKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTimelineTest {
  static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  static Slot half(int i, double g, IntensityKind b) {
    Instant s = T.plus(Duration.ofMinutes(30L * i));
    return new Slot("GB", s, s.plus(Duration.ofMinutes(30)), g, b, "neso");
  }

  @Test
  void time_weighted_over_a_window_that_cuts_slots() {
    var t =
        new SeriesTimeline(
            List.of(half(0, 100, IntensityKind.ACTUAL), half(1, 200, IntensityKind.ACTUAL)));
    // 10 minutes of the first slot, 30 of the second
    var v =
        t.over("GB", T.plus(Duration.ofMinutes(20)), T.plus(Duration.ofMinutes(60))).orElseThrow();
    assertThat(v.gramsPerKwh()).isCloseTo(175, within(1e-9));
    assertThat(v.coverage()).isEqualTo(1.0);
  }

  @Test
  void nothing_covering_the_window_is_empty() {
    var t = new SeriesTimeline(List.of(half(0, 100, IntensityKind.ACTUAL)));
    assertThat(t.over("GB", T.plus(Duration.ofHours(3)), T.plus(Duration.ofHours(4)))).isEmpty();
    assertThat(t.over("FR", T, T.plus(Duration.ofMinutes(30)))).isEmpty();
  }
}
