package dev.carbonshift.energy.account;

/**
 * What an intensity figure rests on, best first. Same names as the carbon package's {@code
 * IntensityKind}, so the two map by name; the energy package depends on nothing outside itself.
 */
public enum IntensityBasis {
  /** Measured after the fact (e.g. NESO {@code actual}, Electricity Maps history). */
  ACTUAL,
  /** Forecast for the period, not yet replaced by an actual value. */
  FORECAST,
  /** A stand-in such as a yearly average. */
  ESTIMATE;

  /** The less trustworthy of the two. */
  public IntensityBasis worst(IntensityBasis other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
