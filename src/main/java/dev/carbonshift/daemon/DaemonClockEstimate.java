package dev.carbonshift.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time on a running daemon's scaled clock, as seen from another process: each heartbeat the
 * daemon writes says its clock read {@code h} at a wall moment no later than when the heartbeat is
 * first seen, so the daemon's clock is at least {@code h + speed × (wall now - seen)}. The largest
 * such bound is kept; it lags the daemon by speed × the polling and write delay, which can only
 * make a measured detection later, never earlier.
 */
final class DaemonClockEstimate {
  private final double speed;
  private final Clock wall;
  private final Instant reference;
  private Instant bestAtReference;
  private Instant lastHeartbeat;
  private int observed;

  DaemonClockEstimate(double speed, Clock wall) {
    this.speed = speed;
    this.wall = wall;
    this.reference = wall.instant();
  }

  /**
   * Notes {@code heartbeat}, read from the store just now. Any value is a valid bound; the one seen
   * soonest after its writing is the tightest, so the store is best polled often.
   */
  void saw(Instant heartbeat) {
    if (heartbeat == null || heartbeat.equals(lastHeartbeat)) {
      return;
    }
    if (lastHeartbeat != null) {
      observed++;
    }
    lastHeartbeat = heartbeat;
    // the daemon's time at one wall reference, so that bounds taken at different moments compare
    Instant atReference = heartbeat.minusNanos(sinceReference());
    if (bestAtReference == null || atReference.isAfter(bestAtReference)) {
      bestAtReference = atReference;
    }
  }

  /** Heartbeats seen change, each one a bound on the daemon's clock. */
  int observed() {
    return observed;
  }

  /** The daemon's time now, by the best bound. */
  Instant now() {
    if (bestAtReference == null) {
      throw new IllegalStateException("no heartbeat seen yet");
    }
    return bestAtReference.plusNanos(sinceReference());
  }

  /** A clock that keeps the daemon's time after it has gone. */
  Clock clock() {
    return ScaledClock.startingAt(now(), speed, wall);
  }

  /** Daemon nanoseconds since the reference: a bench's minutes at 60× fit a long with room. */
  private long sinceReference() {
    return Math.round(Duration.between(reference, wall.instant()).toNanos() * speed);
  }
}
