package dev.carbonshift.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.carbonshift.job.Estimate;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.train.ModelVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingProfileTest {
  private static ModelVersion version(int v, Strategy s, double kwh, double seconds) {
    return new ModelVersion(
        "es",
        v,
        v == 1 ? null : "es",
        v == 1 ? null : v - 1,
        s,
        Path.of("/models/es/v" + v),
        "ab".repeat(32),
        2,
        745,
        "mae",
        Map.of("mae", 7.5),
        4096,
        kwh,
        kwh * 0.2,
        3,
        seconds,
        Instant.parse("2026-03-01T02:00:00Z").plusSeconds(v),
        null,
        "cd".repeat(32));
  }

  @Test
  void the_median_of_the_newest_five_runs_of_the_strategy_alone() {
    List<ModelVersion> vs = new ArrayList<>();
    vs.add(version(1, Strategy.SCRATCH, 0.05, 3600)); // another strategy: not counted
    // seven incremental runs; the two oldest are dearest and are left out
    double[][] runs = {
      {9, 9000}, {8, 8000}, {0.010, 100}, {0.030, 300}, {0.020, 200}, {0.050, 500}, {0.040, 400}
    };
    for (int i = 0; i < runs.length; i++) {
      vs.add(version(i + 2, Strategy.INCREMENTAL, runs[i][0], runs[i][1]));
    }
    vs.add(version(9, Strategy.INCREMENTAL, 0.5, 0)); // no measured duration: not counted

    TrainingProfile p = TrainingProfile.learn(vs, Strategy.INCREMENTAL).orElseThrow();

    assertThat(p.runs()).isEqualTo(5);
    assertThat(p.medianDuration()).isEqualTo(Duration.ofSeconds(300));
    assertThat(p.medianKwh()).isCloseTo(0.030, within(1e-12));
    Estimate e = p.estimate();
    assertThat(e.duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(e.powerWatts()).isCloseTo(0.030 * 3_600_000 / 300, within(1e-9));
    assertThat(p.describe()).contains("learned from 5 past incremental runs");
  }

  @Test
  void a_run_shorter_than_a_minute_is_planned_on_a_whole_minute_at_its_own_power() {
    TrainingProfile p =
        TrainingProfile.learn(
                List.of(version(2, Strategy.INCREMENTAL, 1e-5, 61)), Strategy.INCREMENTAL)
            .orElseThrow();
    assertThat(p.estimate().duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(p.estimate().powerWatts()).isCloseTo(1e-5 * 3_600_000 / 61, within(1e-12));
    assertThat(p.describe()).contains("1 past incremental run ");
  }

  @Test
  void no_measured_run_of_the_strategy_means_no_profile() {
    List<ModelVersion> vs = List.of(version(1, Strategy.SCRATCH, 0.05, 3600));
    assertThat(TrainingProfile.learn(vs, Strategy.INCREMENTAL)).isEmpty();
    assertThat(TrainingProfile.learn(vs, Strategy.SCRATCH)).isPresent();
    assertThat(Tactic.FULL.strategy()).isEqualTo(Strategy.SCRATCH);
    assertThat(Tactic.INCREMENTAL.strategy()).isEqualTo(Strategy.INCREMENTAL);
    assertThat(Tactic.TRANSFER.strategy()).isEqualTo(Strategy.TRANSFER);
  }
}
