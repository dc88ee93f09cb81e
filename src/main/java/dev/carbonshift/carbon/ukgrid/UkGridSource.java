package dev.carbonshift.carbon.ukgrid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carbonshift.carbon.CarbonSource;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Points;
import dev.carbonshift.carbon.Unavailable;
import dev.carbonshift.carbon.http.Endpoint;
import dev.carbonshift.carbon.http.HttpFetcher;
import dev.carbonshift.carbon.http.SourceFactory;
import dev.carbonshift.carbon.http.SourceFactory.Configured;
import dev.carbonshift.carbon.http.SourceFailure;
import dev.carbonshift.region.Region;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Carbon Intensity API of Great Britain's grid operator (no key): half-hourly national
 * forecasts and actuals, and regional forecasts for a region id (1–14 distribution areas, 15–17 the
 * nations, 18 all of GB).
 */
public final class UkGridSource implements CarbonSource {
  public static final String NAME = "ukgrid";

  /** The public API, for {@code CARBONSHIFT_UKGRID_URL}. */
  public static final String URL = "https://api.carbonintensity.org.uk";

  /** The UK grid API is known to be slow to answer. */
  public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(15);

  /**
   * Asked only when {@code CARBONSHIFT_UKGRID_URL} is set, so offline runs never wait for a network
   * they do not have; reads the endpoint settings {@code CARBONSHIFT_UKGRID_URL|TIMEOUT|…}.
   */
  public static final SourceFactory FACTORY =
      SourceFactory.of(
          NAME,
          s -> {
            Endpoint e = s.endpoint(NAME, null, RESPONSE_TIMEOUT);
            if (e == null) {
              return Configured.missing(NAME, "set CARBONSHIFT_UKGRID_URL=" + URL);
            }
            return Configured.ready(NAME, e, List.of(), UkGridSource::new);
          });

  public static final String ZONE = "GB";
  static final Duration FORWARD = Duration.ofHours(48);

  /** {@code /intensity/{from}/{to}} allows at most 14 days per call. */
  static final Duration RANGE_CHUNK = Duration.ofDays(14);

  static final DateTimeFormatter PATH_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  private final HttpFetcher http;
  private final Clock clock;

  public UkGridSource(HttpFetcher http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ForecastResult forecast(Region region, Instant from, Instant to) {
    if (!ZONE.equals(region.zone())) {
      return new Unavailable(
          region.zone(), NAME, "covers Great Britain (zone GB) only, not " + region.zone());
    }
    Instant now = clock.instant();
    List<IntensityPoint> points = new ArrayList<>();
    try {
      if (region.ukRegionId() != null) {
        String path = "/regional/intensity/" + at(from) + "/fw48h/regionid/" + region.ukRegionId();
        points.addAll(HalfHours.regional(get(path), region.ukRegionId()));
      } else if (!from.isBefore(now.minus(Duration.ofMinutes(30)))
          && !to.isAfter(from.plus(FORWARD))) {
        points.addAll(HalfHours.national(get("/intensity/" + at(from) + "/fw48h")));
      } else {
        for (Instant s = from; s.isBefore(to); s = s.plus(RANGE_CHUNK)) {
          Instant e = s.plus(RANGE_CHUNK).isBefore(to) ? s.plus(RANGE_CHUNK) : to;
          points.addAll(HalfHours.national(get("/intensity/" + at(s) + "/" + at(e))));
        }
      }
    } catch (SourceFailure f) {
      return f.unavailable();
    }
    return new Forecast(ZONE, now, Points.merge(points, from, to));
  }

  /** Path times have minute precision; half-hours start on the hour and half past. */
  static String at(Instant t) {
    Instant floored = t.truncatedTo(ChronoUnit.MINUTES);
    long minute = floored.atZone(ZoneOffset.UTC).getMinute();
    return PATH_TIME.format(floored.minus(Duration.ofMinutes(minute % 30)));
  }

  private JsonNode get(String path) throws SourceFailure {
    return SourceFailure.fetchJson(http, ZONE, NAME, path, Map.of());
  }
}
