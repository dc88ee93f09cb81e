package dev.carbonshift.job;

import java.util.List;

/**
 * A CSV (or gzipped CSV) dataset a training job reads.
 *
 * @param path file, relative to the descriptor's folder or absolute
 * @param features feature columns; empty with a {@code window} means past values of {@code label}
 * @param label column to predict
 * @param timeColumn column the rows are ordered and split by (optional)
 * @param from first instant or date (inclusive) of rows to use, by {@code timeColumn}, or null
 * @param to last instant or date (exclusive) of rows to use, or null
 * @param window number of past values used as inputs for a forecaster (0 = not a forecaster)
 * @param horizon steps ahead to predict for a forecaster (default 1)
 * @param fraction share of the selected rows to use, from the start (1.0 = all)
 * @param filter optional {@code column=value} row filter, e.g. {@code location=Seattle}
 * @param split fractions for the time-ordered train / validation / test split
 * @param lags instead of a window: the label this many steps before the target time, one input each
 *     (every lag at least {@code horizon}, so it is known at forecast time); empty = none
 * @param naive the naive forecast the network learns the residual over: {@code last} (the last
 *     value known at forecast time), {@code seasonal-day} or {@code seasonal-week} (the same time
 *     one day / one week earlier, as many periods back as the horizon needs); null = the default
 *     ({@code last} for a forecaster whose label is one of its inputs, none otherwise)
 */
public record DatasetSpec(
    String path,
    List<String> features,
    String label,
    String timeColumn,
    String from,
    String to,
    int window,
    int horizon,
    double fraction,
    String filter,
    Split split,
    List<Integer> lags,
    String naive) {

  public static final String NAIVE_LAST = "last";
  public static final String NAIVE_DAY = "seasonal-day";
  public static final String NAIVE_WEEK = "seasonal-week";

  public DatasetSpec {
    features = features == null ? List.of() : List.copyOf(features);
    lags = lags == null ? List.of() : List.copyOf(lags);
  }

  /** Whether this dataset is a forecaster's: past values of the label are inputs. */
  public boolean forecaster() {
    return window > 0 || !lags.isEmpty();
  }

  /** Rows from a sample's first input row to its target row (0 for row-wise samples). */
  public int lead() {
    if (!lags.isEmpty()) {
      return lags.stream().mapToInt(Integer::intValue).max().orElse(0);
    }
    return window <= 0 ? 0 : window + Math.max(horizon, 1) - 1;
  }

  /** The same dataset over another time range (a later night, another month). */
  public DatasetSpec between(String newFrom, String newTo) {
    return copy(path, newFrom, newTo);
  }

  /** The same dataset read from another file (another trace of the same columns). */
  public DatasetSpec at(String newPath) {
    return copy(newPath, from, to);
  }

  private DatasetSpec copy(String newPath, String newFrom, String newTo) {
    return new DatasetSpec(
        newPath,
        features,
        label,
        timeColumn,
        newFrom,
        newTo,
        window,
        horizon,
        fraction,
        filter,
        split,
        lags,
        naive);
  }

  /** Train / validation / test fractions, in time order; they sum to 1. */
  public record Split(double train, double validation, double test) {
    public static final Split DEFAULT = new Split(0.7, 0.15, 0.15);
  }
}
