package dev.carbonshift.sim;

import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.plan.Placement;
import dev.carbonshift.plan.PlanJob;
import dev.carbonshift.plan.PlanRegion;
import dev.carbonshift.plan.PlanRequest;
import dev.carbonshift.plan.PlanSettings;
import dev.carbonshift.plan.Planner;
import dev.carbonshift.plan.Reason;
import dev.carbonshift.plan.Slice;
import java.util.List;
import java.util.Map;

/**
 * The peers' rules, each job decided once at submission in its home region, capacity ignored (as
 * the peers do): run at once; start at the rolling-mean argmin of the forecast (Carbon Aware SDK,
 * Let's Wait Awhile); or, for interruptible jobs, run in the N lowest forecast slots (Let's Wait
 * Awhile; non-interruptible jobs fall back to the argmin window).
 */
final class PeerRules {
  private PeerRules() {}

  static void run(
      World world, ForecastMode mode, Policy policy, List<SimJob> jobs, Accounting acc) {
    PlanSettings alone = PlanSettings.DEFAULT.withExactMaxBinaries(0).withImprovementPasses(0);
    for (SimJob job : jobs) {
      if (policy == Policy.RUN_NOW) {
        acc.record(job, atOnce(job));
        continue;
      }
      PlanRegion home = world.regions.get(job.home());
      // a region of unbounded capacity: the rule alone decides
      PlanRegion solo = new PlanRegion(home.id(), home.zone(), home.pue(), Integer.MAX_VALUE);
      Forecast f = mode.issue(world.actuals(home.id()).trace, job.submitted());
      PlanJob pj = job.toPlanJob();
      boolean sliced = policy == Policy.LOWEST_SLOTS && job.interruptible();
      pj =
          new PlanJob(
              pj.id(),
              pj.submittedAt(),
              pj.earliestStart(),
              pj.deadline(),
              pj.duration(),
              pj.powerWatts(),
              sliced,
              null,
              0,
              0,
              home.id(),
              java.util.Set.of(home.id()));
      PlanRequest req =
          new PlanRequest(
              List.of(pj),
              List.of(solo),
              Map.of(home.zone(), f),
              Map.of(),
              List.of(),
              job.submitted(),
              alone);
      acc.record(job, Planner.plan(req).placements().get(0));
    }
  }

  static Placement atOnce(SimJob job) {
    var end = job.submitted().plus(job.duration());
    return new Placement(
        job.id(),
        job.home(),
        job.submitted(),
        end,
        List.of(new Slice(job.submitted(), end)),
        0,
        0,
        0,
        Reason.of(Reason.Outcome.RUN_NOW, "run-now: at once at home"),
        "none");
  }
}
