package dev.carbonshift.train;

import static dev.carbonshift.train.TrainFixtures.DIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.Strategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions are never overwritten, their weights are checked, names stay inside the models dir. */
class VersionSafetyTest {
  @TempDir Path root;

  private final Clock clock = TrainFixtures.ticking();

  private JobSpec job(String model, Strategy s, String base, int epochs, double lr, int patience) {
    return TrainFixtures.job(
        model + "-" + s,
        model,
        s,
        base,
        TrainFixtures.es(null, null),
        TrainFixtures.mlp(epochs, lr, patience),
        null);
  }

  private TrainingOutcome train(Trainer t, JobSpec j) {
    return t.train(TrainingRequest.of(j, DIR, TrainFixtures.meter(clock)));
  }

  @Test
  void a_version_folder_written_by_another_store_is_kept_and_the_next_free_number_taken()
      throws Exception {
    Path models = root.resolve("models");
    Path foreign = models.resolve("ci").resolve("v1");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("model.zip"), "another store's weights");
    ModelRegistry registry = ModelRegistry.inMemory();

    var done =
        TrainFixtures.completed(
            train(
                Trainers.dl4j(registry, models, clock),
                job("ci", Strategy.SCRATCH, null, 2, 0.003, 0)));

    assertThat(Files.readString(foreign.resolve("model.zip"))).isEqualTo("another store's weights");
    assertThat(done.version().version()).isEqualTo(2);
    assertThat(done.version().directory())
        .isEqualTo(models.resolve("ci").resolve("v2").toAbsolutePath());
    assertThat(done.version().weightsSha256())
        .isEqualTo(Weights.sha256(done.version().modelFile()))
        .hasSize(64);
    assertThat(done.version().testWindow()).isEqualTo(done.run().testWindow());
  }

  @Test
  void weights_replaced_after_registration_are_refused_when_a_retrain_loads_them()
      throws Exception {
    Path models = root.resolve("models");
    ModelRegistry registry = ModelRegistry.inMemory();
    Trainer trainer = Trainers.dl4j(registry, models, clock);
    var parent =
        TrainFixtures.completed(train(trainer, job("ci", Strategy.SCRATCH, null, 2, 0.003, 0)));
    var other =
        TrainFixtures.completed(train(trainer, job("other", Strategy.SCRATCH, null, 1, 0.01, 0)));
    Files.copy(
        other.version().modelFile(),
        parent.version().modelFile(),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    TrainingOutcome o = train(trainer, job("ci", Strategy.INCREMENTAL, "latest", 1, 0.001, 0));

    assertThat(o).isInstanceOf(TrainingOutcome.Failed.class);
    assertThat(((TrainingOutcome.Failed) o).reason()).contains("ci:1").contains("SHA-256 differs");
    assertThat(registry.list("ci")).hasSize(1);
  }

  @Test
  void a_model_name_that_would_leave_the_models_directory_writes_nothing_anywhere()
      throws Exception {
    Path models = root.resolve("a").resolve("models");
    Files.createDirectories(models);
    ModelRegistry registry = ModelRegistry.inMemory();
    for (String name : new String[] {"..", ".", "../x", "a/../../b", "..hidden"}) {
      TrainingOutcome o =
          train(
              Trainers.dl4j(registry, models, clock),
              job(name, Strategy.SCRATCH, null, 1, 0.003, 0));
      assertThat(o).as(name).isInstanceOf(TrainingOutcome.Failed.class);
    }
    try (var walk = Files.walk(root)) {
      assertThat(walk.filter(p -> p.getFileName().toString().startsWith("v")).toList()).isEmpty();
    }
    assertThat(registry.list(null)).isEmpty();
  }

  @Test
  void a_retrain_keeps_no_epoch_that_made_validation_worse_than_the_version_it_starts_from()
      throws Exception {
    Path models = root.resolve("models");
    ModelRegistry registry = ModelRegistry.inMemory();
    Trainer trainer = Trainers.dl4j(registry, models, clock);
    var parent =
        TrainFixtures.completed(train(trainer, job("ci", Strategy.SCRATCH, null, 8, 0.003, 3)));
    // a learning rate this high makes every epoch worse than the trained parent
    var child =
        TrainFixtures.completed(
            train(trainer, job("ci", Strategy.INCREMENTAL, "latest", 6, 0.5, 2)));

    assertThat(child.run().epochs()).isEqualTo(2);
    assertThat(child.run().stopReason()).isEqualTo(EpochLoop.End.NO_IMPROVEMENT.reason);
    var a = ModelSerializer.restoreMultiLayerNetwork(parent.version().modelFile().toFile(), false);
    var b = ModelSerializer.restoreMultiLayerNetwork(child.version().modelFile().toFile(), false);
    assertThat(b.params()).isEqualTo(a.params());
    assertThat(child.run().testMetrics().get("mae"))
        .isCloseTo(
            Evaluator.onTestSplit(parent.version(), TrainFixtures.es(null, null), DIR).get("mae"),
            org.assertj.core.data.Offset.offset(1e-6));
  }
}
