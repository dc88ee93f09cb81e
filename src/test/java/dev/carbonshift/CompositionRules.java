package dev.carbonshift;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * The rules that keep one composition root: only {@code daemon} and {@code cli} build repositories
 * and stores or read the environment, and the planner stays a pure function that reads neither the
 * store, the daemon nor the wall clock. {@link CompositionRulesTest} shows each rule failing on a
 * deliberately bad class.
 */
final class CompositionRules {
  private CompositionRules() {}

  private static final Set<String> STORE_FACTORIES = Set.of("file", "url", "inMemory");

  static final DescribedPredicate<JavaCall<?>> BUILDS_A_REPOSITORY_OR_STORE =
      DescribedPredicate.describe(
          "build a repository or open a store",
          call -> {
            var owner = call.getTargetOwner();
            if (!owner.getPackageName().equals("dev.carbonshift.store")) {
              return false;
            }
            boolean repository =
                owner.getSimpleName().endsWith("Repository")
                    && call.getTarget().getName().equals("<init>");
            boolean store =
                owner.getSimpleName().equals("Database")
                    && STORE_FACTORIES.contains(call.getTarget().getName());
            return repository || store;
          });

  static final ArchRule ONLY_THE_ROOT_WIRES_AND_READS_THE_ENVIRONMENT =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "dev.carbonshift.daemon..", "dev.carbonshift.cli..", "dev.carbonshift.store..")
          .should()
          .callCodeUnitWhere(BUILDS_A_REPOSITORY_OR_STORE)
          .orShould()
          .callMethod(System.class, "getenv")
          .orShould()
          .callMethod(System.class, "getenv", String.class)
          .because("the composition root (daemon.Carbonshift, and the CLI's options) wires parts");

  static final ArchRule THE_STORE_READS_NO_ENVIRONMENT =
      noClasses()
          .that()
          .resideInAPackage("dev.carbonshift.store..")
          .should()
          .callMethod(System.class, "getenv")
          .orShould()
          .callMethod(System.class, "getenv", String.class)
          .because("secrets and settings reach the store from the composition root");

  static final ArchRule THE_PLANNER_IS_PURE =
      noClasses()
          .that()
          .resideInAPackage("dev.carbonshift.plan..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.carbonshift.store..", "dev.carbonshift.daemon..")
          .orShould()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(Clock.class, "systemUTC")
          .orShould()
          .callMethod(Clock.class, "systemDefaultZone")
          .orShould()
          .callMethod(LocalDateTime.class, "now")
          .orShould()
          .callMethod(LocalDate.class, "now")
          .orShould()
          .callMethod(OffsetDateTime.class, "now")
          .orShould()
          .callMethod(ZonedDateTime.class, "now")
          .because("the planner is a function of its request, which carries the time");
}
