package dev.carbonshift.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleSeriesTest {
  @Test
  void thinning_keeps_a_bounded_evenly_spaced_series_with_first_and_last_points() {
    SampleSeries s = new SampleSeries(100);
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i <= 10_000; i++) {
      s.add(new EnergySample(t0.plusSeconds(i), "x", Component.CPU, Method.COUNTER, i * 10.0, 10));
    }
    List<EnergySample> kept = s.snapshot();
    assertThat(kept.size()).isBetween(50, 101);
    assertThat(kept.get(0).joules()).isEqualTo(0.0);
    assertThat(kept.get(kept.size() - 1).joules()).isEqualTo(100_000.0);
    for (int i = 1; i < kept.size() - 1; i++) {
      long step = kept.get(i).at().getEpochSecond() - kept.get(i - 1).at().getEpochSecond();
      assertThat(step).isEqualTo(128);
    }
  }
}
