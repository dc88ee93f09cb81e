package dev.carbonshift.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand; an optional hook runs on each read, to interleave other work. */
final class SettableClock extends Clock {
  private Instant now;
  private Runnable onRead = () -> {};

  SettableClock(Instant now) {
    this.now = now;
  }

  void set(Instant t) {
    now = t;
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  void onRead(Runnable hook) {
    onRead = hook;
  }

  @Override
  public Instant instant() {
    Runnable hook = onRead;
    onRead = () -> {};
    hook.run();
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
