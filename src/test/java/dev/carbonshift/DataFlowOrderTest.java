package dev.carbonshift;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The packages stand in one line, the order of DESIGN.md's data flow (a descriptor is parsed, its
 * regions and forecasts read, it is placed, run and metered, its run accounted and stored, the loop
 * adapts, reports read the store, and the composition roots wire it all), and every dependency
 * points back along that line. So the walk of one job from {@code submit} to the report enters each
 * package once: to come back to a package it would need a dependency pointing forward.
 *
 * <p>Run it alone with {@code mvn -B -q test -Dtest=DataFlowOrderTest}; {@link
 * #edges_between_packages} prints the package graph it checked.
 */
class DataFlowOrderTest {
  /** The data flow, first to last. A package may use only those before it. */
  static final List<String> ORDER =
      List.of(
          "config", // validated settings every step reads
          "job", // descriptor -> JobSpec (validate)
          "region", // the catalog a job names
          "carbon", // forecasts and actuals of the regions
          "plan", // placement: region + start, typed reason
          "energy", // meters sample the run
          "train", // the worker: DL4J, checkpoints, model versions
          "account", // kWh x PUE x intensity seen, baseline
          "store", // runs, decisions, model versions
          "adapt", // MAPE-K over the knowledge store
          "report", // reports read the store
          "sim", // offline replays of the planner
          "daemon", // the composition root
          "cli"); // the commands

  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.carbonshift");

  static Optional<String> topPackage(JavaClass c) {
    String p = c.getPackageName();
    String root = "dev.carbonshift.";
    if (!p.startsWith(root)) {
      return Optional.empty();
    }
    String rest = p.substring(root.length());
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  /** Each dependency that points forward along {@link #ORDER}, or to a package not in it. */
  static Set<String> forwardEdges(JavaClasses classes) {
    Set<String> wrong = new TreeSet<>();
    for (JavaClass c : classes) {
      Optional<String> from = topPackage(c);
      if (from.isEmpty()) {
        continue;
      }
      int fromAt = ORDER.indexOf(from.get());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        Optional<String> to = topPackage(d.getTargetClass());
        if (to.isEmpty() || to.get().equals(from.get())) {
          continue;
        }
        int toAt = ORDER.indexOf(to.get());
        if (fromAt < 0 || toAt < 0 || toAt > fromAt) {
          wrong.add(
              from.get()
                  + " -> "
                  + to.get()
                  + " ("
                  + c.getSimpleName()
                  + " uses "
                  + d.getTargetClass().getSimpleName()
                  + ")");
        }
      }
    }
    return wrong;
  }

  @Test
  void every_package_of_the_product_is_on_the_line() {
    Set<String> packages = new TreeSet<>();
    PRODUCT.forEach(c -> topPackage(c).ifPresent(packages::add));
    assertThat(ORDER).containsAll(packages);
    assertThat(packages).hasSizeGreaterThanOrEqualTo(ORDER.size() - 1);
  }

  @Test
  void every_dependency_of_the_product_points_back_along_the_data_flow() {
    assertThat(forwardEdges(PRODUCT)).isEmpty();
  }

  @Test
  void a_meter_that_reads_the_report_is_caught() throws Exception {
    JavaClasses bad =
        new ClassFileImporter()
            .importClasses(Class.forName("dev.carbonshift.energy.DeliberatelyBackwardMeter"));
    assertThat(forwardEdges(bad))
        .anySatisfy(e -> assertThat(e).startsWith("energy -> report"))
        .anySatisfy(e -> assertThat(e).startsWith("energy -> store"));
  }

  @Test
  void edges_between_packages() {
    Set<String> edges = new TreeSet<>();
    for (JavaClass c : PRODUCT) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        Optional<String> from = topPackage(c);
        Optional<String> to = topPackage(d.getTargetClass());
        if (from.isPresent() && to.isPresent() && !from.equals(to)) {
          edges.add(from.get() + " -> " + to.get());
        }
      }
    }
    System.out.println("package dependencies of the product (" + edges.size() + "):");
    edges.forEach(e -> System.out.println("  " + e));
    assertThat(edges).contains("daemon -> plan", "report -> store", "store -> job");
  }
}
