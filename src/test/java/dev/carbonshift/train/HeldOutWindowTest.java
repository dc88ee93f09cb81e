package dev.carbonshift.train;

import static dev.carbonshift.train.TrainFixtures.DIR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.job.DatasetSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every version is scored on a held-out window after all its data, long enough to mean much. */
class HeldOutWindowTest {

  @Test
  void the_test_window_of_hourly_data_is_a_week_after_every_training_and_validation_target() {
    PreparedData d = DatasetBuilder.build(TrainFixtures.es(null, null), DIR);
    TestWindow w = d.testWindow();

    assertThat(w.samples()).isEqualTo(d.size() - d.validationEnd()).isGreaterThanOrEqualTo(168);
    // ISO instants in UTC sort as text: the window starts after the last target trained on
    String lastSeen = d.targetTimes()[d.validationEnd() - 1];
    assertThat(w.from()).isGreaterThan(lastSeen).isEqualTo(d.targetTimes()[d.validationEnd()]);
    assertThat(w.to()).isEqualTo(d.targetTimes()[d.size() - 1]);
    for (int i = 0; i < d.validationEnd(); i++) {
      assertThat(d.targetTimes()[i]).isLessThan(w.from());
    }
  }

  @Test
  void daily_data_is_held_out_for_at_least_100_samples_with_its_naive_forecasts() {
    PreparedData d = DatasetBuilder.build(TrainFixtures.weather("Seattle"), DIR);

    assertThat(d.testWindow().samples()).isGreaterThanOrEqualTo(100);
    assertThat(d.testWindow().baselines()).containsOnlyKeys("persistence", "seasonal-week");
    assertThat(d.testWindow().reference()).isEqualTo("seasonal-week");
  }

  @Test
  void too_little_data_for_a_held_out_week_is_refused_saying_how_much_is_needed() {
    // ten days of hourly data: after a week held out, too little is left to train on
    DatasetSpec tenDays = TrainFixtures.es("2022-01-01", "2022-01-09");

    assertThatThrownBy(() -> DatasetBuilder.build(tenDays, DIR))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("held-out test window of 168")
        .hasMessageContaining("a week of hourly points");
  }

  @Test
  void the_minimum_is_a_week_for_sub_daily_steps_and_100_otherwise() {
    assertThat(DatasetBuilder.minTestSamples(3600)).isEqualTo(168);
    assertThat(DatasetBuilder.minTestSamples(1800)).isEqualTo(336);
    assertThat(DatasetBuilder.minTestSamples(86_400)).isEqualTo(100);
    assertThat(DatasetBuilder.minTestSamples(0)).isEqualTo(100);
  }

  @Test
  void persistence_is_the_last_value_known_at_forecast_time_scored_on_the_same_window() {
    DatasetSpec dayAhead =
        new DatasetSpec(
            TrainFixtures.ES,
            List.of(),
            TrainFixtures.ES_LABEL,
            "Datetime (UTC)",
            null,
            null,
            24,
            24,
            1.0,
            null,
            null,
            List.of(),
            null);
    PreparedData d = DatasetBuilder.build(dayAhead, DIR);
    // a forecaster learns the change from the last known value: predicting no change is
    // persistence, and scores exactly as the persistence baseline does
    double[] noChange = new double[d.size() - d.validationEnd()];
    double mae = d.score(noChange, d.validationEnd(), d.size()).get(Metrics.MAE);

    var naive = d.testWindow().baselines();
    assertThat(naive.get("persistence").get("mae"))
        .isCloseTo(mae, org.assertj.core.data.Offset.offset(1e-9));
    // 24 hours ahead, the same hour yesterday is the last value known
    assertThat(naive.get("seasonal-day")).isEqualTo(naive.get("persistence"));
    assertThat(d.testWindow().skill(mae, "persistence"))
        .isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void regression_is_scored_without_accuracy_and_a_target_on_it_names_the_accepted_metrics() {
    assertThat(Metrics.all(new double[] {1, 2, 3}, new double[] {1, 2, 4}))
        .containsOnlyKeys("mae", "rmse", "r2");
    assertThatThrownBy(() -> Metrics.normalise("accuracy")).hasMessageContaining("mae, rmse, r2");
  }
}
