package dev.carbonshift.carbon;

/**
 * What an intensity value rests on, most trustworthy first: measured after the fact, forecast, or
 * estimated (a stand-in such as a yearly average). Planning, accounting and reports all use this
 * one enum.
 */
public enum IntensityKind {
  /** Measured after the fact (e.g. NESO {@code actual}, Electricity Maps history). */
  ACTUAL,
  /** Forecast for the period, not yet replaced by an actual value. */
  FORECAST,
  /** A stand-in such as a yearly average. */
  ESTIMATE;

  /** The less trustworthy of the two. */
  public IntensityKind worst(IntensityKind other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
