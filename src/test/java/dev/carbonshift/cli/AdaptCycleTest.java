package dev.carbonshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.DaemonConfig;
import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.job.Estimate;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.store.AdaptDecision;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.testing.TestClock;
import dev.carbonshift.train.ModelVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The daemon's MAPE-K cycle on a model trained for real by {@code train}, on the real composition
 * root and H2 file: the retrain it submits passes the intake's dataset check and trains, for hourly
 * and for daily data (whose held-out window of 100 samples needs far more than two weeks).
 */
class AdaptCycleTest {
  static final Path PROJECT = HardeningCliTest.PROJECT;

  @TempDir Path work;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // name, fixture, filter, time column, label, features, window, until
    "daily-weather, weather-2012.csv, location=Seattle, date, temp_max,"
        + " 'precipitation, temp_max, temp_min, wind', 3, 2012-09-30",
    "hourly-carbon, es-2022-01.csv.gz, '', Datetime (UTC), Carbon Intensity gCO₂eq/kWh (direct),"
        + " Carbon Intensity gCO₂eq/kWh (direct), 24, 2022-01-12",
  })
  void an_incremental_retrain_chosen_by_the_cycle_is_submitted_and_trains(
      String name,
      String fixture,
      String filter,
      String time,
      String label,
      String features,
      int window,
      String until)
      throws IOException {
    Path csv = work.resolve(fixture);
    Files.copy(PROJECT.resolve("test-fixtures/train").resolve(fixture), csv);
    Path descriptor = work.resolve(name + ".yaml");
    Files.writeString(
        descriptor,
        """
        name: %s
        team: test
        kind: train
        dataset:
          path: %s
          %s
          timeColumn: %s
          features: [%s]
          label: %s
          window: %d
          horizon: 1
          to: %s
        network: {type: mlp, layers: [8], learningRate: 0.01, epochs: 3, seed: 1}
        estimate: {duration: 1h, powerWatts: 100}
        regions: [gb]
        home: gb
        """
            .formatted(
                name,
                csv,
                filter.isBlank() ? "" : "filter: " + filter,
                time,
                features,
                label,
                window,
                until));
    HardeningCliTest.Run first =
        HardeningCliTest.run(work, Map.of(), "train", descriptor.toString());
    assertThat(first.exit()).as(first.err()).isZero();

    // a policy whose only rule retrains incrementally: the cycle must then submit one
    Path policy = work.resolve("always-incremental.yaml");
    Files.writeString(
        policy, "rules:\n  - name: always\n    tactic: incremental\n    deadline: 24h\n");
    AdaptDecision d;
    String jobDescriptor;
    try (Carbonshift cs = open(Map.of(Carbonshift.ADAPT_POLICY_ENV, policy.toString()))) {
      d = cs.adapt().cycle(name);
      assertThat(d.tactic()).isEqualTo("incremental");
      assertThat(d.jobId()).as(d.reason()).isNotNull();
      Optional<StoredJob> job = cs.jobs().find(d.jobId());
      assertThat(job).isPresent();
      jobDescriptor = job.get().descriptor();
    }
    assertThat(jobDescriptor).contains("strategy: \"incremental\"").doesNotContain("to:");
    // no incremental run measured yet: planned on the first descriptor's own estimate
    assertThat(d.reason()).contains("planned on its descriptor's estimate");
    assertThat(jobDescriptor).contains("duration: \"1h\"").contains("powerWatts: 100");

    // the submitted retrain trains for real: a version 2 that continues version 1
    Path retrain = work.resolve(name + "-retrain.yaml");
    Files.writeString(retrain, jobDescriptor);
    // on a clock that moves a millisecond at each reading, so the run has a measured duration
    TestClock moving = new TestClock(HardeningCliTest.CLOCK.instant());
    Runnable[] tick = new Runnable[1];
    tick[0] =
        () -> {
          moving.advance(Duration.ofMillis(1));
          moving.onRead(tick[0]);
        };
    moving.onRead(tick[0]);
    HardeningCliTest.Run second =
        HardeningCliTest.run(moving, work, Map.of(), "train", retrain.toString());
    assertThat(second.exit()).as(second.err()).isZero();
    try (Carbonshift cs = open(Map.of())) {
      List<ModelVersion> versions = cs.models().list(name);
      assertThat(versions).hasSize(2);
      ModelVersion fresh = versions.get(1);
      assertThat(fresh.strategy()).isEqualTo(Strategy.INCREMENTAL);
      assertThat(fresh.parentVersion()).isEqualTo(1);
      // scored on a held-out window after version 1's, of the minimum size or more
      assertThat(fresh.testWindow().to()).isGreaterThan(versions.get(0).testWindow().to());
      assertThat(fresh.testWindow().samples())
          .isGreaterThanOrEqualTo(versions.get(0).testWindow().samples());
    }

    // the next incremental retrain is planned on what the measured one cost
    try (Carbonshift cs = open(Map.of(Carbonshift.ADAPT_POLICY_ENV, policy.toString()))) {
      ModelVersion measured = cs.models().list(name).get(1);
      assertThat(measured.wallSeconds()).isPositive();
      assertThat(measured.kwh()).isPositive();
      AdaptDecision again = cs.adapt().cycle(name);
      assertThat(again.reason()).contains("learned from 1 past incremental run");
      Estimate planned =
          JobIntake.specOf(
                  cs.jobs().find(again.jobId()).orElseThrow(), cs.catalog(), HardeningCliTest.CLOCK)
              .estimate();
      assertThat(planned.duration())
          .isEqualTo(
              Duration.ofMinutes(Math.max(1, (long) Math.ceil(measured.wallSeconds() / 60))));
      assertThat(planned.energyKwh())
          .isCloseTo(
              measured.kwh() * planned.duration().toSeconds() / measured.wallSeconds(),
              org.assertj.core.data.Percentage.withPercentage(1));
    }
  }

  private Carbonshift open(Map<String, String> env) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("port", "0");
    return Carbonshift.open(
        DaemonConfig.load(Optional.empty(), env, flags, new DaemonConfig.Places(work, PROJECT)),
        HardeningCliTest.CLOCK);
  }
}
