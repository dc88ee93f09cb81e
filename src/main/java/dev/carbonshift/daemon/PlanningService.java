package dev.carbonshift.daemon;

import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.RegionForecast;
import dev.carbonshift.carbon.YearlyAverages;
import dev.carbonshift.carbon.chain.CarbonSources;
import dev.carbonshift.plan.OnlinePlanner;
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

  /** A one-off plan of {@code jobs} around the {@code running} ones, at the clock's now. */
  public Round plan(List<PlanJob> jobs, List<RunningJob> running) {
    Instant now = clock.instant();
    Intensities in = intensities(jobs, now);
    PlanRequest req =
        new PlanRequest(jobs, in.regions(), in.byZone(), in.yearly(), running, now, settings);
    return new Round(Planner.plan(req), in.byRegion());
  }

  /**
   * One round of the online policy over a queue at {@code now}: intensities are asked for every
   * waiting job, since a displaced arrival re-plans them all.
   *
   * @param forecastsRenewed whether forecasts were renewed since the last round (see {@link
   *     OnlinePlanner#plan})
   */
  public Round planOnline(OnlinePlanner.Queue queue, boolean forecastsRenewed, Instant now) {
    Intensities in = intensities(queue.waiting(), now);
    OnlinePlanner.Conditions at =
        new OnlinePlanner.Conditions(in.regions(), in.byZone(), in.yearly(), now, settings);
    return new Round(OnlinePlanner.plan(queue, forecastsRenewed, at), in.byRegion());
  }

  /** What the sources say of the regions the jobs may use, from {@code now} over their windows. */
  private record Intensities(
      List<PlanRegion> regions,
      Map<String, ForecastResult> byZone,
      Map<String, Double> yearly,
      Map<String, RegionForecast> byRegion) {}

  private Intensities intensities(List<PlanJob> jobs, Instant now) {
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
    return new Intensities(
        planRegions,
        byZone,
        PlanRequest.yearlyFor(YearlyAverages.bundled(), planRegions),
        byRegion);
  }

  private static boolean anyAllows(List<PlanJob> jobs, String regionId) {
    return jobs.stream().anyMatch(j -> j.allows(regionId));
  }
}
