package dev.carbonshift.train;

import static dev.carbonshift.train.TrainFixtures.DIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.Strategy;
import dev.carbonshift.job.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTrainingTest {
  @TempDir Path dataDir;

  @Test
  void scratch_training_reaches_a_target_better_than_the_mean_baseline_and_records_a_version()
      throws Exception {
    var spec = TrainFixtures.weather("Seattle");
    PreparedData data = DatasetBuilder.build(spec, DIR);
    double naive = meanMae(data);
    Clock clock = TrainFixtures.ticking();
    ModelRegistry registry = ModelRegistry.inMemory();
    var job =
        TrainFixtures.job(
            "seattle",
            "seattle",
            Strategy.SCRATCH,
            null,
            spec,
            TrainFixtures.mlp(15, 0.003, 0),
            new Target("mae", naive * 0.5));

    var done =
        TrainFixtures.completed(
            Trainers.dl4j(registry, dataDir, clock)
                .train(
                    TrainingRequest.of(job, DIR, TrainFixtures.meter(clock)).withCarbon(200, 1.2)));

    assertThat(done.run().stopReason()).isEqualTo("target reached");
    assertThat(done.run().epochs()).isLessThan(15);
    assertThat(done.run().testMetric()).isLessThan(naive);
    ModelVersion v = done.version();
    assertThat(registry.latest("seattle")).contains(v);
    assertThat(v.version()).isEqualTo(1);
    assertThat(v.parentVersion()).isNull();
    assertThat(Files.size(v.modelFile())).isPositive();
    assertThat(v.directory().resolve(Standardizer.FILE)).exists();
    assertThat(v.datasetFingerprint()).hasSize(64);
    assertThat(v.firstLine()).isEqualTo(2);
    assertThat(v.kwh()).isPositive();
    assertThat(v.kgCo2e())
        .isCloseTo(v.kwh() * 1.2 * 200 / 1000, org.assertj.core.data.Offset.offset(1e-12));
  }

  /** Predicting the training mean every day (in degrees, not the changes learnt). */
  private static double meanMae(PreparedData d) {
    double mean = 0;
    for (int i = 0; i < d.trainEnd(); i++) {
      mean += d.labels()[i] + d.anchors()[i];
    }
    mean /= d.trainEnd();
    double sum = 0;
    for (int i = d.validationEnd(); i < d.size(); i++) {
      sum += Math.abs(mean - d.labels()[i] - d.anchors()[i]);
    }
    return sum / (d.size() - d.validationEnd());
  }
}
