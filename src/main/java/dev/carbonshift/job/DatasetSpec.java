package dev.carbonshift.job;

import java.util.List;

/**
 * A CSV dataset a training job reads.
 *
 * @param path CSV file, relative to the descriptor's folder or absolute
 * @param features feature columns; empty with a {@code window} means past values of {@code label}
 * @param label column to predict
 * @param timeColumn column the rows are ordered and split by (optional)
 * @param window number of past values used as inputs for a forecaster (0 = not a forecaster)
 * @param horizon steps ahead to predict for a forecaster (default 1)
 * @param fraction share of the rows to use, from the start (for transfer with little data)
 * @param filter optional {@code column=value} row filter, e.g. {@code location=Seattle}
 */
public record DatasetSpec(
    String path,
    List<String> features,
    String label,
    String timeColumn,
    int window,
    int horizon,
    double fraction,
    String filter) {}
