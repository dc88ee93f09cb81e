package dev.carbonshift.carbon.chain;

import dev.carbonshift.carbon.CarbonSource;
import dev.carbonshift.carbon.ForecastCache;
import dev.carbonshift.carbon.RegionForecast;
import dev.carbonshift.carbon.Secret;
import dev.carbonshift.carbon.YearlyAverageSource;
import dev.carbonshift.carbon.YearlyAverages;
import dev.carbonshift.carbon.http.HttpFetcher;
import dev.carbonshift.carbon.http.Sleeper;
import dev.carbonshift.carbon.http.SourceFactory;
import dev.carbonshift.carbon.trace.TraceReader;
import dev.carbonshift.carbon.trace.TraceReplaySource;
import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carbonshift's carbon sources, wired from settings: ask it for the forecasts of a set of regions
 * and get, per region, intensities (never empty) and a note of which source gave them and why
 * earlier ones in the region's chain did not.
 */
public final class CarbonSources implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CarbonSources.class);
  private final SourcesConfig config;
  private final SourceChain chain;
  private final List<HttpFetcher> fetchers;

  private CarbonSources(SourcesConfig config, SourceChain chain, List<HttpFetcher> fetchers) {
    this.config = config;
    this.chain = chain;
    this.fetchers = fetchers;
  }

  /**
   * The sources configured by {@code env} (environment variables, or config values with the
   * environment over them). Sources without credentials or URL are skipped with the reason "not
   * configured", so with an empty map every region goes straight to its trace, without network.
   *
   * @param cacheOrNull where fetched intensities are kept, or null to keep none
   * @throws dev.carbonshift.config.InvalidInputException naming a setting that is wrong
   */
  public static CarbonSources fromEnvironment(
      Map<String, String> env, Clock clock, RegionCatalog catalog, ForecastCache cacheOrNull) {
    return create(SourcesConfig.from(env), clock, catalog::traceOf, cacheOrNull, Sleeper.SYSTEM);
  }

  /** As {@link #fromEnvironment}, with the trace lookup and the retry sleeper given. */
  public static CarbonSources create(
      SourcesConfig config,
      Clock clock,
      Function<Region, Optional<Path>> traceOf,
      ForecastCache cacheOrNull,
      Sleeper sleeper) {
    Map<String, CarbonSource> sources = new LinkedHashMap<>();
    List<HttpFetcher> fetchers = new ArrayList<>();
    for (SourceFactory.Configured c : config.networked()) {
      if (c.notConfigured().isEmpty()) {
        HttpFetcher http = HttpFetcher.create(c.endpoint(), clock, sleeper, c.secrets());
        fetchers.add(http);
        sources.put(c.name(), c.build(http, clock));
      }
    }
    sources.put(
        TraceReplaySource.NAME,
        new TraceReplaySource(
            traceOf, new TraceReader.Options(config.traceFactor(), true), config.replay(), clock));
    YearlyAverageSource yearly = new YearlyAverageSource(YearlyAverages.bundled(), clock);
    sources.put(YearlyAverageSource.NAME, yearly);
    List<Secret> secrets = config.secrets();
    SourceChain chain =
        new SourceChain(
            sources,
            config::notConfigured,
            yearly,
            Objects.requireNonNullElse(cacheOrNull, ForecastCache.NONE),
            clock,
            text -> Secret.redactAll(text, secrets),
            config.refresh());
    LOG.info("carbon sources: {}", config.describe());
    return new CarbonSources(config, chain, fetchers);
  }

  /** Forecasts for each region over {@code [from, to)}, in the order given. */
  public List<RegionForecast> forecasts(List<Region> regions, Instant from, Instant to) {
    return regions.stream().map(r -> forecast(r, from, to)).toList();
  }

  /** The forecast of one region over {@code [from, to)}; never empty. */
  public RegionForecast forecast(Region region, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("empty window " + from + " .. " + to);
    }
    return chain.forecast(region, from, to);
  }

  public SourcesConfig config() {
    return config;
  }

  @Override
  public void close() {
    for (HttpFetcher f : fetchers) {
      try {
        f.close();
      } catch (IOException e) {
        // closing idle connections cannot fail in a way that matters to the caller
      }
    }
  }
}
