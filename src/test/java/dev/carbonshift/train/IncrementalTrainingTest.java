package dev.carbonshift.train;

import static dev.carbonshift.train.TrainFixtures.DIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.DatasetSpec;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.job.Target;
import java.nio.file.Path;
import java.time.Clock;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class IncrementalTrainingTest {
  @TempDir Path dataDir;

  @Test
  void incremental_training_starts_near_the_parents_loss_not_from_scratch() throws Exception {
    Clock clock = TrainFixtures.ticking();
    ModelRegistry registry = ModelRegistry.inMemory();
    Trainer trainer = Trainers.dl4j(registry, dataDir, clock);
    var firstMonths = TrainFixtures.weather("Seattle", "2012-01-01", "2012-09-01");
    var parentJob =
        TrainFixtures.job(
            "seattle",
            "seattle",
            Strategy.SCRATCH,
            null,
            firstMonths,
            TrainFixtures.mlp(10, 0.003, 0),
            null);
    var parent =
        TrainFixtures.completed(
            trainer.train(TrainingRequest.of(parentJob, DIR, TrainFixtures.meter(clock))));

    var newDays = TrainFixtures.weather("Seattle", "2012-06-01", "2013-01-01");
    var childJob =
        TrainFixtures.job(
            "seattle-nightly",
            "seattle",
            Strategy.INCREMENTAL,
            "latest",
            newDays,
            TrainFixtures.mlp(3, 0.001, 0),
            new Target("mae", 0.0));
    var child =
        TrainFixtures.completed(
            trainer.train(TrainingRequest.of(childJob, DIR, TrainFixtures.meter(clock))));

    // same data, same scaling, random weights: where training from scratch would start
    double scratchStart =
        initialLossOfAFreshNetwork(newDays, Standardizer.load(parent.version().directory()));
    assertThat(child.version().parentRef()).isEqualTo("seattle:1");
    assertThat(child.version().ref()).isEqualTo("seattle:2");
    assertThat(child.version().strategy()).isEqualTo(Strategy.INCREMENTAL);
    assertThat(child.run().initialLoss())
        // it learns changes from yesterday, so even a fresh network starts near persistence;
        // the parent's weights still start it lower
        .isLessThan(scratchStart)
        .isLessThan(parent.run().finalLoss() * 3);
    assertThat(registry.list("seattle")).extracting(ModelVersion::version).containsExactly(1, 2);
  }

  private static double initialLossOfAFreshNetwork(DatasetSpec spec, Standardizer scaler) {
    PreparedData data = DatasetBuilder.build(spec, DIR);
    MultiLayerNetwork fresh =
        Networks.build(TrainFixtures.mlp(1, 0.001, 0), data.featureCount(), data.flatInputs());
    int[] train = EpochLoop.range(0, data.trainEnd());
    return fresh.score(new DataSet(scaler.inputs(data, train, false), scaler.labels(data, train)));
  }
}
