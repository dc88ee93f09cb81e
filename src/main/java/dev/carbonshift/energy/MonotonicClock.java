package dev.carbonshift.energy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that never goes backwards: the wall time at creation plus {@link System#nanoTime()}
 * since. Power integration over an NTP step would otherwise gain or lose energy.
 */
public final class MonotonicClock extends Clock {
  private final Instant origin;
  private final long originNanos;

  public MonotonicClock() {
    this.origin = Instant.now();
    this.originNanos = System.nanoTime();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }

  @Override
  public Instant instant() {
    return origin.plusNanos(System.nanoTime() - originNanos);
  }
}
