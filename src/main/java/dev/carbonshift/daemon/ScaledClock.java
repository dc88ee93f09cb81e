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

  /** The base instant at which the clock showed {@code origin}; null while it is held there. */
  private volatile Instant baseOrigin;

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

  /**
   * A clock that shows {@code origin} until {@link #start()}, then runs {@code speed} times faster
   * from there: the demo opens its store, reads its traces and validates its jobs while its clock
   * stands, so that a loaded machine's start-up costs none of the story's hours.
   */
  public static ScaledClock heldAt(Instant origin, double speed, Clock base) {
    return new ScaledClock(base, origin, null, speed);
  }

  /** Starts a held clock from its origin now; a running clock is left as it is. */
  public synchronized void start() {
    if (baseOrigin == null) {
      baseOrigin = base.instant();
    }
  }

  public double speed() {
    return speed;
  }

  @Override
  public Instant instant() {
    Instant b = baseOrigin;
    if (b == null) {
      return origin;
    }
    long nanos = Duration.between(b, base.instant()).toNanos();
    return origin.plusNanos(Math.round(nanos * speed));
  }

  @Override
  public Instant toBase(Instant t) {
    Instant b = baseOrigin;
    long nanos = Duration.between(origin, t).toNanos();
    // a held clock maps as if it started now
    return (b == null ? base.instant() : b).plusNanos(Math.round(nanos / speed));
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
