package dev.carbonshift;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The model and planning code stays free of JDBC, Quartz, HTTP, JNA and DL4J, and the packages form
 * no cycle.
 */
@AnalyzeClasses(packages = "dev.carbonshift", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] HEAVY = {
    "java.sql..",
    "javax.sql..",
    "org.quartz..",
    "org.apache.hc..",
    "com.sun.jna..",
    "org.deeplearning4j..",
    "org.nd4j..",
    "org.h2..",
    "org.flywaydb.."
  };

  @ArchTest
  static final ArchRule jobs_regions_plans_and_config_use_no_heavy_dependency =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.carbonshift.job..",
              "dev.carbonshift.region..",
              "dev.carbonshift.plan..",
              "dev.carbonshift.config..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(HEAVY)
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule the_planner_uses_no_heavy_dependency_once_it_exists =
      noClasses()
          .that()
          .resideInAPackage("dev.carbonshift.plan..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(HEAVY)
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule the_carbon_model_classes_use_no_heavy_dependency =
      noClasses()
          .that()
          .resideInAPackage("dev.carbonshift.carbon")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(HEAVY)
          .allowEmptyShould(true);

  /**
   * No two packages depend on each other, directly or round a loop: following a job from {@code
   * submit} to the report can go back to a package only if a cycle existed. Sub-packages count with
   * their top package ({@code carbon.http} is {@code carbon}).
   */
  @ArchTest
  static final ArchRule packages_depend_on_each_other_in_one_direction =
      slices().matching("dev.carbonshift.(*)..").should().beFreeOfCycles();
}
