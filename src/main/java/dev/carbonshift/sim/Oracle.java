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
 * intensities known, solved exactly when small and by the planner's heuristic with extra passes
 * otherwise, plus a proven lower bound (Lagrangian, converging to the LP bound).
 */
final class Oracle {
  private Oracle() {}

  /** Records the oracle's placements and returns its lower bound in kgCO2e. */
  static Double run(World world, List<SimJob> jobs, PlanSettings base, Accounting acc) {
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
    PlanResult plan = Planner.plan(req);
    Map<String, SimJob> byId = new HashMap<>();
    jobs.forEach(j -> byId.put(j.id(), j));
    for (Placement p : plan.placements()) {
      acc.record(byId.get(p.jobId()), p);
    }
    int iterations = jobs.size() > 20_000 ? 40 : 300;
    double bound = Planner.lowerBoundGCo2e(req, plan.totalGCo2e(), iterations);
    acc.notes.add("oracle plan: " + plan.method());
    return bound / 1000;
  }
}
