package dev.carbonshift.train;

/**
 * A dataset ready for training, in original units: one sample per row of {@code inputs} (a window
 * of {@code window} steps × {@code featureCount} values, step-major, or one row's features when
 * {@code window} is 0) with its label, split in time order at {@code trainEnd} and {@code
 * validationEnd}.
 *
 * @param firstLine file line of the first row used (the header is line 1)
 * @param lastLine file line of the last row used
 * @param fingerprint SHA-256 of the rows and columns used, so a version names exactly its data
 */
record PreparedData(
    double[][] inputs,
    double[] labels,
    int window,
    int featureCount,
    int trainEnd,
    int validationEnd,
    long firstLine,
    long lastLine,
    String fingerprint) {

  int size() {
    return labels.length;
  }

  /** Number of inputs to an MLP: every value of the window flattened. */
  int flatInputs() {
    return Math.max(window, 1) * featureCount;
  }

  int steps() {
    return Math.max(window, 1);
  }
}
