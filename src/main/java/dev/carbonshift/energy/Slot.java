package dev.carbonshift.energy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One open sensor and what the channel knows about its reads. */
final class Slot {
  final Sensor sensor;
  private SensorReading lastGood;
  private Instant lastGoodAt;
  boolean hadGoodRead;
  int polls;
  int failures;
  int consecutiveFailures;
  String lastError;

  Slot(Sensor sensor, Instant openedAt) {
    this.sensor = sensor;
    this.lastGood = new SensorReading(0, Double.NaN, sensor.method(), sensor.detail());
    this.lastGoodAt = openedAt;
  }

  void good(SensorReading r, Instant now) {
    polls++;
    consecutiveFailures = 0;
    hadGoodRead = true;
    lastGood = r;
    lastGoodAt = now;
  }

  void failed(String error) {
    polls++;
    failures++;
    consecutiveFailures++;
    lastError = error;
  }

  /**
   * The sensor's energy up to {@code now}. When it is being retired after failed reads, the gap
   * since its last good read is bridged at the last power it read, and the detail says so.
   */
  Optional<ComponentEnergy> energy(Instant now, boolean bridgeGap) {
    if (!hadGoodRead) {
      return Optional.empty();
    }
    double joules = lastGood.joules();
    StringBuilder detail = new StringBuilder(lastGood.detail());
    double gapSeconds = Duration.between(lastGoodAt, now).toNanos() / 1e9;
    if (bridgeGap && gapSeconds > 0 && Double.isFinite(lastGood.watts())) {
      double bridged = lastGood.watts() * gapSeconds;
      joules += bridged;
      detail.append(
          String.format(
              java.util.Locale.ROOT,
              "; %.1f J bridged over %.1f s of failed reads at the last power read (%.1f W)",
              bridged,
              gapSeconds,
              lastGood.watts()));
    }
    if (failures > 0) {
      detail.append("; ").append(failures).append(" of ").append(polls).append(" reads failed");
      detail.append(" (last: ").append(lastError).append(')');
    }
    return Optional.of(
        new ComponentEnergy(sensor.component(), joules, lastGood.method(), detail.toString()));
  }
}
