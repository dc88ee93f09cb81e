package dev.carbonshift.train;

import static dev.carbonshift.train.TrainFixtures.DIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.Strategy;
import dev.carbonshift.job.Target;
import java.nio.file.Path;
import java.time.Clock;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointResumeTest {
  @TempDir Path uninterruptedDir;
  @TempDir Path interruptedDir;

  @Test
  void a_run_resumed_from_its_checkpoint_ends_with_the_same_parameters_as_an_uninterrupted_one()
      throws Exception {
    Clock clock = TrainFixtures.ticking();
    var job = gbJob(new Target("rmse", 0.0));

    var whole =
        TrainFixtures.completed(
            Trainers.dl4j(ModelRegistry.inMemory(), uninterruptedDir, clock)
                .train(TrainingRequest.of(job, DIR, TrainFixtures.meter(clock))));

    ModelRegistry registry = ModelRegistry.inMemory();
    Trainer interrupted = Trainers.dl4j(registry, interruptedDir, clock);
    TrainingOutcome first =
        interrupted.train(
            TrainingRequest.of(job, DIR, TrainFixtures.meter(clock))
                .withStop(epochs -> epochs == 2));
    assertThat(first).isInstanceOf(TrainingOutcome.Stopped.class);
    assertThat(((TrainingOutcome.Stopped) first).epochsDone()).isEqualTo(2);
    assertThat(registry.list(null)).isEmpty();

    // a fresh trainer, as after a crash or on another slice, finds the checkpoint on disk
    var resumed =
        TrainFixtures.completed(
            Trainers.dl4j(registry, interruptedDir, clock)
                .train(TrainingRequest.of(job, DIR, TrainFixtures.meter(clock))));

    assertThat(resumed.run().resumed()).isTrue();
    assertThat(resumed.run().epochs()).isEqualTo(whole.run().epochs());
    var a = ModelSerializer.restoreMultiLayerNetwork(whole.version().modelFile().toFile());
    var b = ModelSerializer.restoreMultiLayerNetwork(resumed.version().modelFile().toFile());
    assertThat(b.params()).isEqualTo(a.params());
    assertThat(resumed.run().testMetrics()).isEqualTo(whole.run().testMetrics());
    assertThat(interruptedDir.resolve(".checkpoints").resolve("gb")).doesNotExist();
  }

  private static dev.carbonshift.job.JobSpec gbJob(Target target) {
    return TrainFixtures.job(
        "gb",
        "gb",
        Strategy.SCRATCH,
        null,
        new dev.carbonshift.job.DatasetSpec(
            "gb-2019-12.csv",
            java.util.List.of(),
            "Carbon Intensity",
            "Time",
            null,
            null,
            12,
            1,
            1.0,
            null,
            null,
            java.util.List.of(),
            null),
        TrainFixtures.mlp(5, 0.003, 0),
        target);
  }

  @Test
  void a_run_that_ended_after_the_epoch_that_met_its_target_trains_no_epoch_again() {
    Clock clock = TrainFixtures.ticking();
    // any test error meets this target, so the first epoch ends the run
    var job = gbJob(new Target("rmse", 1e9));
    ModelRegistry registry = ModelRegistry.inMemory();
    TrainingOutcome crashed =
        Trainers.dl4j(registry, interruptedDir, clock)
            .train(
                TrainingRequest.of(job, DIR, TrainFixtures.meter(clock))
                    .forJob("job-1")
                    .withListener(
                        e -> {
                          throw new IllegalStateException("the process ends here");
                        }));
    assertThat(crashed).isInstanceOf(TrainingOutcome.Failed.class);
    assertThat(registry.list(null)).isEmpty();

    java.util.List<Integer> epochs = new java.util.ArrayList<>();
    var resumed =
        TrainFixtures.completed(
            Trainers.dl4j(registry, interruptedDir, clock)
                .train(
                    TrainingRequest.of(job, DIR, TrainFixtures.meter(clock))
                        .forJob("job-1")
                        .withListener(e -> epochs.add(e.epoch()))));

    assertThat(epochs).isEmpty();
    assertThat(resumed.run().resumed()).isTrue();
    assertThat(resumed.run().epochs()).isEqualTo(1);
    assertThat(registry.list(null)).hasSize(1);
  }

  @Test
  void a_job_that_comes_back_after_its_version_was_registered_gets_that_version_not_a_second() {
    Clock clock = TrainFixtures.ticking();
    var job = gbJob(new Target("rmse", 0.0));
    ModelRegistry registry = ModelRegistry.inMemory();
    var first =
        TrainFixtures.completed(
            Trainers.dl4j(registry, interruptedDir, clock)
                .train(TrainingRequest.of(job, DIR, TrainFixtures.meter(clock)).forJob("job-7")));

    // the process ended before the job's end was recorded, so the job is run once more
    java.util.List<Integer> epochs = new java.util.ArrayList<>();
    var again =
        TrainFixtures.completed(
            Trainers.dl4j(registry, interruptedDir, clock)
                .train(
                    TrainingRequest.of(job, DIR, TrainFixtures.meter(clock))
                        .forJob("job-7")
                        .withListener(e -> epochs.add(e.epoch()))));

    assertThat(again.version()).isEqualTo(first.version());
    assertThat(epochs).isEmpty();
    assertThat(registry.list(null)).hasSize(1);

    // another job of the same descriptor is new work
    var other =
        TrainFixtures.completed(
            Trainers.dl4j(registry, interruptedDir, clock)
                .train(TrainingRequest.of(job, DIR, TrainFixtures.meter(clock)).forJob("job-8")));
    assertThat(other.version().version()).isEqualTo(2);
  }
}
