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
 * @param deadline the longest one fetch may take, all attempts and waits included: timeouts alone
 *     do not bound a server that trickles a byte before each read timeout
 * @param maxBodyBytes the largest body read, counted after decompression (a gzip bomb is small)
 */
public record Endpoint(
    String source,
    URI baseUrl,
    Duration connectTimeout,
    Duration responseTimeout,
    int maxAttempts,
    Duration backoffBase,
    Duration maxRetryAfter,
    Duration deadline,
    long maxBodyBytes) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  /** Far above the largest real answer (10 days of 5-minute WattTime data is about 1 MB). */
  public static final long DEFAULT_MAX_BODY_BYTES = 8L << 20;

  public Endpoint {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(source + ": maxAttempts must be at least 1");
    }
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException(source + ": the deadline must be positive");
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException(source + ": maxBodyBytes must be at least 1");
    }
  }

  /** An endpoint with the default deadline and body cap. */
  public Endpoint(
      String source,
      URI baseUrl,
      Duration connectTimeout,
      Duration responseTimeout,
      int maxAttempts,
      Duration backoffBase,
      Duration maxRetryAfter) {
    this(
        source,
        baseUrl,
        connectTimeout,
        responseTimeout,
        maxAttempts,
        backoffBase,
        maxRetryAfter,
        DEFAULT_DEADLINE,
        DEFAULT_MAX_BODY_BYTES);
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
    return with(connect, response, deadline, maxBodyBytes);
  }

  public Endpoint withLimits(Duration deadline, long maxBodyBytes) {
    return with(connectTimeout, responseTimeout, deadline, maxBodyBytes);
  }

  /** A copy with other timeouts and limits; source, URL and retries stay. */
  private Endpoint with(Duration connect, Duration response, Duration deadline, long maxBody) {
    return new Endpoint(
        source,
        baseUrl,
        connect,
        response,
        maxAttempts,
        backoffBase,
        maxRetryAfter,
        deadline,
        maxBody);
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
