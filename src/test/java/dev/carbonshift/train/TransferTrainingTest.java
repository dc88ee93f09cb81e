package dev.carbonshift.train;

import static dev.carbonshift.train.TrainFixtures.DIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.NetworkSpec;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.job.Target;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferTrainingTest {
  @TempDir Path dataDir;

  @Test
  void transfer_keeps_the_frozen_layer_of_the_base_model_and_retrains_the_rest() throws Exception {
    Clock clock = TrainFixtures.ticking();
    ModelRegistry registry = ModelRegistry.inMemory();
    Trainer trainer = Trainers.dl4j(registry, dataDir, clock);
    var baseJob =
        TrainFixtures.job(
            "seattle",
            "seattle",
            Strategy.SCRATCH,
            null,
            TrainFixtures.weather("Seattle"),
            TrainFixtures.mlp(4, 0.003, 0),
            null);
    var base =
        TrainFixtures.completed(
            trainer.train(TrainingRequest.of(baseJob, DIR, TrainFixtures.meter(clock))));

    NetworkSpec freezeOne =
        new NetworkSpec("mlp", List.of(16, 16), "relu", 0, "adam", 0.003, 4, 32, 0, 7, 1, null);
    var job =
        TrainFixtures.job(
            "newyork",
            "newyork",
            Strategy.TRANSFER,
            "seattle:latest",
            TrainFixtures.weather("New York"),
            freezeOne,
            new Target("mae", 0.0));
    var transferred =
        TrainFixtures.completed(
            trainer.train(TrainingRequest.of(job, DIR, TrainFixtures.meter(clock))));

    MultiLayerNetwork before =
        ModelSerializer.restoreMultiLayerNetwork(base.version().modelFile().toFile());
    MultiLayerNetwork after =
        ModelSerializer.restoreMultiLayerNetwork(transferred.version().modelFile().toFile());
    assertThat(after.getLayer(0).params()).isEqualTo(before.getLayer(0).params());
    assertThat(after.getLayer(1).params()).isNotEqualTo(before.getLayer(1).params());
    assertThat(after.getLayer(2).params()).isNotEqualTo(before.getLayer(2).params());
    assertThat(transferred.version().parentRef()).isEqualTo("seattle:1");
    assertThat(transferred.version().strategy()).isEqualTo(Strategy.TRANSFER);
    assertThat(transferred.run().epochs()).isEqualTo(4);
  }
}
