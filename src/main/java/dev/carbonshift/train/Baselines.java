package dev.carbonshift.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The naive forecasts a model must beat, scored on its held-out window: for a forecaster,
 * persistence (the last value known when forecasting) and seasonal persistence (the same time one
 * day or one week earlier, as far back as the horizon needs); for other regression, the mean of the
 * training labels.
 */
final class Baselines {
  static final String PERSISTENCE = "persistence";
  static final String SEASONAL_DAY = "seasonal-day";
  static final String SEASONAL_WEEK = "seasonal-week";
  static final String MEAN = "mean";

  private Baselines() {}

  /**
   * @param rowLabels the label of every selected row, in time order
   * @param lead rows between a sample's first input row and its target row
   * @param forecaster whether past labels are inputs (else the naive forecast is the mean)
   * @param stepSeconds the data's usual step, 0 when unknown
   */
  static Map<String, Map<String, Double>> score(
      double[] rowLabels,
      int lead,
      int horizon,
      boolean forecaster,
      long stepSeconds,
      int trainEnd,
      int testFrom,
      int n) {
    double[] actual = new double[n - testFrom];
    for (int i = testFrom; i < n; i++) {
      actual[i - testFrom] = rowLabels[i + lead];
    }
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    if (!forecaster) {
      double mean = 0;
      for (int i = 0; i < trainEnd; i++) {
        mean += rowLabels[i + lead];
      }
      double[] p = new double[actual.length];
      java.util.Arrays.fill(p, mean / trainEnd);
      out.put(MEAN, Metrics.all(p, actual));
      return out;
    }
    out.put(PERSISTENCE, Metrics.all(lagged(rowLabels, lead, horizon, testFrom, n), actual));
    long day = DatasetBuilder.DAY;
    if (stepSeconds > 0 && stepSeconds < day && day % stepSeconds == 0) {
      seasonal(out, SEASONAL_DAY, (int) (day / stepSeconds), rowLabels, lead, horizon, testFrom, n);
    }
    if (stepSeconds > 0 && stepSeconds <= day && (7 * day) % stepSeconds == 0) {
      int week = (int) (7 * day / stepSeconds);
      seasonal(out, SEASONAL_WEEK, week, rowLabels, lead, horizon, testFrom, n);
    }
    return out;
  }

  private static void seasonal(
      Map<String, Map<String, Double>> out,
      String name,
      int period,
      double[] rowLabels,
      int lead,
      int horizon,
      int testFrom,
      int n) {
    int lag = seasonalLag(period, horizon);
    if (testFrom + lead - lag < 0) {
      return;
    }
    double[] actual = new double[n - testFrom];
    for (int i = testFrom; i < n; i++) {
      actual[i - testFrom] = rowLabels[i + lead];
    }
    out.put(name, Metrics.all(lagged(rowLabels, lead, lag, testFrom, n), actual));
  }

  /** The same time of the season, as many periods back as it takes to be known at forecast time. */
  static int seasonalLag(int period, int horizon) {
    return period * (int) Math.ceil(horizon / (double) period);
  }

  private static double[] lagged(double[] rowLabels, int lead, int lag, int from, int n) {
    double[] p = new double[n - from];
    for (int i = from; i < n; i++) {
      p[i - from] = rowLabels[i + lead - lag];
    }
    return p;
  }
}
