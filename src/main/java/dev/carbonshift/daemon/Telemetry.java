package dev.carbonshift.daemon;

import java.time.Duration;

/** What the daemon tells its metrics; every method does nothing unless overridden. */
public interface Telemetry {
  Telemetry NONE = new Telemetry() {};

  default void planned(Duration took, int placements) {}

  default void taskFailed(String task) {}

  default void deadRun() {}

  default void submitted() {}
}
