package dev.carbonshift.carbon.electricitymaps;

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
import java.util.Locale;

/**
 * Electricity Maps response bodies to points. Rows are hourly; {@code datetime} starts the hour.
 */
final class Parse {
  static final Duration ROW = Duration.ofHours(1);

  private Parse() {}

  /**
   * The rows of a {@code forecast}, {@code history} or {@code data} array (history answers come as
   * either, depending on the API version).
   */
  static List<IntensityPoint> rows(
      String zone, JsonNode root, EmissionFactor factor, String source, boolean forecast)
      throws SourceFailure {
    String field = forecast ? "forecast" : root.path("history").isArray() ? "history" : "data";
    List<IntensityPoint> out = new ArrayList<>();
    try {
      for (JsonNode row : ApiJson.array(root, field)) {
        IntensityPoint p = row(zone, row, forecast, factor, source);
        if (p != null) {
          out.add(p);
        }
      }
    } catch (BadResponse e) {
      throw new SourceFailure(zone, source, e.getMessage());
    }
    return out;
  }

  /** One row, or null when it carries no value (Electricity Maps sends null for missing data). */
  static IntensityPoint row(
      String zone, JsonNode row, boolean forecast, EmissionFactor requested, String source)
      throws BadResponse {
    if (row.path("carbonIntensity").isNull()) {
      return null;
    }
    double g = ApiJson.intensity(row, "carbonIntensity", 1);
    Instant start = ApiJson.instant(row, "datetime");
    IntensityKind kind =
        forecast
            ? IntensityKind.FORECAST
            : ElectricityMapsSource.pastKind(row.path("isEstimated").asBoolean(false));
    return new IntensityPoint(
        zone, start, start.plus(ROW), g, kind, Signal.AVERAGE, factorOf(row, requested), source);
  }

  /** The row's own factor type when it states one, else the one asked for. */
  private static EmissionFactor factorOf(JsonNode row, EmissionFactor requested) {
    String t = row.path("emissionFactorType").asText("");
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "direct" -> EmissionFactor.DIRECT;
      case "lifecycle" -> EmissionFactor.LIFECYCLE;
      default -> requested;
    };
  }
}
