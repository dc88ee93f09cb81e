package dev.carbonshift.carbon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The carbon model stays free of I/O libraries; the HTTP clients live in the sub-packages. */
class CarbonLayeringTest {
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.carbonshift.carbon");

  @Test
  void the_top_level_carbon_classes_import_no_http_client_and_no_jdbc() {
    noClasses()
        .that()
        .resideInAPackage("dev.carbonshift.carbon")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.hc..", "java.sql..", "dev.carbonshift.store..")
        .check(CLASSES);
  }

  @Test
  void no_carbon_class_depends_on_the_store() {
    noClasses()
        .that()
        .resideInAPackage("dev.carbonshift.carbon..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.carbonshift.store..", "java.sql..")
        .check(CLASSES);
  }

  @Test
  void the_top_level_carbon_classes_do_not_reach_into_the_source_packages() {
    noClasses()
        .that()
        .resideInAPackage("dev.carbonshift.carbon")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.carbonshift.carbon.chain..",
            "dev.carbonshift.carbon.http..",
            "dev.carbonshift.carbon.electricitymaps..",
            "dev.carbonshift.carbon.watttime..",
            "dev.carbonshift.carbon.ukgrid..",
            "dev.carbonshift.carbon.casdk..",
            "dev.carbonshift.carbon.trace..")
        .check(CLASSES);
  }
}
