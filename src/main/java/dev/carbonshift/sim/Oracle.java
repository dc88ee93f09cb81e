package dev.carbonshift.sim;

import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.plan.Placement;
import dev.carbonshift.plan.PlanJob;
import dev.carbonshift.plan.PlanRequest;
import dev.carbonshift.plan.PlanResult;
import dev.carbonshift.plan.PlanSettings;
import dev.carbonshift.plan.Planner;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline reference: one plan of the whole workload with every arrival and the actual
 * intensities known: the exact 0/1 program (SCIP, started from the heuristic's plan) up to {@link
 * #EXACT_UP_TO} jobs, bounded by the better of SCIP's dual bound and the LP relaxation's (GLOP);
 * above, the heuristic with extra passes and the Lagrangian bound.
 */
final class Oracle {
  /** Largest workload planned by the exact program and bounded by the LP. */
  static final int EXACT_UP_TO = 5_000;

  /** Time SCIP may take on the offline program unless told otherwise. */
  static final Duration TIME_LIMIT = Duration.ofSeconds(30);

  private Oracle() {}

  /** Records the oracle's placements and returns its lower bound in kgCO2e. */
  static Double run(
      World world, List<SimJob> jobs, PlanSettings base, Duration limit, Accounting acc) {
    if (jobs.isEmpty()) {
      return 0.0;
    }
    Instant from = jobs.get(0).submitted();
    Instant to = jobs.stream().map(SimJob::deadline).max(Instant::compareTo).orElseThrow();
    Map<String, Forecast> actual = new HashMap<>();
    world.actualsByZone.forEach(
        (zone, a) ->
            actual.put(
                zone,
                a.trace.slice(
                    from,
                    from.minus(Duration.ofHours(1)),
                    to.plus(Duration.ofHours(1)),
                    dev.carbonshift.carbon.IntensityKind.ACTUAL,
                    "trace")));
    PlanSettings settings =
        base.withMaxHorizon(Duration.between(from, to).plusDays(1))
            .withImprovementPasses(Math.max(base.improvementPasses(), 6));
    List<PlanJob> all = jobs.stream().map(SimJob::toPlanJob).toList();
    PlanRequest req =
        new PlanRequest(all, world.regions(), actual, Map.of(), List.of(), from, settings);
    boolean exact = jobs.size() <= EXACT_UP_TO;
    Planner.ExactPlan solved = exact ? Planner.solveExact(req, limit) : null;
    PlanResult plan = exact ? solved.plan() : Planner.plan(req);
    Map<String, SimJob> byId = new HashMap<>();
    jobs.forEach(j -> byId.put(j.id(), j));
    for (Placement p : plan.placements()) {
      acc.record(byId.get(p.jobId()), p);
    }
    double bound =
        exact ? solved.milpBoundGCo2e() : Planner.lagrangianBoundGCo2e(req, plan.totalGCo2e(), 40);
    acc.notes.add(
        exact
            ? String.format(
                java.util.Locale.ROOT,
                "lower bound: %.3f kgCO2e, the 0/1 program's dual bound (SCIP); LP relaxation"
                    + " (GLOP) %.3f kgCO2e",
                bound / 1000,
                solved.lpBoundGCo2e() / 1000)
            : "lower bound: Lagrangian (LP too large)");
    acc.lpBoundKgCo2e = exact ? solved.lpBoundGCo2e() / 1000 : null;
    acc.notes.add("oracle plan: " + plan.method());
    return bound / 1000;
  }
}
