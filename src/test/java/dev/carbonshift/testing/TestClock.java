package dev.carbonshift.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one clock tests move by hand, safe to read from other threads. An optional hook runs on the
 * next read, to interleave other work at a chosen moment.
 */
public final class TestClock extends Clock {
  private Instant now;
  private Runnable onRead = () -> {};

  public TestClock(Instant start) {
    this.now = start;
  }

  public TestClock() {
    this(Instant.parse("2024-03-01T10:00:00Z"));
  }

  public synchronized void set(Instant t) {
    now = t;
  }

  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  public void advanceSeconds(double s) {
    advance(Duration.ofNanos((long) (s * 1e9)));
  }

  /** Runs {@code hook} once, on the next read of the clock, before the time is returned. */
  public synchronized void onRead(Runnable hook) {
    onRead = hook;
  }

  @Override
  public Instant instant() {
    Runnable hook;
    synchronized (this) {
      hook = onRead;
      onRead = () -> {};
    }
    hook.run();
    synchronized (this) {
      return now;
    }
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
