package dev.carbonshift.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JobSpecCopyTest {
  private final JobParser parser = JobParserTest.parser();

  @Test
  void with_model_names_a_one_off_job_and_keeps_the_rest_of_the_descriptor() {
    JobSpec nightly = parser.parse(Path.of("jobs/forecaster-es-nightly.yaml")).spec();

    JobSpec v = nightly.withModel("bench-x", Strategy.TRANSFER, "base:3");

    assertThat(v.name()).isEqualTo("bench-x");
    assertThat(v.model()).isEqualTo("bench-x");
    assertThat(v.kind()).isEqualTo(JobKind.FINETUNE);
    assertThat(v.strategy()).isEqualTo(Strategy.TRANSFER);
    assertThat(v.baseModel()).isEqualTo("base:3");
    assertThat(v.modelFile()).isNull();
    assertThat(nightly.schedule()).isNotNull();
    assertThat(v.schedule()).isNull();
    assertThat(v)
        .usingRecursiveComparison()
        .ignoringFields("name", "model", "kind", "strategy", "baseModel", "modelFile", "schedule")
        .isEqualTo(nightly);
  }

  @Test
  void with_training_changes_data_network_and_target_only() {
    JobSpec job = parser.parse(Path.of("jobs/forecaster-es-train.yaml")).spec();
    NetworkSpec net = job.network().withSeed(job.network().seed() + 7);
    Target target = new Target("mae", 0.5);

    JobSpec v = job.withTraining(job.dataset(), net, target);

    assertThat(v.network()).isEqualTo(net);
    assertThat(v.target()).isEqualTo(target);
    assertThat(v).usingRecursiveComparison().ignoringFields("network", "target").isEqualTo(job);
  }

  @Test
  void a_network_copy_changes_the_seed_or_drops_the_transfer_settings_and_nothing_else() {
    NetworkSpec n =
        new NetworkSpec(
            "mlp", java.util.List.of(8, 4), "tanh", 0.1, "sgd", 0.01, 9, 16, 3, 42, 1, 0.001);

    assertThat(n.withSeed(7))
        .isEqualTo(
            new NetworkSpec(
                "mlp", java.util.List.of(8, 4), "tanh", 0.1, "sgd", 0.01, 9, 16, 3, 7, 1, 0.001));
    assertThat(n.withoutTransfer())
        .isEqualTo(
            new NetworkSpec(
                "mlp", java.util.List.of(8, 4), "tanh", 0.1, "sgd", 0.01, 9, 16, 3, 42, 0, null));
  }

  @Test
  void each_kind_is_the_one_its_default_strategy_leads_back_to() {
    for (JobKind k : JobKind.values()) {
      assertThat(JobKind.defaultingTo(k.defaultStrategy())).isEqualTo(k);
    }
    assertThat(JobKind.TRAIN.defaultStrategy()).isEqualTo(Strategy.SCRATCH);
    assertThat(JobKind.RETRAIN.defaultStrategy()).isEqualTo(Strategy.INCREMENTAL);
    assertThat(JobKind.FINETUNE.defaultStrategy()).isEqualTo(Strategy.TRANSFER);
  }
}
