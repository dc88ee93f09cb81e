package dev.carbonshift.energy;

import java.time.Instant;

/** Opens the sensors of one kind (RAPL, NVML, a model) for one component. */
public interface SensorFactory {

  /** A short name for reports: {@code rapl}, {@code nvml}, {@code model}. */
  String name();

  Component component();

  /**
   * Opens every sensor of this kind and takes their first reading at {@code now}.
   *
   * @return at least one sensor, with notes about devices that were left out
   * @throws SensorException when there is nothing to read here; the meter falls back
   */
  SensorSet open(Instant now);
}
