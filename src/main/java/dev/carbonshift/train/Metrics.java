package dev.carbonshift.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Quality metrics in the label's own units, computed from predictions and truths. */
final class Metrics {
  static final String MAE = "mae";
  static final String RMSE = "rmse";
  static final String R2 = "r2";
  static final String ACCURACY = "accuracy";

  private Metrics() {}

  static Map<String, Double> all(double[] predicted, double[] actual) {
    int n = actual.length;
    double abs = 0;
    double sq = 0;
    double mean = 0;
    long hits = 0;
    for (int i = 0; i < n; i++) {
      double e = predicted[i] - actual[i];
      abs += Math.abs(e);
      sq += e * e;
      mean += actual[i];
      // accuracy for labels that are class numbers: the rounded prediction names the class
      hits += Math.round(predicted[i]) == Math.round(actual[i]) ? 1 : 0;
    }
    mean /= n;
    double total = 0;
    for (double a : actual) {
      total += (a - mean) * (a - mean);
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(MAE, abs / n);
    m.put(RMSE, Math.sqrt(sq / n));
    m.put(R2, total == 0 ? 0.0 : 1 - sq / total);
    m.put(ACCURACY, (double) hits / n);
    return m;
  }

  static String normalise(String metric) {
    String m = metric == null ? MAE : metric.toLowerCase(Locale.ROOT);
    return switch (m) {
      case MAE, RMSE, R2, ACCURACY -> m;
      default ->
          throw new IllegalArgumentException(
              "unknown metric '" + metric + "'; use mae, rmse, r2 or accuracy");
    };
  }

  static boolean higherIsBetter(String metric) {
    return metric.equals(R2) || metric.equals(ACCURACY);
  }

  /** Whether {@code candidate} beats {@code best} for this metric (NaN best loses to anything). */
  static boolean better(String metric, double candidate, double best) {
    if (Double.isNaN(best)) {
      return true;
    }
    return higherIsBetter(metric) ? candidate > best : candidate < best;
  }
}
