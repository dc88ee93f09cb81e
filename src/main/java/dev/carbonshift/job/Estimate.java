package dev.carbonshift.job;

import java.time.Duration;
import java.util.Objects;

/**
 * What a job is expected to cost: how long it runs and at what average IT power.
 *
 * @param powerWatts average power of the job's hardware while it runs, before PUE
 */
public record Estimate(Duration duration, double powerWatts) {
  public Estimate {
    Objects.requireNonNull(duration, "duration");
  }

  /** IT energy of the whole job in kWh. */
  public double energyKwh() {
    return powerWatts * duration.toSeconds() / 3_600_000.0;
  }
}
