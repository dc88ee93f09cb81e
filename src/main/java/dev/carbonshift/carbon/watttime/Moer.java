package dev.carbonshift.carbon.watttime;

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

/** WattTime {@code data:[{point_time, value}]} bodies to marginal points in g/kWh. */
final class Moer {
  /** 1 lb = 0.45359237 kg, so lbs/MWh × 0.45359237 = kg/MWh = g/kWh. */
  static final double G_PER_KWH_PER_LBS_PER_MWH = 0.45359237;

  static final int DEFAULT_PERIOD_SECONDS = 300;

  private Moer() {}

  static List<IntensityPoint> points(String zone, JsonNode root, IntensityKind kind)
      throws SourceFailure {
    JsonNode meta = root.path("meta");
    String units = meta.path("units").asText("lbs_co2_per_mwh");
    if (!units.equals("lbs_co2_per_mwh")) {
      throw new SourceFailure(
          zone,
          WattTimeSource.NAME,
          "units '" + units + "' are not lbs_co2_per_mwh (the plan gives only the index?)");
    }
    int period = meta.path("data_point_period_seconds").asInt(DEFAULT_PERIOD_SECONDS);
    if (period <= 0) {
      period = DEFAULT_PERIOD_SECONDS;
    }
    List<IntensityPoint> out = new ArrayList<>();
    try {
      for (JsonNode row : ApiJson.array(root, "data")) {
        if (row.path("value").isNull()) {
          continue;
        }
        Instant start = ApiJson.instant(row, "point_time");
        double gramsPerKwh = ApiJson.intensity(row, "value", G_PER_KWH_PER_LBS_PER_MWH);
        out.add(
            new IntensityPoint(
                zone,
                start,
                start.plusSeconds(period),
                gramsPerKwh,
                kind,
                Signal.MARGINAL,
                // MOER counts the emissions of burning fuel at the marginal plant
                EmissionFactor.DIRECT,
                WattTimeSource.NAME));
      }
    } catch (BadResponse e) {
      throw new SourceFailure(zone, WattTimeSource.NAME, e.getMessage());
    }
    return out;
  }
}
