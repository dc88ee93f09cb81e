package dev.carbonshift.carbon.ukgrid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.carbon.http.ApiJson;
import dev.carbonshift.carbon.http.ApiJson.BadResponse;
import dev.carbonshift.carbon.http.SourceFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * UK grid bodies to points. A half-hour's {@code actual} is null until it has been measured (and
 * always absent regionally), so then the {@code forecast} is used and the point says so.
 */
final class HalfHours {
  private HalfHours() {}

  /** {@code {"data":[{from, to, intensity:{forecast, actual, index}}]}}. */
  static List<IntensityPoint> national(JsonNode root) throws SourceFailure {
    try {
      List<IntensityPoint> out = new ArrayList<>();
      for (JsonNode row : ApiJson.array(root, "data")) {
        add(out, row, row.path("intensity"));
      }
      return out;
    } catch (BadResponse e) {
      throw new SourceFailure(UkGridSource.ZONE, UkGridSource.NAME, e.getMessage());
    }
  }

  /**
   * Regional bodies come nested two ways: by region id {@code data:[{regionid, data:[{from, to,
   * intensity}]}]}, or all regions {@code data:[{from, to, regions:[{regionid, intensity}]}]}.
   */
  static List<IntensityPoint> regional(JsonNode root, int regionId) throws SourceFailure {
    try {
      List<IntensityPoint> out = new ArrayList<>();
      for (JsonNode outer : ApiJson.array(root, "data")) {
        if (outer.has("regions")) {
          for (JsonNode r : ApiJson.array(outer, "regions")) {
            if (r.path("regionid").asInt() == regionId) {
              add(out, outer, r.path("intensity"));
            }
          }
        } else if (outer.path("regionid").asInt(regionId) == regionId) {
          for (JsonNode row : ApiJson.array(outer, "data")) {
            add(out, row, row.path("intensity"));
          }
        }
      }
      if (out.isEmpty()) {
        throw new BadResponse("unexpected response: no half-hours for region id " + regionId);
      }
      return out;
    } catch (BadResponse e) {
      throw new SourceFailure(UkGridSource.ZONE, UkGridSource.NAME, e.getMessage());
    }
  }

  private static void add(List<IntensityPoint> out, JsonNode times, JsonNode intensity)
      throws BadResponse {
    Instant from = ApiJson.instant(times, "from");
    Instant to = ApiJson.instant(times, "to");
    boolean measured = intensity.path("actual").isNumber();
    if (!measured && intensity.path("forecast").isNull()) {
      return;
    }
    double g = ApiJson.intensity(intensity, measured ? "actual" : "forecast", 1);
    out.add(
        new IntensityPoint(
            UkGridSource.ZONE,
            from,
            to,
            g,
            measured ? IntensityKind.ACTUAL : IntensityKind.FORECAST,
            Signal.AVERAGE,
            // the API's published factors are combustion-only (e.g. gas CCGT 394 g/kWh)
            EmissionFactor.DIRECT,
            UkGridSource.NAME));
  }
}
