package dev.carbonshift.carbon.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how patiently to call one API.
 *
 * @param source the source's name, used in failure reasons
 * @param baseUrl the API root, e.g. {@code https://api.electricitymap.org/v3}
 * @param maxAttempts tries per request, counting the first (retries on 5xx, 429 and I/O errors)
 * @param backoffBase the wait before the first retry; doubled for each further one, with jitter
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails at once
 */
public record Endpoint(
    String source,
    URI baseUrl,
    Duration connectTimeout,
    Duration responseTimeout,
    int maxAttempts,
    Duration backoffBase,
    Duration maxRetryAfter) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

  public Endpoint {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(source + ": maxAttempts must be at least 1");
    }
  }

  /** An endpoint with the default timeouts and retries. */
  public static Endpoint of(String source, URI baseUrl) {
    return new Endpoint(
        source,
        baseUrl,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_RESPONSE_TIMEOUT,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BACKOFF_BASE,
        DEFAULT_MAX_RETRY_AFTER);
  }

  public Endpoint withTimeouts(Duration connect, Duration response) {
    return new Endpoint(
        source, baseUrl, connect, response, maxAttempts, backoffBase, maxRetryAfter);
  }

  /** {@code path} (with its query) appended to the base URL. */
  public URI resolve(String path) {
    String base = baseUrl.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + (path.startsWith("/") ? path : "/" + path));
  }
}
