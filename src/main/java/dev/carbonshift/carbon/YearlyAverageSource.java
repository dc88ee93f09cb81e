package dev.carbonshift.carbon;

import dev.carbonshift.region.Region;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The last resort: the zone's yearly average as one estimate over the whole window, so a plan can
 * always be made. A zone missing from the table gets the world average, and says so.
 */
public final class YearlyAverageSource implements CarbonSource {
  public static final String NAME = "yearly";

  /** World average grid intensity (CodeCarbon's world value), for zones without a yearly mean. */
  public static final double WORLD_GRAMS_PER_KWH = 475.0;

  private final YearlyAverages averages;
  private final Clock clock;

  public YearlyAverageSource(YearlyAverages averages, Clock clock) {
    this.averages = averages;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ForecastResult forecast(Region region, Instant from, Instant to) {
    return forecastFor(region.zone(), from, to);
  }

  /** The yearly estimate for a zone; never unavailable. */
  public Forecast forecastFor(String zone, Instant from, Instant to) {
    OptionalDouble mean = averages.gramsPerKwh(zone);
    String label = mean.isPresent() ? sourceLabel() : NAME + ":world";
    IntensityPoint p =
        new IntensityPoint(
            zone,
            from,
            to,
            mean.orElse(WORLD_GRAMS_PER_KWH),
            IntensityKind.ESTIMATE,
            Signal.AVERAGE,
            // the bundled table is Electricity Maps' yearly life-cycle mean
            EmissionFactor.LIFECYCLE,
            label);
    return new Forecast(zone, clock.instant(), List.of(p));
  }

  @Override
  public String describe(Forecast forecast) {
    if (!forecast.isEmpty() && forecast.points().get(0).source().endsWith(":world")) {
      return "world average " + WORLD_GRAMS_PER_KWH + " g/kWh (no yearly mean for this zone)";
    }
    return "yearly average " + averages.year() + " for " + forecast.zone() + " (estimate)";
  }

  private String sourceLabel() {
    return NAME + ":" + averages.year();
  }
}
