package dev.carbonshift.carbon;

import dev.carbonshift.region.Region;
import java.time.Instant;

/**
 * Where carbon intensities come from: an API, a replayed trace, a yearly average. A source never
 * throws for an external failure; it answers {@link Unavailable} with a reason instead, so the
 * chain can ask the next one.
 */
public interface CarbonSource {

  /** The name regions use in their {@code sources} chain, e.g. {@code electricitymaps}. */
  String name();

  /**
   * Intensities of the region's zone over {@code [from, to)}: past parts as actuals where the
   * source has them, future parts as forecasts.
   */
  ForecastResult forecast(Region region, Instant from, Instant to);

  /** How a forecast from this source came about, for the placement's provenance note. */
  default String describe(Forecast forecast) {
    return name();
  }
}
