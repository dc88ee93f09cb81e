package dev.carbonshift.carbon.casdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carbonshift.carbon.CarbonSource;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Points;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.carbon.Unavailable;
import dev.carbonshift.carbon.http.ApiJson;
import dev.carbonshift.carbon.http.ApiJson.BadResponse;
import dev.carbonshift.carbon.http.Endpoint;
import dev.carbonshift.carbon.http.HttpFetcher;
import dev.carbonshift.carbon.http.SourceFactory;
import dev.carbonshift.carbon.http.SourceFactory.Configured;
import dev.carbonshift.carbon.http.SourceFailure;
import dev.carbonshift.region.Region;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A self-hosted Green Software Foundation Carbon Aware SDK WebAPI. It fronts WattTime or
 * Electricity Maps, so which signal it serves is configured, not guessed. Its locations are cloud
 * region names ({@code westus}); each Carbonshift region maps to one (by default its id).
 */
public final class CarbonAwareSdkSource implements CarbonSource {
  public static final String NAME = "casdk";

  /**
   * Asked only when {@code CARBONSHIFT_CASDK_URL} is set (it is self-hosted); reads {@code
   * CARBONSHIFT_CASDK_SIGNAL} (what the SDK fronts), {@code CARBONSHIFT_CASDK_LOCATIONS}
   * (region=location pairs) and the endpoint settings.
   */
  public static final SourceFactory FACTORY =
      SourceFactory.of(
          NAME,
          s -> {
            Endpoint e = s.endpoint(NAME, null, Endpoint.DEFAULT_RESPONSE_TIMEOUT);
            Signal signal = s.signal("CARBONSHIFT_CASDK_SIGNAL", Signal.MARGINAL);
            Map<String, String> locations = s.pairs("CARBONSHIFT_CASDK_LOCATIONS");
            if (e == null) {
              return Configured.missing(NAME, "set CARBONSHIFT_CASDK_URL");
            }
            return Configured.ready(
                NAME,
                e,
                List.of(),
                (http, clock) -> new CarbonAwareSdkSource(http, signal, locations, clock));
          });

  private final HttpFetcher http;
  private final Signal signal;
  private final Map<String, String> locations;
  private final Clock clock;

  /**
   * @param locations Carbonshift region id → SDK location; regions not listed use their id
   */
  public CarbonAwareSdkSource(
      HttpFetcher http, Signal signal, Map<String, String> locations, Clock clock) {
    this.http = http;
    this.signal = signal;
    this.locations = Map.copyOf(locations);
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The SDK location a region is asked for. */
  public String locationOf(Region region) {
    return locations.getOrDefault(region.id(), region.id());
  }

  @Override
  public ForecastResult forecast(Region region, Instant from, Instant to) {
    String zone = region.zone();
    String loc = SourceFailure.encode(locationOf(region));
    Instant now = clock.instant();
    List<IntensityPoint> points = new ArrayList<>();
    try {
      if (from.isBefore(now)) {
        Instant pastEnd = to.isBefore(now) ? to : now;
        String q =
            "/emissions/bylocations?location="
                + loc
                + "&time="
                + at(from)
                + "&toTime="
                + at(pastEnd);
        points.addAll(Rows.emissions(zone, get(zone, q), signal));
      }
      if (to.isAfter(now)) {
        Instant start = from.isAfter(now) ? from : now;
        String q =
            "/emissions/forecasts/current?location="
                + loc
                + "&dataStartAt="
                + at(start)
                + "&dataEndAt="
                + at(to);
        points.addAll(Rows.forecast(zone, get(zone, q), signal).points());
      }
    } catch (SourceFailure f) {
      return f.unavailable();
    }
    return new Forecast(zone, now, Points.merge(points, from, to));
  }

  /** The SDK's current forecast with the optimal start times it picked. */
  Rows.CurrentForecast currentForecast(Region region, Instant from, Instant to)
      throws SourceFailure {
    String q =
        "/emissions/forecasts/current?location="
            + SourceFailure.encode(locationOf(region))
            + "&dataStartAt="
            + at(from)
            + "&dataEndAt="
            + at(to);
    return Rows.forecast(region.zone(), get(region.zone(), q), signal);
  }

  /** The SDK's average intensity of a region over a past window, as one actual point. */
  public ForecastResult averageCarbonIntensity(Region region, Instant from, Instant to) {
    String zone = region.zone();
    String q =
        "/emissions/average-carbon-intensity?location="
            + SourceFailure.encode(locationOf(region))
            + "&startTime="
            + at(from)
            + "&endTime="
            + at(to);
    try {
      double g = ApiJson.intensity(get(zone, q), "carbonIntensity", 1);
      return new Forecast(
          zone,
          clock.instant(),
          List.of(
              new IntensityPoint(
                  zone, from, to, g, IntensityKind.ACTUAL, signal, Rows.factorOf(signal), NAME)));
    } catch (SourceFailure f) {
      return f.unavailable();
    } catch (BadResponse e) {
      return new Unavailable(zone, NAME, e.getMessage());
    }
  }

  /** Whole seconds: the SDK passes times on to WattTime, which rejects fractions. */
  static String at(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private JsonNode get(String zone, String path) throws SourceFailure {
    return SourceFailure.fetchJson(http, zone, NAME, path, Map.of());
  }
}
