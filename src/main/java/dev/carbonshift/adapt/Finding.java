package dev.carbonshift.adapt;

/**
 * Something the analysis found in what the monitor saw.
 *
 * @param kind {@code degradation}, {@code drift}, {@code input-drift} or {@code prediction-drift}
 */
public record Finding(String kind, Severity severity, double value, double threshold, String text) {
  public static final String DEGRADATION = "degradation";
  public static final String DRIFT = "drift";
  public static final String INPUT_DRIFT = "input-drift";
  public static final String PREDICTION_DRIFT = "prediction-drift";
}
