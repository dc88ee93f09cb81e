package dev.carbonshift.sim;

import dev.carbonshift.plan.PlanSettings;
import java.util.Comparator;
import java.util.List;

/**
 * Replays a workload over historical traces, event by event: at each submission a policy sees only
 * the forecasts issued at that moment; what the jobs emit is then read off the actual traces.
 */
public final class Simulation {
  private Simulation() {}

  public static SimResult run(
      World world, String workloadName, List<SimJob> jobs, Policy policy, ForecastMode mode) {
    return run(world, workloadName, jobs, policy, mode, PlanSettings.DEFAULT);
  }

  public static SimResult run(
      World world,
      String workloadName,
      List<SimJob> jobs,
      Policy policy,
      ForecastMode mode,
      PlanSettings settings) {
    return run(world, workloadName, jobs, policy, mode, settings, Oracle.TIME_LIMIT);
  }

  /** As above, giving the oracle's exact program {@code oracleLimit} (SCIP's time limit). */
  public static SimResult run(
      World world,
      String workloadName,
      List<SimJob> jobs,
      Policy policy,
      ForecastMode mode,
      PlanSettings settings,
      java.time.Duration oracleLimit) {
    world.check(workloadName, jobs);
    List<SimJob> sorted =
        jobs.stream()
            .sorted(Comparator.comparing(SimJob::submitted).thenComparing(SimJob::id))
            .toList();
    Accounting acc = new Accounting(world);
    Double bound = null;
    switch (policy) {
      case CARBON_AWARE -> new OnlineLoop(world, mode, settings, false, acc).run(sorted);
      case ANTICIPATING -> new OnlineLoop(world, mode, settings, true, acc).run(sorted);
      case ORACLE -> bound = Oracle.run(world, sorted, settings, oracleLimit, acc);
      default -> PeerRules.run(world, mode, policy, sorted, acc);
    }
    world.traces.values().forEach(t -> acc.notes.addAll(t.notes()));
    return acc.result(policy, policy == Policy.ORACLE ? new ForecastMode.Perfect() : mode, bound);
  }
}
