package dev.carbonshift;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The model and planning code stays free of JDBC, Quartz, HTTP, JNA and DL4J. That the packages
 * form no cycle, and more, that they depend on each other only back along the data flow, is {@link
 * DataFlowOrderTest}.
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
}
