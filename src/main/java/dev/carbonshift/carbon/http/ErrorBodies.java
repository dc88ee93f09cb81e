package dev.carbonshift.carbon.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The human part of an API's error body. Each API words it differently: Electricity Maps {@code
 * error}/{@code message}, UK grid {@code error.message}, WattTime {@code error} + {@code message},
 * the Carbon Aware SDK RFC 7807 {@code title}/{@code detail}.
 */
final class ErrorBodies {
  private static final int MAX_CHARS = 200;

  private ErrorBodies() {}

  static String message(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    JsonNode root;
    try {
      root = ApiJson.MAPPER.readTree(body);
    } catch (Exception e) {
      return shorten(body);
    }
    StringBuilder out = new StringBuilder();
    JsonNode error = root.path("error");
    if (error.isTextual()) {
      out.append(error.asText());
    } else if (error.path("message").isTextual()) {
      out.append(error.path("message").asText());
    }
    for (String field : new String[] {"message", "title", "detail"}) {
      if (root.path(field).isTextual()) {
        if (out.length() > 0) {
          out.append(": ");
        }
        out.append(root.path(field).asText());
      }
    }
    return shorten(out.length() > 0 ? out.toString() : body);
  }

  private static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() <= MAX_CHARS ? one : one.substring(0, MAX_CHARS) + "…";
  }
}
