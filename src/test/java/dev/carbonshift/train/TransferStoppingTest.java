package dev.carbonshift.train;

import static dev.carbonshift.train.TrainFixtures.DIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.NetworkSpec;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.job.Target;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a transfer's phases start, stop and resume. */
class TransferStoppingTest {
  @TempDir Path dataDir;
  @TempDir Path otherDir;
  private final Clock clock = TrainFixtures.ticking();
  private ModelRegistry registry;

  @BeforeEach
  void base() {
    registry = ModelRegistry.inMemory();
    var baseJob =
        TrainFixtures.job(
            "seattle",
            "seattle",
            Strategy.SCRATCH,
            null,
            TrainFixtures.weather("Seattle"),
            TrainFixtures.mlp(4, 0.003, 0),
            null);
    TrainFixtures.completed(
        Trainers.dl4j(registry, dataDir, clock)
            .train(TrainingRequest.of(baseJob, DIR, TrainFixtures.meter(clock))));
  }

  private static NetworkSpec frozenOne(int epochs, int patience, Double fineTune) {
    return new NetworkSpec(
        "mlp", List.of(16, 16), "relu", 0, "adam", 0.003, epochs, 32, patience, 7, 1, fineTune);
  }

  private static dev.carbonshift.job.JobSpec ny(NetworkSpec net, Target target) {
    return TrainFixtures.job(
        "newyork",
        "newyork",
        Strategy.TRANSFER,
        "seattle:latest",
        TrainFixtures.weather("New York"),
        net,
        target);
  }

  @Test
  void a_base_model_that_already_meets_the_target_on_the_new_data_is_not_trained_further() {
    List<Integer> epochs = new ArrayList<>();
    var done =
        TrainFixtures.completed(
            Trainers.dl4j(registry, dataDir, clock)
                .train(
                    TrainingRequest.of(
                            ny(frozenOne(5, 0, 0.001), new Target("mae", 1e9)),
                            DIR,
                            TrainFixtures.meter(clock))
                        .withListener(e -> epochs.add(e.epoch()))));
    assertThat(epochs).isEmpty();
    assertThat(done.run().epochs()).isZero();
    assertThat(done.run().stopReason()).isEqualTo("target reached");
  }

  @Test
  void without_a_target_there_is_no_fine_tuning_phase() {
    List<Integer> phases = new ArrayList<>();
    var done =
        TrainFixtures.completed(
            Trainers.dl4j(registry, dataDir, clock)
                .train(
                    TrainingRequest.of(
                            ny(frozenOne(3, 0, 0.001), null), DIR, TrainFixtures.meter(clock))
                        .withListener(e -> phases.add(e.phase()))));
    assertThat(phases).containsExactly(0, 0, 0);
    assertThat(done.run().epochs()).isEqualTo(3);
  }

  @Test
  void a_missed_target_fine_tunes_every_layer_after_the_frozen_phase() {
    List<Integer> phases = new ArrayList<>();
    TrainFixtures.completed(
        Trainers.dl4j(registry, dataDir, clock)
            .train(
                TrainingRequest.of(
                        ny(frozenOne(2, 0, 0.001), new Target("mae", 0.0)),
                        DIR,
                        TrainFixtures.meter(clock))
                    .withListener(e -> phases.add(e.phase()))));
    assertThat(phases).containsExactly(0, 0, 1, 1);
  }

  @Test
  void a_transfer_resumed_in_its_frozen_phase_ends_with_the_parameters_of_an_uninterrupted_one()
      throws Exception {
    var job = ny(frozenOne(4, 0, null), new Target("mae", 0.0));
    var whole =
        TrainFixtures.completed(
            Trainers.dl4j(registry, dataDir, clock)
                .train(TrainingRequest.of(job, DIR, TrainFixtures.meter(clock))));
    ModelRegistry again = ModelRegistry.inMemory();
    again.register(registry.find("seattle", 1).orElseThrow());
    TrainingOutcome first =
        Trainers.dl4j(again, otherDir, clock)
            .train(
                TrainingRequest.of(job, DIR, TrainFixtures.meter(clock))
                    .withStop(epochs -> epochs == 2));
    assertThat(first).isInstanceOf(TrainingOutcome.Stopped.class);
    var resumed =
        TrainFixtures.completed(
            Trainers.dl4j(again, otherDir, clock)
                .train(TrainingRequest.of(job, DIR, TrainFixtures.meter(clock))));

    assertThat(resumed.run().resumed()).isTrue();
    var a = ModelSerializer.restoreMultiLayerNetwork(whole.version().modelFile().toFile());
    var b = ModelSerializer.restoreMultiLayerNetwork(resumed.version().modelFile().toFile());
    assertThat(b.params()).isEqualTo(a.params());
  }
}
