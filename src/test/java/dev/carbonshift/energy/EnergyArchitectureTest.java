package dev.carbonshift.energy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The energy package stands alone (DESIGN.md): it depends on nothing else in Carbonshift, and only
 * the NVML binding and the libc helper of the model touch JNA. Accounting, which turns its kWh into
 * kgCO2e with the carbon models, is its own package ({@code dev.carbonshift.account}).
 */
@AnalyzeClasses(
    packages = "dev.carbonshift.energy",
    importOptions = ImportOption.DoNotIncludeTests.class)
class EnergyArchitectureTest {

  @ArchTest
  static final ArchRule energy_depends_on_no_other_carbonshift_package =
      noClasses()
          .that()
          .resideInAPackage("dev.carbonshift.energy..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.carbonshift.job..",
              "dev.carbonshift.region..",
              "dev.carbonshift.carbon..",
              "dev.carbonshift.plan..",
              "dev.carbonshift.train..",
              "dev.carbonshift.adapt..",
              "dev.carbonshift.account..",
              "dev.carbonshift.store..",
              "dev.carbonshift.report..",
              "dev.carbonshift.daemon..",
              "dev.carbonshift.cli..",
              "dev.carbonshift.config..",
              "dev.carbonshift.sim..");

  @ArchTest
  static final ArchRule only_nvml_and_the_libc_helper_use_jna =
      noClasses()
          .that()
          .resideInAPackage("dev.carbonshift.energy..")
          .and()
          .resideOutsideOfPackage("dev.carbonshift.energy.nvml..")
          .and()
          .doNotHaveFullyQualifiedName("dev.carbonshift.energy.model.Libc")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.sun.jna..");
}
