package dev.carbonshift.account;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Accounting is its own step between measurement and reports: it uses what the energy package
 * measured and the carbon package's models (intensity kinds, mean intensity over a period), never a
 * carbon source, the store or I/O.
 */
@AnalyzeClasses(
    packages = "dev.carbonshift.account",
    importOptions = ImportOption.DoNotIncludeTests.class)
class AccountArchitectureTest {

  @ArchTest
  static final ArchRule the_accounting_is_pure =
      noClasses()
          .that()
          .resideInAPackage("dev.carbonshift.account..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.nio.file..", "java.io..", "java.sql..", "com.sun.jna..");

  @ArchTest
  static final ArchRule it_uses_the_carbon_models_but_no_source =
      noClasses()
          .that()
          .resideInAPackage("dev.carbonshift.account..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.carbonshift.carbon.*..",
              "dev.carbonshift.job..",
              "dev.carbonshift.plan..",
              "dev.carbonshift.train..",
              "dev.carbonshift.store..",
              "dev.carbonshift.report..",
              "dev.carbonshift.daemon..",
              "dev.carbonshift.cli..",
              "dev.carbonshift.sim..");
}
