package dev.carbonshift.carbon;

import java.time.Instant;
import java.util.Optional;

/**
 * Where fetched intensities are kept (the H2 store in the daemon), so that a restart or an outage
 * uses the freshest stored forecast and history is fetched once.
 */
public interface ForecastCache {

  /** A cache that keeps nothing, for runs without a store. */
  ForecastCache NONE =
      new ForecastCache() {
        @Override
        public void save(Forecast forecast, Instant fetchedAt) {}

        @Override
        public Optional<Stored> freshest(String zone, String source, Instant from, Instant to) {
          return Optional.empty();
        }
      };

  /** Stores every point of {@code forecast}, replacing older values for the same slots. */
  void save(Forecast forecast, Instant fetchedAt);

  /**
   * The stored points of {@code source} for {@code zone} that overlap {@code [from, to)}, one per
   * slot (an actual wins over a forecast), or empty when none are stored.
   */
  Optional<Stored> freshest(String zone, String source, Instant from, Instant to);

  /**
   * Points read back from the cache.
   *
   * @param fetchedAt when the most recent of them was fetched
   */
  record Stored(Forecast forecast, Instant fetchedAt) {}
}
