package dev.carbonshift.train;

import dev.carbonshift.job.Strategy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One stored version of a model: where its files lie, what it was trained from and on, how good it
 * is on its test split and what it cost.
 *
 * @param parentName model the parent version belongs to (another model's name after a transfer)
 * @param parentVersion version trained from, or null for a model trained from scratch
 * @param directory folder holding {@code model.zip} and {@code normalizer.json}
 * @param firstLine file line of the first dataset row used (the header is line 1)
 * @param lastLine file line of the last dataset row used
 * @param testMetrics metrics on the test split, in the label's units
 * @param metric the job's target metric, the one {@link #testMetric()} reports
 * @param kwh IT energy of the run that produced this version, before PUE
 * @param kgCo2e emissions of that run: kWh × PUE × intensity
 * @param testWindow the held-out window every test metric is on, with the naive forecasts' scores
 *     there; null for versions stored before windows were recorded
 * @param weightsSha256 SHA-256 of {@code model.zip}, checked before the weights are used
 */
public record ModelVersion(
    String name,
    int version,
    String parentName,
    Integer parentVersion,
    Strategy strategy,
    Path directory,
    String datasetFingerprint,
    long firstLine,
    long lastLine,
    String metric,
    Map<String, Double> testMetrics,
    long sizeBytes,
    double kwh,
    double kgCo2e,
    int epochs,
    double wallSeconds,
    Instant createdAt,
    TestWindow testWindow,
    String weightsSha256) {

  public static final String MODEL_FILE = "model.zip";

  public ModelVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(strategy, "strategy");
    testMetrics = Map.copyOf(testMetrics);
  }

  public Path modelFile() {
    return directory.resolve(MODEL_FILE);
  }

  public double testMetric() {
    return testMetrics.getOrDefault(metric, Double.NaN);
  }

  /** Skill against the naive forecast of reference on the same window (1 − MAE / naive MAE). */
  public double skill() {
    return testWindow == null
        ? Double.NaN
        : testWindow.skill(testMetrics.getOrDefault("mae", Double.NaN), testWindow.reference());
  }

  /** {@code name:version}, how descriptors and listings refer to a version. */
  public String ref() {
    return name + ":" + version;
  }

  public String parentRef() {
    return parentVersion == null ? null : parentName + ":" + parentVersion;
  }
}
