package dev.carbonshift.carbon;

import java.util.List;
import java.util.Objects;

/**
 * The intensities chosen for one region, and how they were chosen: the planner ranks {@link
 * #forecast()}, the placement keeps {@link #provenance()}.
 *
 * @param regionId the region asked for
 * @param forecast never empty: the yearly average is the last resort
 * @param source name of the source whose points are used (e.g. {@code ukgrid}, {@code trace})
 * @param provenance one line naming every source that failed, why, and what was used instead, e.g.
 *     {@code electricitymaps: HTTP 401 ... → trace ES_2022_hourly.csv.gz replayed ...}
 * @param failures the sources asked before the one used, with their reasons
 */
public record RegionForecast(
    String regionId,
    Forecast forecast,
    String source,
    String provenance,
    List<Unavailable> failures) {

  public RegionForecast {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(forecast, "forecast");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(provenance, "provenance");
    failures = List.copyOf(failures);
  }

  /** Whether a source earlier in the chain failed, so that a fallback was used. */
  public boolean fellBack() {
    return !failures.isEmpty();
  }
}
