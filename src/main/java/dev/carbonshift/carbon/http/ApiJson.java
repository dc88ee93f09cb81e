package dev.carbonshift.carbon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.carbon.IntensityPoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * JSON and timestamps as the carbon APIs send them. Unknown fields are ignored (APIs add fields); a
 * body that is not JSON, or lacks a field we need, becomes a {@link BadResponse}.
 */
public final class ApiJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ApiJson() {}

  /** A response we cannot use; its message becomes the {@code Unavailable} reason. */
  public static final class BadResponse extends Exception {
    private static final long serialVersionUID = 1L;

    public BadResponse(String message) {
      super(message);
    }
  }

  public static JsonNode parse(String body) throws BadResponse {
    try {
      JsonNode root = MAPPER.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw new BadResponse("empty response body");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new BadResponse("malformed JSON: " + e.getOriginalMessage());
    }
  }

  /** An array field, required. */
  public static JsonNode array(JsonNode node, String field) throws BadResponse {
    JsonNode a = node.path(field);
    if (!a.isArray()) {
      throw new BadResponse("unexpected response: no '" + field + "' array");
    }
    return a;
  }

  /** A number field, required, finite and not negative. */
  public static double number(JsonNode node, String field) throws BadResponse {
    JsonNode v = node.path(field);
    if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
      throw new BadResponse("unexpected response: '" + field + "' is not an intensity: " + v);
    }
    return v.asDouble();
  }

  /**
   * An intensity field, required, converted to g/kWh by {@code gramsPerKwhPerUnit}: finite, not
   * negative and within {@link IntensityPoint#MAX_GRAMS_PER_KWH}, else bad data (the caller's
   * failure names the source).
   */
  public static double intensity(JsonNode node, String field, double gramsPerKwhPerUnit)
      throws BadResponse {
    double g = number(node, field) * gramsPerKwhPerUnit;
    if (!Double.isFinite(g) || g > IntensityPoint.MAX_GRAMS_PER_KWH) {
      throw new BadResponse(
          "bad data: '"
              + field
              + "' is not an intensity: "
              + node.path(field)
              + " is "
              + g
              + " g/kWh, beyond the physical bound of "
              + Math.round(IntensityPoint.MAX_GRAMS_PER_KWH)
              + " g/kWh");
    }
    return g;
  }

  /**
   * A timestamp field, required: ISO-8601 with an offset, with or without seconds and fractions
   * ({@code 2018-01-20T12:00Z}, {@code 2019-05-21T21:00:00.000Z}, {@code ...+00:00}).
   */
  public static Instant instant(JsonNode node, String field) throws BadResponse {
    JsonNode v = node.path(field);
    if (!v.isTextual()) {
      throw new BadResponse("unexpected response: no '" + field + "' timestamp");
    }
    try {
      return OffsetDateTime.parse(v.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadResponse("unexpected response: '" + field + "' is not a time: " + v.asText());
    }
  }
}
