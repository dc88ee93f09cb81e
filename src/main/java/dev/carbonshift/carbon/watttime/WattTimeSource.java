package dev.carbonshift.carbon.watttime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carbonshift.carbon.CarbonSource;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Points;
import dev.carbonshift.carbon.Secret;
import dev.carbonshift.carbon.Unavailable;
import dev.carbonshift.carbon.http.Endpoint;
import dev.carbonshift.carbon.http.Fetched;
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
import java.util.Map;
import java.util.Optional;

/**
 * WattTime API v3: marginal operating emissions rates (MOER), 5-minute points, forecasts up to 72 h
 * and history in chunks of at most 30 days. Values arrive in lbs CO2/MWh and leave in g/kWh.
 */
public final class WattTimeSource implements CarbonSource {
  public static final String NAME = "watttime";

  /** The public API. */
  public static final String URL = "https://api.watttime.org";

  /**
   * Reads {@code WATTTIME_USERNAME}, {@code WATTTIME_PASSWORD} and the endpoint settings {@code
   * CARBONSHIFT_WATTTIME_URL|TIMEOUT|…}.
   */
  public static final SourceFactory FACTORY =
      SourceFactory.of(
          NAME,
          s -> {
            Endpoint e = s.endpoint(NAME, URL, Endpoint.DEFAULT_RESPONSE_TIMEOUT);
            Secret user = Secret.ofNullable(s.text("WATTTIME_USERNAME"));
            Secret password = Secret.ofNullable(s.text("WATTTIME_PASSWORD"));
            if (user == null || password == null) {
              return Configured.missing(NAME, "set WATTTIME_USERNAME and WATTTIME_PASSWORD");
            }
            return Configured.ready(
                NAME,
                e,
                List.of(user, password),
                (http, clock) -> new WattTimeSource(http, user, password, clock));
          });

  static final String SIGNAL = "co2_moer";
  static final int MAX_HORIZON_HOURS = 72;
  static final Duration HISTORY_CHUNK = Duration.ofDays(30);

  private final HttpFetcher http;
  private final WattTimeLogin login;
  private final Clock clock;

  public WattTimeSource(HttpFetcher http, Secret username, Secret password, Clock clock) {
    this.http = http;
    this.login = new WattTimeLogin(http, username, password, clock);
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ForecastResult forecast(Region region, Instant from, Instant to) {
    String zone = region.zone();
    if (region.watttimeRegion() == null) {
      return new Unavailable(zone, NAME, "region " + region.id() + " names no watttimeRegion");
    }
    String ba = SourceFailure.encode(region.watttimeRegion());
    Instant now = clock.instant();
    List<IntensityPoint> points = new ArrayList<>();
    try {
      if (from.isBefore(now)) {
        Instant pastEnd = to.isBefore(now) ? to : now;
        for (Instant s = from; s.isBefore(pastEnd); s = s.plus(HISTORY_CHUNK)) {
          Instant e = s.plus(HISTORY_CHUNK).isBefore(pastEnd) ? s.plus(HISTORY_CHUNK) : pastEnd;
          String q = query("/v3/historical", ba) + "&start=" + s + "&end=" + e;
          points.addAll(Moer.points(zone, get(zone, q), IntensityKind.ACTUAL));
        }
      }
      if (to.isAfter(now)) {
        long hours = (Duration.between(now, to).toMinutes() + 59) / 60;
        int horizon = (int) Math.min(MAX_HORIZON_HOURS, Math.max(1, hours));
        String q = query("/v3/forecast", ba) + "&horizon_hours=" + horizon;
        points.addAll(Moer.points(zone, get(zone, q), IntensityKind.FORECAST));
      }
    } catch (SourceFailure f) {
      return f.unavailable();
    }
    return new Forecast(zone, now, Points.merge(points, from, to));
  }

  /**
   * The free percentile index (0–100) of a WattTime region now; a relative rank, not an intensity,
   * so it never enters a forecast.
   */
  public Optional<Double> signalIndexPercent(String watttimeRegion) {
    try {
      JsonNode root =
          get(watttimeRegion, query("/v3/signal-index", SourceFailure.encode(watttimeRegion)));
      JsonNode first = root.path("data").path(0).path("value");
      return first.isNumber() ? Optional.of(first.asDouble()) : Optional.empty();
    } catch (SourceFailure f) {
      return Optional.empty();
    }
  }

  /** The WattTime region covering a location, or empty when WattTime has none there. */
  public Optional<String> regionFromLocation(double latitude, double longitude) {
    String q =
        "/v3/region-from-loc?latitude="
            + latitude
            + "&longitude="
            + longitude
            + "&signal_type="
            + SIGNAL;
    try {
      String region = get("?", q).path("region").asText("");
      return region.isEmpty() ? Optional.empty() : Optional.of(region);
    } catch (SourceFailure f) {
      return Optional.empty();
    }
  }

  private static String query(String path, String encodedRegion) {
    return path + "?region=" + encodedRegion + "&signal_type=" + SIGNAL;
  }

  /** A bearer-authenticated GET; a 401 drops the token and logs in once more. */
  private JsonNode get(String zone, String path) throws SourceFailure {
    for (int attempt = 1; ; attempt++) {
      Secret token = login.token(zone);
      Fetched f = http.get(path, Map.of("Authorization", "Bearer " + token.reveal()));
      if (attempt == 1 && f instanceof Fetched.Failed failed && failed.status() == 401) {
        login.invalidate();
        continue;
      }
      return SourceFailure.parsed(f, zone, NAME);
    }
  }

  int logins() {
    return login.logins();
  }
}
