package dev.carbonshift.plan;

import java.time.Duration;

/**
 * How the planner works.
 *
 * @param slotLength length of the planning grid's slots; {@code null} takes the finest forecast
 *     step
 * @param allowMixedSignals rank average against marginal intensities in one comparison (off by
 *     default: they answer different questions)
 * @param exactMaxBinaries largest MILP (in 0/1 variables, after its exact reductions) solved
 *     exactly; larger plans use the heuristic
 * @param exactTimeLimit time the MILP solver may take before the heuristic's plan is kept
 * @param improvementPasses remove-and-reinsert passes of the heuristic after its first placement
 * @param priceIterations subgradient steps for the slot prices that steer a second greedy run when
 *     capacity binds (0 turns it off)
 * @param maxHorizon how far ahead of now the planner looks at most
 * @param defaultHorizon horizon for jobs without deadline when no forecast says more
 */
public record PlanSettings(
    Duration slotLength,
    boolean allowMixedSignals,
    int exactMaxBinaries,
    Duration exactTimeLimit,
    int improvementPasses,
    int priceIterations,
    Duration maxHorizon,
    Duration defaultHorizon) {

  public static final PlanSettings DEFAULT =
      new PlanSettings(
          null,
          false,
          600,
          Duration.ofSeconds(2),
          2,
          20,
          Duration.ofDays(14),
          Duration.ofHours(24));

  public PlanSettings withAllowMixedSignals(boolean allow) {
    return new PlanSettings(
        slotLength,
        allow,
        exactMaxBinaries,
        exactTimeLimit,
        improvementPasses,
        priceIterations,
        maxHorizon,
        defaultHorizon);
  }

  public PlanSettings withExactMaxBinaries(int max) {
    return new PlanSettings(
        slotLength,
        allowMixedSignals,
        max,
        exactTimeLimit,
        improvementPasses,
        priceIterations,
        maxHorizon,
        defaultHorizon);
  }

  public PlanSettings withMaxHorizon(Duration horizon) {
    return new PlanSettings(
        slotLength,
        allowMixedSignals,
        exactMaxBinaries,
        exactTimeLimit,
        improvementPasses,
        priceIterations,
        horizon,
        defaultHorizon);
  }

  public PlanSettings withImprovementPasses(int passes) {
    return new PlanSettings(
        slotLength,
        allowMixedSignals,
        exactMaxBinaries,
        exactTimeLimit,
        passes,
        priceIterations,
        maxHorizon,
        defaultHorizon);
  }
}
