package dev.carbonshift.daemon;

import dev.carbonshift.account.IntensityTimeline;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.IntensityOver;
import dev.carbonshift.carbon.chain.CarbonSources;
import dev.carbonshift.region.Region;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The intensities a finished run saw, as the carbon sources give them (actuals where the window has
 * passed, forecasts beyond). Accounting asks for many short slices; each distinct window is fetched
 * from the sources once, not once per slice.
 */
final class FetchedTimeline implements IntensityTimeline {
  private static final Duration MARGIN = Duration.ofHours(1);

  private final CarbonSources sources;
  private final Region ran;
  private final Region home;
  private final Duration runLength;
  private final List<Fetch> fetched = new ArrayList<>();

  /** A window asked of the sources and what they answered (which may not cover all of it). */
  private record Fetch(String zone, Instant from, Instant to, Forecast forecast) {}

  FetchedTimeline(CarbonSources sources, Region ran, Region home, Duration runLength) {
    this.sources = sources;
    this.ran = ran;
    this.home = home;
    this.runLength = runLength;
  }

  @Override
  public Optional<IntensityOver> over(String zone, Instant from, Instant to) {
    Region r = zone.equals(ran.zone()) ? ran : zone.equals(home.zone()) ? home : null;
    if (r == null) {
      return Optional.empty();
    }
    Instant f = from;
    Instant t = to;
    if (!t.isAfter(f)) {
      t = f.plusSeconds(1);
    }
    return covering(r, f, t).over(f, t);
  }

  /** A fetched forecast of the region's zone that spans [f, t), fetching one if none does. */
  private Forecast covering(Region r, Instant f, Instant t) {
    for (Fetch x : fetched) {
      if (x.zone().equals(r.zone()) && !x.from().isAfter(f) && !x.to().isBefore(t)) {
        return x.forecast();
      }
    }
    Instant end = t.isAfter(f.plus(runLength)) ? t : f.plus(runLength);
    Fetch x = new Fetch(r.zone(), f.minus(MARGIN), end.plus(MARGIN), null);
    Forecast fc = sources.forecast(r, x.from(), x.to()).forecast();
    fetched.add(new Fetch(x.zone(), x.from(), x.to(), fc));
    return fc;
  }
}
