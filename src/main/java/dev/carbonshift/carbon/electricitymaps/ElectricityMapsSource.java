package dev.carbonshift.carbon.electricitymaps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carbonshift.carbon.CarbonSource;
import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Points;
import dev.carbonshift.carbon.Secret;
import dev.carbonshift.carbon.Unavailable;
import dev.carbonshift.carbon.http.ApiJson.BadResponse;
import dev.carbonshift.carbon.http.Endpoint;
import dev.carbonshift.carbon.http.HttpFetcher;
import dev.carbonshift.carbon.http.SourceFactory;
import dev.carbonshift.carbon.http.SourceFactory.Configured;
import dev.carbonshift.carbon.http.SourceFailure;
import dev.carbonshift.region.Region;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Electricity Maps API v3: average intensity per zone, forecasts up to 72 h ahead, the last 24 h of
 * history and older history by ranges of at most 10 days.
 */
public final class ElectricityMapsSource implements CarbonSource {
  public static final String NAME = "electricitymaps";

  /** The public API. */
  public static final String URL = "https://api.electricitymap.org/v3";

  /**
   * Reads {@code ELECTRICITYMAPS_API_TOKEN}, {@code CARBONSHIFT_ELECTRICITYMAPS_EMISSION_FACTOR}
   * and the endpoint settings {@code CARBONSHIFT_ELECTRICITYMAPS_URL|TIMEOUT|…}.
   */
  public static final SourceFactory FACTORY =
      SourceFactory.of(
          NAME,
          s -> {
            Endpoint e = s.endpoint(NAME, URL, Endpoint.DEFAULT_RESPONSE_TIMEOUT);
            Secret token = Secret.ofNullable(s.text("ELECTRICITYMAPS_API_TOKEN"));
            EmissionFactor factor =
                s.factor("CARBONSHIFT_ELECTRICITYMAPS_EMISSION_FACTOR", EmissionFactor.LIFECYCLE);
            if (token == null) {
              return Configured.missing(NAME, "set ELECTRICITYMAPS_API_TOKEN");
            }
            return Configured.ready(
                NAME,
                e,
                List.of(token),
                (http, clock) -> new ElectricityMapsSource(http, token, factor, clock));
          });

  static final int MAX_HORIZON_HOURS = 72;
  static final Duration PAST_RANGE_CHUNK = Duration.ofDays(10);
  static final Duration HISTORY_SPAN = Duration.ofHours(24);

  private final HttpFetcher http;
  private final Secret token;
  private final EmissionFactor factor;
  private final Clock clock;

  public ElectricityMapsSource(HttpFetcher http, Secret token, EmissionFactor factor, Clock clock) {
    this.http = http;
    this.token = token;
    this.factor = factor;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ForecastResult forecast(Region region, Instant from, Instant to) {
    String zone = region.zone();
    Instant now = clock.instant();
    List<IntensityPoint> points = new ArrayList<>();
    try {
      if (from.isBefore(now)) {
        Instant pastEnd = to.isBefore(now) ? to : now;
        points.addAll(
            from.isBefore(now.minus(HISTORY_SPAN))
                ? pastRangePoints(zone, from, pastEnd)
                : historyPoints(zone));
      }
      if (to.isAfter(now)) {
        long hours = (Duration.between(now, to).toMinutes() + 59) / 60;
        points.addAll(forecastPoints(zone, (int) Math.min(MAX_HORIZON_HOURS, Math.max(1, hours))));
      }
    } catch (SourceFailure f) {
      return f.unavailable();
    }
    return new Forecast(zone, now, Points.merge(points, from, to));
  }

  /** The latest value for a zone. */
  public ForecastResult latest(String zone) {
    try {
      JsonNode root = get(zone, "/carbon-intensity/latest", Map.of());
      IntensityPoint p = Parse.row(zone, root, false, factor, NAME);
      return p == null
          ? new Unavailable(zone, NAME, "no carbon intensity in the latest value")
          : new Forecast(zone, clock.instant(), List.of(p));
    } catch (SourceFailure f) {
      return f.unavailable();
    } catch (BadResponse e) {
      return new Unavailable(zone, NAME, e.getMessage());
    }
  }

  /** The last 24 hours. */
  public ForecastResult history(String zone) {
    try {
      return new Forecast(zone, clock.instant(), historyPoints(zone));
    } catch (SourceFailure f) {
      return f.unavailable();
    }
  }

  List<IntensityPoint> historyPoints(String zone) throws SourceFailure {
    return Parse.rows(zone, get(zone, "/carbon-intensity/history", Map.of()), factor, NAME, false);
  }

  List<IntensityPoint> forecastPoints(String zone, int horizonHours) throws SourceFailure {
    JsonNode root =
        get(zone, "/carbon-intensity/forecast", Map.of("horizonHours", "" + horizonHours));
    return Parse.rows(zone, root, factor, NAME, true);
  }

  /** {@code /past-range} allows 10 days per call: longer spans go in consecutive chunks. */
  List<IntensityPoint> pastRangePoints(String zone, Instant from, Instant to) throws SourceFailure {
    List<IntensityPoint> out = new ArrayList<>();
    for (Instant s = from; s.isBefore(to); s = s.plus(PAST_RANGE_CHUNK)) {
      Instant e = s.plus(PAST_RANGE_CHUNK).isBefore(to) ? s.plus(PAST_RANGE_CHUNK) : to;
      JsonNode root =
          get(
              zone,
              "/carbon-intensity/past-range",
              Map.of("start", s.toString(), "end", e.toString()));
      out.addAll(Parse.rows(zone, root, factor, NAME, false));
    }
    return out;
  }

  private JsonNode get(String zone, String path, Map<String, String> extra) throws SourceFailure {
    StringBuilder q = new StringBuilder(path).append("?zone=").append(SourceFailure.encode(zone));
    extra.forEach((k, v) -> q.append('&').append(k).append('=').append(SourceFailure.encode(v)));
    q.append("&emissionFactorType=").append(factor.name().toLowerCase(Locale.ROOT));
    // otherwise an unknown zone silently answers for the caller's IP location
    q.append("&shouldUseFallbackCallerLookup=false");
    return SourceFailure.fetchJson(
        http, zone, NAME, q.toString(), Map.of("auth-token", token.reveal()));
  }

  static IntensityKind pastKind(boolean estimated) {
    return estimated ? IntensityKind.ESTIMATE : IntensityKind.ACTUAL;
  }
}
