package dev.carbonshift.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Quality metrics in the label's own units, computed from predictions and truths. */
final class Metrics {
  static final String MAE = "mae";
  static final String RMSE = "rmse";
  static final String R2 = "r2";

  /** The metrics of a regression model; every model Carbonshift trains is one. */
  static final java.util.List<String> ACCEPTED = java.util.List.of(MAE, RMSE, R2);

  private Metrics() {}

  static Map<String, Double> all(double[] predicted, double[] actual) {
    int n = actual.length;
    double abs = 0;
    double sq = 0;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      double e = predicted[i] - actual[i];
      abs += Math.abs(e);
      sq += e * e;
      mean += actual[i];
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
    return m;
  }

  static String normalise(String metric) {
    String m = metric == null ? MAE : metric.toLowerCase(Locale.ROOT);
    return switch (m) {
      case MAE, RMSE, R2 -> m;
      default ->
          throw new IllegalArgumentException(
              "metric '"
                  + metric
                  + "' is not one of a regression model's metrics: "
                  + String.join(", ", ACCEPTED));
    };
  }

  static boolean higherIsBetter(String metric) {
    return metric.equals(R2);
  }

  /** Whether {@code candidate} beats {@code best} for this metric (NaN best loses to anything). */
  static boolean better(String metric, double candidate, double best) {
    if (Double.isNaN(best)) {
      return true;
    }
    return higherIsBetter(metric) ? candidate > best : candidate < best;
  }
}
