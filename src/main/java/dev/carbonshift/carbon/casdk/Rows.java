package dev.carbonshift.carbon.casdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.carbon.http.ApiJson;
import dev.carbonshift.carbon.http.ApiJson.BadResponse;
import dev.carbonshift.carbon.http.SourceFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Carbon Aware SDK bodies ({@code EmissionsDataDTO}, {@code EmissionsForecastDTO}) to points. */
final class Rows {
  private Rows() {}

  /**
   * A current forecast: its points and the starts the SDK found best ({@code optimalDataPoints}, an
   * array; old SDKs sent one {@code optimalDataPoint} object, read too).
   */
  record CurrentForecast(List<IntensityPoint> points, List<Instant> optimalStarts) {}

  static CurrentForecast forecast(String zone, JsonNode root, Signal signal) throws SourceFailure {
    try {
      JsonNode first = root.isArray() ? root.path(0) : root;
      if (first.isMissingNode()) {
        throw new BadResponse("no data (empty forecast array)");
      }
      List<IntensityPoint> points = new ArrayList<>();
      for (JsonNode row : ApiJson.array(first, "forecastData")) {
        Instant start = ApiJson.instant(row, "timestamp");
        long minutes = row.path("duration").asLong(5);
        points.add(
            point(
                zone,
                start,
                start.plus(Duration.ofMinutes(Math.max(1, minutes))),
                ApiJson.intensity(row, "value", 1),
                IntensityKind.FORECAST,
                signal));
      }
      List<Instant> optimal = new ArrayList<>();
      JsonNode opt =
          first.has("optimalDataPoints")
              ? first.path("optimalDataPoints")
              : first.path("optimalDataPoint");
      for (JsonNode o : opt.isArray() ? opt : List.of(opt)) {
        if (o.has("timestamp")) {
          optimal.add(ApiJson.instant(o, "timestamp"));
        }
      }
      return new CurrentForecast(points, optimal);
    } catch (BadResponse e) {
      throw new SourceFailure(zone, CarbonAwareSdkSource.NAME, e.getMessage());
    }
  }

  /** {@code [{location, time, rating, duration:"00:05:00"}]}, newest first as the SDK sends it. */
  static List<IntensityPoint> emissions(String zone, JsonNode root, Signal signal)
      throws SourceFailure {
    try {
      if (!root.isArray()) {
        throw new BadResponse("unexpected response: not an array of emissions");
      }
      List<IntensityPoint> out = new ArrayList<>();
      for (JsonNode row : root) {
        Instant start = ApiJson.instant(row, "time");
        Duration length = timeSpan(row.path("duration").asText("00:05:00"));
        out.add(
            point(
                zone,
                start,
                start.plus(length),
                ApiJson.intensity(row, "rating", 1),
                IntensityKind.ACTUAL,
                signal));
      }
      return out;
    } catch (BadResponse e) {
      throw new SourceFailure(zone, CarbonAwareSdkSource.NAME, e.getMessage());
    }
  }

  /** A .NET TimeSpan {@code [d.]hh:mm:ss}. */
  static Duration timeSpan(String s) throws BadResponse {
    try {
      String[] dayRest = s.split("\\.", 2);
      long days = 0;
      String hms = s;
      if (dayRest.length == 2 && dayRest[0].indexOf(':') < 0) {
        days = Long.parseLong(dayRest[0]);
        hms = dayRest[1];
      }
      String[] p = hms.split(":");
      Duration d =
          Duration.ofDays(days)
              .plusHours(Long.parseLong(p[0]))
              .plusMinutes(Long.parseLong(p[1]))
              .plusSeconds((long) Double.parseDouble(p[2]));
      if (d.isZero() || d.isNegative()) {
        throw new BadResponse("unexpected response: duration " + s);
      }
      return d;
    } catch (RuntimeException e) {
      throw new BadResponse("unexpected response: duration '" + s + "' is not hh:mm:ss");
    }
  }

  static EmissionFactor factorOf(Signal signal) {
    // WattTime-backed SDKs serve combustion MOER; Electricity Maps-backed ones its life-cycle mean
    return signal == Signal.MARGINAL ? EmissionFactor.DIRECT : EmissionFactor.LIFECYCLE;
  }

  private static IntensityPoint point(
      String zone, Instant start, Instant end, double g, IntensityKind kind, Signal signal) {
    return new IntensityPoint(
        zone, start, end, g, kind, signal, factorOf(signal), CarbonAwareSdkSource.NAME);
  }
}
