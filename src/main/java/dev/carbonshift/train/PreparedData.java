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
 * @param targetTimes when each sample's label was observed (ISO, UTC), or {@code line N}
 * @param testWindow the held-out samples from {@code validationEnd} on, with naive forecasts
 * @param anchors what each label is relative to: a forecaster whose label is one of its inputs
 *     learns the change from the last known value (persistence), so that its network starts from
 *     the naive forecast and learns what persistence misses, whatever the level; 0 otherwise
 * @param residual whether the descriptor named its naive forecast ({@code dataset.naive}): the
 *     label is then scaled without centring and a fresh network starts from output zero, i.e.
 *     exactly the naive forecast, which is also the epoch to beat on validation
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
    String fingerprint,
    String[] targetTimes,
    TestWindow testWindow,
    double[] anchors,
    boolean residual) {

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

  /** Metrics of predictions for samples [from, to) in the label's own units (levels). */
  java.util.Map<String, Double> score(double[] predicted, int from, int to) {
    double[] p = new double[to - from];
    double[] a = new double[to - from];
    for (int i = from; i < to; i++) {
      p[i - from] = predicted[i - from] + anchors[i];
      a[i - from] = labels[i] + anchors[i];
    }
    return Metrics.all(p, a);
  }
}
