package dev.carbonshift.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How the daemon's clock relates to the wall clock that the scheduler fires on: the same for a
 * production daemon, faster for the demo and for tests ({@link ScaledClock}).
 */
public interface Timebase {
  Timebase SAME = new Timebase() {};

  /** The wall-clock instant at which the daemon's clock shows {@code t}. */
  default Instant toBase(Instant t) {
    return t;
  }

  /** How long {@code d} of the daemon's clock lasts on the wall clock. */
  default Duration toBase(Duration d) {
    return d;
  }

  /** The timebase of {@code clock}: its own when it is scaled, else the same as the wall's. */
  static Timebase of(Clock clock) {
    return clock instanceof Timebase t ? t : SAME;
  }
}
