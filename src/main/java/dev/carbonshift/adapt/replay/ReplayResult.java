package dev.carbonshift.adapt.replay;

import java.util.List;

/**
 * What a replay measured. Energy is IT energy of the training thread (one meter for every policy);
 * kgCO2e is that energy at the intensity of the hours the planner placed each run in.
 *
 * @param trainingKwh every retrain and the initial training, with the promotion checks
 * @param loopKwh the loop's own monitoring, shadow forecasts, analysis and planning
 * @param mae forecast MAE of the serving model over every hour of the period
 * @param naiveMae the same-hour-yesterday forecast's MAE over the same hours
 */
public record ReplayResult(
    String policy,
    String trace,
    String from,
    int days,
    long seed,
    int retrains,
    int promotions,
    int switches,
    double trainingKwh,
    double trainingKgCo2e,
    double loopKwh,
    double loopSharePct,
    double mae,
    double naiveMae,
    String meter,
    String policyFile,
    List<Day> decisions) {

  /** One day's decision and what it cost. */
  public record Day(
      String date,
      String variant,
      String tactic,
      String rule,
      String reason,
      double dayMae,
      String placedAt,
      double kwh,
      double kgCo2e,
      Double metricBefore,
      Double metricAfter,
      String outcome) {}
}
