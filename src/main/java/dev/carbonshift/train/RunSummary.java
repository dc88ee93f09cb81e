package dev.carbonshift.train;

import java.time.Duration;
import java.util.Map;

/**
 * What one training run did and cost, resumptions included.
 *
 * @param epochs epochs trained, over every phase
 * @param kwh IT energy of training and evaluation, before PUE
 * @param kgCo2e kWh × PUE × intensity
 * @param energyMethod the meter that measured it
 * @param initialLoss loss on the training split before the first update (shows where it started)
 * @param finalLoss mean training loss of the last epoch
 * @param stopReason why training stopped: target reached, no improvement, epochs done
 * @param resumed whether the run continued from a checkpoint
 * @param testWindow the held-out window {@code testMetrics} are on, with the naive forecasts there
 */
public record RunSummary(
    int epochs,
    Duration wallTime,
    double kwh,
    double kgCo2e,
    String energyMethod,
    String metric,
    Map<String, Double> testMetrics,
    double initialLoss,
    double finalLoss,
    String stopReason,
    boolean resumed,
    TestWindow testWindow) {

  public RunSummary {
    testMetrics = Map.copyOf(testMetrics);
  }

  public double testMetric() {
    return testMetrics.getOrDefault(metric, Double.NaN);
  }

  /** Skill of this run's model against the reference naive forecast on its test window. */
  public double skill() {
    return testWindow.skill(
        testMetrics.getOrDefault(Metrics.MAE, Double.NaN), testWindow.reference());
  }
}
