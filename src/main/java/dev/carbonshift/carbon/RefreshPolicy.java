package dev.carbonshift.carbon;

import java.time.Duration;
import java.time.Instant;

/**
 * When to fetch a zone's forecast again. Refreshes are spread by jitter so that many zones, or many
 * daemons, do not ask an API at the same moment.
 *
 * @param interval the mean time between refreshes
 * @param jitterFraction how far a refresh may move either side of the interval, 0 to 0.5
 */
public record RefreshPolicy(Duration interval, double jitterFraction) {

  /** Electricity Maps and WattTime update forecasts hourly or faster; 30 minutes catches each. */
  public static final RefreshPolicy DEFAULT = new RefreshPolicy(Duration.ofMinutes(30), 0.2);

  public RefreshPolicy {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("refresh interval must be positive, got " + interval);
    }
    if (jitterFraction < 0 || jitterFraction > 0.5) {
      throw new IllegalArgumentException(
          "jitterFraction must be in [0, 0.5], got " + jitterFraction);
    }
  }

  /**
   * The next refresh after a fetch at {@code lastFetch}.
   *
   * @param random01 a uniform random number in [0, 1), injected so the result is reproducible
   */
  public Instant nextRefresh(Instant lastFetch, double random01) {
    double factor = 1 + jitterFraction * (2 * random01 - 1);
    return lastFetch.plusMillis(Math.round(interval.toMillis() * factor));
  }

  /** Whether a forecast fetched at {@code fetchedAt} is due for a refresh at {@code now}. */
  public boolean isDue(Instant fetchedAt, Instant now, double random01) {
    return !now.isBefore(nextRefresh(fetchedAt, random01));
  }
}
