package dev.carbonshift.train;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The held-out window a version is scored on: the last samples of its data, after every sample it
 * was trained or validated on, with the naive forecasts of the same task scored on the same
 * samples. Two versions' metrics are comparable only when their windows are equal.
 *
 * @param from time (ISO, UTC) of the first predicted point, or {@code line N} without a time column
 * @param to time of the last predicted point, inclusive
 * @param samples number of predictions scored
 * @param baselines naive forecast name ({@code persistence}, {@code seasonal-day}, {@code
 *     seasonal-week}, {@code mean}) → its metrics on this window
 */
public record TestWindow(
    String from, String to, int samples, Map<String, Map<String, Double>> baselines) {

  /** At least a week of hourly points for data sampled more often than daily. */
  public static final int MIN_SUBDAILY_SAMPLES = 168;

  /** At least this many points for daily or coarser data, or data without a time column. */
  public static final int MIN_OTHER_SAMPLES = 100;

  public TestWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    TreeMap<String, Map<String, Double>> copy = new TreeMap<>();
    (baselines == null ? Map.<String, Map<String, Double>>of() : baselines)
        .forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    baselines = java.util.Collections.unmodifiableMap(copy);
  }

  /** Whether metrics on this window and on {@code other} may be compared. */
  public boolean sameAs(TestWindow other) {
    return other != null
        && from.equals(other.from)
        && to.equals(other.to)
        && samples == other.samples;
  }

  /** The naive forecast the skill score is taken against: the best seasonal one, else any. */
  public String reference() {
    String best = null;
    for (var e : baselines.entrySet()) {
      boolean seasonal = e.getKey().startsWith("seasonal");
      boolean bestSeasonal = best != null && best.startsWith("seasonal");
      double mae = e.getValue().getOrDefault(Metrics.MAE, Double.NaN);
      if (best == null
          || (seasonal && !bestSeasonal)
          || (seasonal == bestSeasonal && mae < baselines.get(best).get(Metrics.MAE))) {
        best = e.getKey();
      }
    }
    return best;
  }

  /** 1 − MAE / naive MAE against {@code baseline}; NaN when the baseline is absent or perfect. */
  public double skill(double mae, String baseline) {
    Map<String, Double> b = baseline == null ? null : baselines.get(baseline);
    double naive = b == null ? Double.NaN : b.getOrDefault(Metrics.MAE, Double.NaN);
    return naive > 0 ? 1 - mae / naive : Double.NaN;
  }
}
