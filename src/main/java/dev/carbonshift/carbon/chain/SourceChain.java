package dev.carbonshift.carbon.chain;

import dev.carbonshift.carbon.CarbonSource;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.ForecastCache;
import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.RefreshPolicy;
import dev.carbonshift.carbon.RegionForecast;
import dev.carbonshift.carbon.Unavailable;
import dev.carbonshift.carbon.YearlyAverageSource;
import dev.carbonshift.region.Region;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a region's sources in order until one answers, and records why each earlier one did not. A
 * failed remote source falls back first to its freshest stored points, then to the next source; the
 * yearly average ends every chain, so the answer is never empty.
 */
final class SourceChain {
  static final List<String> DEFAULT_CHAIN = List.of("trace", "yearly");
  private static final Logger LOG = LoggerFactory.getLogger(SourceChain.class);

  private final Map<String, CarbonSource> sources;
  private final Function<String, Optional<String>> notConfigured;
  private final YearlyAverageSource yearly;
  private final ForecastCache cache;
  private final Clock clock;
  private final UnaryOperator<String> redact;
  private final RefreshPolicy refresh;

  SourceChain(
      Map<String, CarbonSource> sources,
      Function<String, Optional<String>> notConfigured,
      YearlyAverageSource yearly,
      ForecastCache cache,
      Clock clock,
      UnaryOperator<String> redact,
      RefreshPolicy refresh) {
    this.sources = Map.copyOf(sources);
    this.notConfigured = notConfigured;
    this.yearly = yearly;
    this.cache = cache;
    this.clock = clock;
    this.redact = redact;
    this.refresh = refresh;
  }

  RegionForecast forecast(Region region, Instant from, Instant to) {
    String zone = region.zone();
    List<String> chain = region.sources().isEmpty() ? DEFAULT_CHAIN : region.sources();
    List<Unavailable> failures = new ArrayList<>();
    for (String name : chain) {
      Optional<String> skip = notConfigured.apply(name);
      CarbonSource source = sources.get(name);
      if (skip.isPresent() || source == null) {
        failures.add(
            new Unavailable(zone, name, skip.orElse("unknown source; known: " + sources.keySet())));
        continue;
      }
      boolean remote = isRemote(name);
      Optional<ForecastCache.Stored> kept =
          remote ? stored(zone, name, from, to) : Optional.empty();
      Optional<String> reuse = kept.flatMap(st -> reusable(st, zone + name, from, to));
      if (reuse.isPresent()) {
        return done(region, name, kept.get().forecast(), failures, reuse.get(), to);
      }
      ForecastResult result = ask(source, region, from, to);
      if (result instanceof Forecast f && !f.isEmpty()) {
        if (remote) {
          save(f);
        }
        return done(region, name, f, failures, source.describe(f), to);
      }
      Unavailable u =
          result instanceof Unavailable un
              ? un
              : new Unavailable(zone, name, "no points for " + from + " .. " + to);
      failures.add(u);
      LOG.info("{} for region {} unavailable: {}", name, region.id(), u.reason());
      // an outage: the freshest stored points beat a less precise source further down the chain
      Optional<ForecastCache.Stored> last =
          kept.filter(st -> coversTheStart(st.forecast(), from, to));
      if (last.isPresent()) {
        String how = "stored " + name + " points fetched at " + last.get().fetchedAt();
        return done(region, name, last.get().forecast(), failures, how, to);
      }
    }
    Forecast f = yearly.forecastFor(zone, from, to);
    return done(region, YearlyAverageSource.NAME, f, failures, yearly.describe(f), to);
  }

  private ForecastResult ask(CarbonSource source, Region region, Instant from, Instant to) {
    try {
      return source.forecast(region, from, to);
    } catch (RuntimeException e) {
      // a source bug must not stop planning; it is reported like any other failure
      LOG.warn("{} failed unexpectedly for region {}", source.name(), region.id(), e);
      return new Unavailable(
          region.zone(),
          source.name(),
          redact.apply(
              "failed unexpectedly: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  private RegionForecast done(
      Region region, String name, Forecast f, List<Unavailable> failures, String how, Instant to) {
    StringBuilder provenance = new StringBuilder();
    for (Unavailable u : failures) {
      provenance.append(u.source()).append(": ").append(u.reason()).append(" → ");
    }
    provenance.append(how);
    if (f.end().isBefore(to)) {
      provenance.append(" (covers until ").append(f.end()).append(')');
    }
    return new RegionForecast(region.id(), f, name, provenance.toString(), failures);
  }

  private static boolean isRemote(String name) {
    return !name.equals("trace") && !name.equals(YearlyAverageSource.NAME);
  }

  /**
   * Why stored points may stand in for a fetch: they cover the window and are either history
   * (measured values do not change, so history is fetched once) or not yet due for a refresh.
   */
  private Optional<String> reusable(ForecastCache.Stored s, String key, Instant from, Instant to) {
    Forecast f = s.forecast();
    if (f.isEmpty() || f.meanGramsPerKwh(from, to).isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!to.isAfter(now) && f.points().stream().allMatch(p -> p.kind() == IntensityKind.ACTUAL)) {
      return Optional.of("stored history");
    }
    // a stable jitter per zone and source spreads the refreshes of many zones apart
    double jitter = Math.floorMod(key.hashCode(), 1000) / 1000.0;
    if (!refresh.isDue(s.fetchedAt(), now, jitter)) {
      return Optional.of(
          f.points().get(0).source()
              + " fetched at "
              + s.fetchedAt()
              + " (stored; refresh due "
              + refresh.nextRefresh(s.fetchedAt(), jitter)
              + ")");
    }
    return Optional.empty();
  }

  /**
   * Whether stored points cover the window's first hour: older leftovers that begin later would
   * plan the next hours on nothing, so the next source is better.
   */
  private static boolean coversTheStart(Forecast f, Instant from, Instant to) {
    Instant firstHour = from.plus(Duration.ofHours(1));
    return f.meanGramsPerKwh(from, firstHour.isBefore(to) ? firstHour : to).isPresent();
  }

  private Optional<ForecastCache.Stored> stored(
      String zone, String name, Instant from, Instant to) {
    try {
      return cache.freshest(zone, name, from, to).filter(s -> !s.forecast().isEmpty());
    } catch (RuntimeException e) {
      LOG.warn("cannot read stored intensities of {} for {}: {}", name, zone, e.toString());
      return Optional.empty();
    }
  }

  private void save(Forecast f) {
    try {
      cache.save(f, clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("cannot store intensities of {}: {}", f.zone(), e.toString());
    }
  }
}
