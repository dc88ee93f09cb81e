package dev.carbonshift.energy;

/** How an energy figure was obtained, from most to least trustworthy. */
public enum Method {
  /** Difference of a hardware energy counter (NVML total energy, RAPL energy_uj). */
  COUNTER,
  /** Power readings integrated over time. */
  INTEGRATED,
  /** A stated model: TDP × utilisation, W per GB; its assumptions are recorded. */
  MODELLED;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
