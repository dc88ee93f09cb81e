package dev.carbonshift.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.config.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every model is a regression model, and a model's name is one folder under the models dir. */
class RegressionTargetAndModelNameTest {
  private final JobParser parser = JobParserTest.parser();

  private static final String BASE =
      """
      name: nightly
      kind: train
      model: %s
      regions: [es]
      home: es
      target: {metric: %s, threshold: 0.9}
      """;

  @ParameterizedTest
  @ValueSource(strings = {"accuracy", "ACCURACY", "f1"})
  void a_target_metric_that_regression_has_not_is_refused_naming_the_accepted_ones(String m) {
    assertThatThrownBy(() -> parser.parse("job.yaml", BASE.formatted("m", m), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.file()).isEqualTo("job.yaml");
              assertThat(e.line()).isEqualTo(6);
              assertThat(e.field()).endsWith("metric");
              assertThat(e.problem()).contains("accepted: mae, rmse, r2");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"mae", "rmse", "r2"})
  void the_regression_metrics_are_accepted(String m) {
    assertThat(parser.parse("job.yaml", BASE.formatted("m", m), null).spec().target().metric())
        .isEqualTo(m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "'../x'", "'a/b'", ".hidden", "'a/../../b'", "x..y"})
  void a_model_name_that_could_leave_the_models_directory_is_refused(String name) {
    assertThatThrownBy(() -> parser.parse("job.yaml", BASE.formatted(name, "mae"), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.field()).isEqualTo("model");
              assertThat(e.problem()).contains("no '..'");
            });
  }
}
