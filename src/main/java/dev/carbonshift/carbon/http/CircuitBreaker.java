package dev.carbonshift.carbon.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling an API that keeps failing: after {@code threshold} failed fetches in a row the
 * circuit opens for {@code openFor}; then one trial fetch is let through, which closes it again on
 * success or reopens it on failure.
 */
public final class CircuitBreaker {
  public static final int DEFAULT_THRESHOLD = 3;
  public static final Duration DEFAULT_OPEN_FOR = Duration.ofMinutes(2);

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private int consecutiveFailures;
  private Instant openUntil;

  public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Whether a call may go out now. */
  public synchronized boolean allows() {
    return openUntil == null || !clock.instant().isBefore(openUntil);
  }

  public synchronized Instant openUntil() {
    return openUntil;
  }

  public synchronized int consecutiveFailures() {
    return consecutiveFailures;
  }

  public synchronized void recordSuccess() {
    consecutiveFailures = 0;
    openUntil = null;
  }

  public synchronized void recordFailure() {
    consecutiveFailures++;
    if (consecutiveFailures >= threshold) {
      openUntil = clock.instant().plus(openFor);
    }
  }
}
