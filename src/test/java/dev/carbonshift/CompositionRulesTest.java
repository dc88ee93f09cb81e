package dev.carbonshift;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The composition rules hold on the product code, and each fails on a class written to break it, so
 * that a rule that silently checks nothing is noticed.
 */
class CompositionRulesTest {
  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.carbonshift");

  private static JavaClasses testClass(String name) throws ClassNotFoundException {
    return new ClassFileImporter().importClasses(Class.forName(name));
  }

  @Test
  void only_daemon_and_cli_build_repositories_or_read_the_environment_in_the_product() {
    EvaluationResult r =
        CompositionRules.ONLY_THE_ROOT_WIRES_AND_READS_THE_ENVIRONMENT.evaluate(PRODUCT);
    assertThat(r.getFailureReport().getDetails()).isEmpty();
    assertThat(CompositionRules.THE_STORE_READS_NO_ENVIRONMENT.evaluate(PRODUCT).hasViolation())
        .isFalse();
  }

  @Test
  void a_trainer_that_opens_a_store_builds_a_repository_and_reads_the_environment_is_caught()
      throws Exception {
    EvaluationResult r =
        CompositionRules.ONLY_THE_ROOT_WIRES_AND_READS_THE_ENVIRONMENT.evaluate(
            testClass("dev.carbonshift.train.DeliberatelySelfWiringTrainer"));
    assertThat(r.hasViolation()).isTrue();
    assertThat(String.join("\n", r.getFailureReport().getDetails()))
        .contains("ModelVersionRepository.<init>")
        .contains("Database.file")
        .contains("System.getenv(java.lang.String)")
        .contains("System.getenv()");
  }

  @Test
  void the_planner_is_free_of_store_daemon_and_wall_clock_in_the_product() {
    EvaluationResult r = CompositionRules.THE_PLANNER_IS_PURE.evaluate(PRODUCT);
    assertThat(r.getFailureReport().getDetails()).isEmpty();
  }

  @Test
  void a_planner_that_reads_the_wall_clock_or_the_store_is_caught_and_one_given_a_clock_is_not()
      throws Exception {
    EvaluationResult bad =
        CompositionRules.THE_PLANNER_IS_PURE.evaluate(
            testClass("dev.carbonshift.plan.DeliberatelyImpurePlanner"));
    assertThat(String.join("\n", bad.getFailureReport().getDetails()))
        .contains("Instant.now()")
        .contains("System.currentTimeMillis()")
        .contains("JobRepository");
    assertThat(
            CompositionRules.THE_PLANNER_IS_PURE
                .evaluate(testClass("dev.carbonshift.plan.PurePlannerExample"))
                .hasViolation())
        .isFalse();
  }
}
