package dev.carbonshift.train;

import static dev.carbonshift.train.TrainFixtures.DIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.DatasetSpec;
import dev.carbonshift.job.NetworkSpec;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.job.Target;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.assertj.core.data.Offset;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LstmTrainingTest {
  @TempDir Path dataDir;

  @Test
  void an_lstm_forecaster_is_stored_and_scores_the_same_when_read_back() throws Exception {
    Clock clock = TrainFixtures.ticking();
    ModelRegistry registry = ModelRegistry.inMemory();
    DatasetSpec gb =
        new DatasetSpec(
            "gb-2019-12.csv",
            List.of(),
            "Carbon Intensity",
            "Time",
            null,
            null,
            8,
            1,
            1.0,
            null,
            null,
            List.of(),
            null);
    NetworkSpec lstm =
        new NetworkSpec("lstm", List.of(8), "tanh", 0, "adam", 0.01, 2, 32, 0, 11, 0, null);
    var job =
        TrainFixtures.job(
            "gb-lstm", "gb-lstm", Strategy.SCRATCH, null, gb, lstm, new Target("rmse", 0.0));

    var done =
        TrainFixtures.completed(
            Trainers.dl4j(registry, dataDir, clock)
                .train(TrainingRequest.of(job, DIR, TrainFixtures.meter(clock))));

    var net = ModelSerializer.restoreMultiLayerNetwork(done.version().modelFile().toFile());
    assertThat(StartingPoint.isSequence(net)).isTrue();
    assertThat(done.run().epochs()).isEqualTo(2);
    assertThat(done.run().finalLoss()).isLessThan(done.run().initialLoss());
    assertThat(Evaluator.onTestSplit(done.version(), gb, DIR).get("rmse"))
        .isCloseTo(done.run().testMetric(), Offset.offset(1e-6));
  }
}
