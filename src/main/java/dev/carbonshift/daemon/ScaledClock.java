package dev.carbonshift.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs {@code speed} times faster than an underlying one, from a chosen origin: the
 * demo runs a day or two of scheduling in minutes on it, and integration tests run hours of it in
 * seconds. Everything in the daemon (planning, heartbeats, triggers) reads this clock; the
 * scheduler maps its instants back to the underlying clock to know when to fire.
 */
public final class ScaledClock extends Clock implements Timebase {
  private final Clock base;
  private final Instant origin;
  private final Instant baseOrigin;
  private final double speed;

  private ScaledClock(Clock base, Instant origin, Instant baseOrigin, double speed) {
    if (!(speed >= 1) || !Double.isFinite(speed)) {
      throw new IllegalArgumentException("speed must be a finite number >= 1, not " + speed);
    }
    this.base = base;
    this.origin = origin;
    this.baseOrigin = baseOrigin;
    this.speed = speed;
  }

  /** Starts at {@code origin} now (by {@code base}) and runs {@code speed} times faster. */
  public static ScaledClock startingAt(Instant origin, double speed, Clock base) {
    return new ScaledClock(base, origin, base.instant(), speed);
  }

  public double speed() {
    return speed;
  }

  @Override
  public Instant instant() {
    long nanos = Duration.between(baseOrigin, base.instant()).toNanos();
    return origin.plusNanos(Math.round(nanos * speed));
  }

  @Override
  public Instant toBase(Instant t) {
    long nanos = Duration.between(origin, t).toNanos();
    return baseOrigin.plusNanos(Math.round(nanos / speed));
  }

  @Override
  public Duration toBase(Duration d) {
    return Duration.ofNanos(Math.max(1, Math.round(d.toNanos() / speed)));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
