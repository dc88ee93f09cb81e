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
    Split split) {

  public DatasetSpec {
    features = features == null ? List.of() : List.copyOf(features);
  }

  /** Train / validation / test fractions, in time order; they sum to 1. */
  public record Split(double train, double validation, double test) {
    public static final Split DEFAULT = new Split(0.7, 0.15, 0.15);
  }
}
