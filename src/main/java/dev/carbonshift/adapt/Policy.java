package dev.carbonshift.adapt;

import java.util.List;
import java.util.Map;

/**
 * A self-adaptation policy, read from a YAML file: the analysis thresholds and the rules, tried in
 * order (the first that holds decides), with per-model rule lists that replace the default ones.
 *
 * @param source the file it was read from, for reasons
 * @param klLight KL threshold of prediction drift for a light model (the case study: 0.6)
 * @param klHeavy KL threshold for a heavy model (the case study: 1.6)
 * @param psiThreshold PSI above which the inputs have drifted (0.1, Evidently's default)
 * @param degradedRatio MAE over naive MAE above which a model has degraded (1: no better than
 *     naive)
 * @param window days of newest labelled data the error is measured on
 */
public record Policy(
    String source,
    Detector detector,
    double klLight,
    double klHeavy,
    double psiThreshold,
    double degradedRatio,
    int window,
    List<PolicyRule> rules,
    Map<String, List<PolicyRule>> models) {

  /** Page-Hinkley settings for the error stream. */
  public record Detector(int minInstances, double delta, double lambda, double alpha) {}

  public Policy {
    rules = List.copyOf(rules);
    models = Map.copyOf(models);
  }

  public List<PolicyRule> rulesFor(String model) {
    return models.getOrDefault(model, rules);
  }

  public double klThreshold(String variant) {
    return Signals.LIGHT.equals(variant) ? klLight : klHeavy;
  }
}
