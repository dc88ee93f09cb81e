package dev.carbonshift.plan;

import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.YearlyAverages;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one planning round needs; the planner reads nothing else, not even the clock.
 *
 * @param forecasts latest forecast (or why there is none) per zone
 * @param yearlyGramsPerKwh yearly mean intensity per zone, the fallback when a zone has no forecast
 * @param running jobs that hold capacity and do not move
 */
public record PlanRequest(
    List<PlanJob> jobs,
    List<PlanRegion> regions,
    Map<String, ? extends ForecastResult> forecasts,
    Map<String, Double> yearlyGramsPerKwh,
    List<RunningJob> running,
    Instant now,
    PlanSettings settings) {

  public PlanRequest {
    Objects.requireNonNull(now, "now");
    jobs = List.copyOf(jobs);
    regions = List.copyOf(regions);
    forecasts = Map.copyOf(forecasts);
    yearlyGramsPerKwh = Map.copyOf(yearlyGramsPerKwh);
    running = running == null ? List.of() : List.copyOf(running);
    settings = settings == null ? PlanSettings.DEFAULT : settings;
  }

  /** The yearly means of the regions' zones, for {@link #yearlyGramsPerKwh}. */
  public static Map<String, Double> yearlyFor(
      YearlyAverages averages, Collection<PlanRegion> regions) {
    Map<String, Double> out = new HashMap<>();
    for (PlanRegion r : regions) {
      averages.gramsPerKwh(r.zone()).ifPresent(v -> out.put(r.zone(), v));
    }
    return out;
  }
}
