package dev.carbonshift.carbon.http;

import dev.carbonshift.carbon.Unavailable;

/**
 * Ends a source's multi-request fetch early with its reason. Sources catch it and answer its {@link
 * #unavailable()}; it never reaches a caller of {@code CarbonSource}.
 */
public final class SourceFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Unavailable unavailable;

  public SourceFailure(Unavailable unavailable) {
    // no stack trace: this is control flow for an expected outcome, not a bug
    super(unavailable.reason(), null, false, false);
    this.unavailable = unavailable;
  }

  public SourceFailure(String zone, String source, String reason) {
    this(new Unavailable(zone, source, reason));
  }

  public Unavailable unavailable() {
    return unavailable;
  }

  /**
   * Fetches {@code path} and parses the JSON body, or fails with the reason: the HTTP failure, "no
   * data" for a 204 or empty body, or the malformed JSON.
   */
  public static com.fasterxml.jackson.databind.JsonNode fetchJson(
      HttpFetcher http,
      String zone,
      String source,
      String path,
      java.util.Map<String, String> headers)
      throws SourceFailure {
    return parsed(http.get(path, headers), zone, source);
  }

  /** The JSON of a fetched body, or the failure as a reason. */
  public static com.fasterxml.jackson.databind.JsonNode parsed(
      Fetched f, String zone, String source) throws SourceFailure {
    if (f instanceof Fetched.Failed failed) {
      throw new SourceFailure(zone, source, failed.reason());
    }
    Fetched.Body body = (Fetched.Body) f;
    if (body.noContent()) {
      throw new SourceFailure(zone, source, "no data (HTTP " + body.status() + ")");
    }
    try {
      return ApiJson.parse(body.text());
    } catch (ApiJson.BadResponse e) {
      throw new SourceFailure(zone, source, e.getMessage());
    }
  }

  /** Encodes one query parameter value. */
  public static String encode(String v) {
    return java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
  }
}
