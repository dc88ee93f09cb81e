package dev.carbonshift.daemon;

import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.RegionForecast;
import dev.carbonshift.carbon.YearlyAverages;
import dev.carbonshift.carbon.chain.CarbonSources;
import dev.carbonshift.plan.PlanJob;
import dev.carbonshift.plan.PlanRegion;
import dev.carbonshift.plan.PlanRequest;
import dev.carbonshift.plan.PlanResult;
import dev.carbonshift.plan.PlanSettings;
import dev.carbonshift.plan.Planner;
import dev.carbonshift.plan.RunningJob;
import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One planning round: asks the carbon sources for every region a job may use, hands the pure
 * planner what it needs, and says for each region where its intensities came from.
 */
public final class PlanningService {
  /** How far ahead intensities are asked for when no deadline says otherwise. */
  public static final Duration DEFAULT_HORIZON = Duration.ofHours(72);

  /** The longest window asked for, whatever the deadlines: forecasts do not reach further. */
  public static final Duration MAX_HORIZON = Duration.ofDays(14);

  private final RegionCatalog catalog;
  private final CarbonSources sources;
  private final Clock clock;
  private final PlanSettings settings;

  public PlanningService(
      RegionCatalog catalog, CarbonSources sources, Clock clock, PlanSettings settings) {
    this.catalog = catalog;
    this.sources = sources;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * A plan and, per region id, the intensities it was made with.
   *
   * @param forecasts the forecast and its provenance for each region considered
   */
  public record Round(PlanResult result, Map<String, RegionForecast> forecasts) {

    /** Where the intensities of a placement's region came from. */
    public String provenanceOf(String regionId) {
      RegionForecast f = forecasts.get(regionId);
      return f == null ? "no forecast asked" : f.provenance();
    }
  }

  public Round plan(List<PlanJob> jobs, List<RunningJob> running) {
    Instant now = clock.instant();
    Instant to = now.plus(DEFAULT_HORIZON);
    for (PlanJob j : jobs) {
      if (j.deadline() != null && j.deadline().isAfter(to)) {
        to = j.deadline();
      }
    }
    if (to.isAfter(now.plus(MAX_HORIZON))) {
      to = now.plus(MAX_HORIZON);
    }
    List<Region> regions = catalog.all().stream().filter(r -> anyAllows(jobs, r.id())).toList();
    Map<String, RegionForecast> byRegion = new LinkedHashMap<>();
    Map<String, ForecastResult> byZone = new HashMap<>();
    for (RegionForecast f : sources.forecasts(regions, now, to)) {
      byRegion.put(f.regionId(), f);
      byZone.put(f.forecast().zone(), f.forecast());
    }
    List<PlanRegion> planRegions = regions.stream().map(PlanRegion::of).toList();
    PlanRequest req =
        new PlanRequest(
            jobs,
            planRegions,
            byZone,
            PlanRequest.yearlyFor(YearlyAverages.bundled(), planRegions),
            running,
            now,
            settings);
    return new Round(Planner.plan(req), byRegion);
  }

  private static boolean anyAllows(List<PlanJob> jobs, String regionId) {
    return jobs.stream().anyMatch(j -> j.allows(regionId));
  }
}
