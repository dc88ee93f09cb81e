package dev.carbonshift.carbon.http;

import dev.carbonshift.carbon.Secret;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs from one API with timeouts, retries and a circuit breaker, answering a {@link Fetched} value
 * instead of throwing. Retries with exponential backoff and jitter on 5xx and I/O errors, honours
 * {@code Retry-After} on 429, and gives other 4xx back at once (retrying cannot fix them). Failure
 * reasons never contain a credential: every known secret is redacted from them.
 */
public final class HttpFetcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);
  private final Endpoint endpoint;
  private final Clock clock;
  private final CloseableHttpClient client;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final CircuitBreaker breaker;
  private final List<Secret> secrets;

  /** Enough for an API that moved; more is a loop. */
  static final int MAX_REDIRECTS = 5;

  private record Raw(int status, String body, String retryAfter, String location) {}

  /** A response we will not act on, whatever a retry brings (a redirect we refuse to follow). */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    Refused(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }

  public HttpFetcher(
      Endpoint endpoint,
      Clock clock,
      Sleeper sleeper,
      DoubleSupplier random,
      CircuitBreaker breaker,
      List<Secret> secrets) {
    this.endpoint = endpoint;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
    this.breaker = breaker;
    this.secrets = secrets.stream().filter(Objects::nonNull).toList();
    Timeout connect = Timeout.ofMilliseconds(endpoint.connectTimeout().toMillis());
    Timeout response = Timeout.ofMilliseconds(endpoint.responseTimeout().toMillis());
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setConnectionFactory(QuietConnection.factory())
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(connect)
                            .setSocketTimeout(response)
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectionRequestTimeout(connect)
                    .setResponseTimeout(response)
                    .build())
            // retries are ours: counted, backed off and visible in the failure reason
            .disableAutomaticRetries()
            // redirects are ours too: HttpClient would carry our credential headers to any host
            .disableRedirectHandling()
            .build();
  }

  /** A fetcher with the default circuit breaker and jitter from {@link Math#random()}. */
  public static HttpFetcher create(
      Endpoint endpoint, Clock clock, Sleeper sleeper, List<Secret> secrets) {
    return new HttpFetcher(
        endpoint,
        clock,
        sleeper,
        Math::random,
        new CircuitBreaker(
            CircuitBreaker.DEFAULT_THRESHOLD, CircuitBreaker.DEFAULT_OPEN_FOR, clock),
        secrets);
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  /** GETs {@code path} (with its query) below the base URL. */
  public Fetched get(String path, Map<String, String> headers) {
    if (!breaker.allows()) {
      return new Fetched.Failed(
          0,
          "circuit open after "
              + breaker.consecutiveFailures()
              + " failed fetches; not calling again before "
              + breaker.openUntil());
    }
    URI uri = endpoint.resolve(path);
    List<Secret> known = withHeaderCredentials(headers);
    // real elapsed time, not the injected clock: the deadline bounds real I/O, and a test clock
    // that stands still must not make a hung server wait for ever
    long deadlineNanos = System.nanoTime() + endpoint.deadline().toNanos();
    AtomicBoolean expired = new AtomicBoolean();
    String lastReason = "no attempt made";
    int lastStatus = 0;
    for (int attempt = 1; attempt <= endpoint.maxAttempts(); attempt++) {
      Duration wait = backoff(attempt);
      try {
        Raw raw = executeFollowing(uri, headers, deadlineNanos, expired);
        lastStatus = raw.status();
        if (raw.status() >= 200 && raw.status() < 300) {
          breaker.recordSuccess();
          return new Fetched.Body(raw.status(), raw.body());
        }
        lastReason = Secret.redactAll(statusReason(raw), known);
        if (raw.status() == 429) {
          Duration asked = RetryAfter.parse(raw.retryAfter(), clock, wait);
          if (asked.compareTo(endpoint.maxRetryAfter()) > 0) {
            breaker.recordFailure();
            return new Fetched.Failed(
                429,
                lastReason
                    + " (Retry-After "
                    + asked.toSeconds()
                    + " s is longer than the "
                    + endpoint.maxRetryAfter().toSeconds()
                    + " s we wait)");
          }
          wait = asked;
        } else if (raw.status() < 500) {
          // the API answered: it is alive, but this request is wrong (zone, token, plan)
          breaker.recordSuccess();
          return new Fetched.Failed(raw.status(), lastReason);
        }
      } catch (Refused e) {
        // the API answered, so it is alive; a retry would be redirected the same way
        breaker.recordSuccess();
        return new Fetched.Failed(e.status, Secret.redactAll(e.getMessage(), known));
      } catch (Responses.TooLarge e) {
        breaker.recordFailure();
        return new Fetched.Failed(0, e.getMessage());
      } catch (InterruptedIOException e) {
        lastStatus = 0;
        lastReason = "timed out (" + describeTimeout(e) + ")";
      } catch (IOException e) {
        lastStatus = 0;
        lastReason =
            Secret.redactAll(
                "I/O error: " + e.getClass().getSimpleName() + ": " + e.getMessage(), known);
      }
      long leftNanos = deadlineNanos - System.nanoTime();
      if (expired.get() || leftNanos <= 0) {
        breaker.recordFailure();
        return new Fetched.Failed(
            0,
            "no complete answer within the "
                + endpoint.deadline().toMillis()
                + " ms deadline after "
                + attempt
                + (attempt == 1 ? " attempt" : " attempts"));
      }
      if (attempt < endpoint.maxAttempts() && wait.toNanos() >= leftNanos) {
        breaker.recordFailure();
        return new Fetched.Failed(
            lastStatus,
            lastReason
                + " after "
                + attempt
                + " of "
                + endpoint.maxAttempts()
                + " attempts; no time left for another within the "
                + endpoint.deadline().toMillis()
                + " ms deadline");
      }
      if (attempt < endpoint.maxAttempts()) {
        LOG.debug(
            "{} attempt {} failed: {}; retrying in {} ms",
            endpoint.source(),
            attempt,
            lastReason,
            wait.toMillis());
        sleeper.sleep(wait);
      }
    }
    breaker.recordFailure();
    return new Fetched.Failed(
        lastStatus, lastReason + " after " + endpoint.maxAttempts() + " attempts");
  }

  /**
   * Executes and follows redirects itself: within the configured host always, to another host only
   * when the call carries no credential, so a token is never sent anywhere but where it was meant.
   */
  private Raw executeFollowing(
      URI uri, Map<String, String> headers, long deadlineNanos, AtomicBoolean expired)
      throws IOException, Refused {
    URI at = uri;
    for (int hop = 0; ; hop++) {
      Raw raw = execute(at, headers, deadlineNanos, expired);
      if (!Responses.isRedirect(raw.status())) {
        return raw;
      }
      if (hop == MAX_REDIRECTS) {
        throw new Refused(raw.status(), "more than " + MAX_REDIRECTS + " redirects, from " + uri);
      }
      URI next;
      try {
        next = at.resolve(raw.location() == null ? "" : raw.location().trim());
      } catch (IllegalArgumentException e) {
        throw new Refused(raw.status(), "HTTP " + raw.status() + " with an unreadable Location");
      }
      if (raw.location() == null || raw.location().isBlank()) {
        throw new Refused(raw.status(), "HTTP " + raw.status() + " without a Location");
      }
      boolean authenticated = !secrets.isEmpty() || !headers.isEmpty();
      if (authenticated && !Responses.sameOrigin(next, endpoint.baseUrl())) {
        throw new Refused(
            raw.status(),
            "HTTP "
                + raw.status()
                + " redirected to another host ("
                + Responses.origin(next)
                + "); not following, credentials go to "
                + Responses.origin(endpoint.baseUrl())
                + " only");
      }
      at = next;
    }
  }

  private Raw execute(
      URI uri, Map<String, String> headers, long deadlineNanos, AtomicBoolean expired)
      throws IOException {
    HttpGet get = new HttpGet(uri);
    get.setHeader("Accept", "application/json");
    headers.forEach(get::setHeader);
    ScheduledFuture<?> timer =
        Responses.DEADLINES.schedule(
            () -> {
              expired.set(true);
              get.cancel();
            },
            Math.max(0, deadlineNanos - System.nanoTime()),
            TimeUnit.NANOSECONDS);
    try {
      return client.execute(
          get,
          response -> {
            Header retryAfter = response.getFirstHeader("Retry-After");
            Header location = response.getFirstHeader("Location");
            String body;
            try {
              body = Responses.readCapped(response.getEntity(), endpoint.maxBodyBytes());
            } catch (Responses.TooLarge e) {
              // drop the connection: closing the stream would drain the rest, and it may not end
              get.cancel();
              throw e;
            }
            return new Raw(
                response.getCode(),
                body,
                retryAfter == null ? null : retryAfter.getValue(),
                location == null ? null : location.getValue());
          });
    } finally {
      timer.cancel(false);
    }
  }

  private String statusReason(Raw raw) {
    String message = ErrorBodies.message(raw.body());
    return "HTTP " + raw.status() + (message.isEmpty() ? "" : ": " + message);
  }

  private String describeTimeout(InterruptedIOException e) {
    return "connect "
        + endpoint.connectTimeout().toMillis()
        + " ms, response "
        + endpoint.responseTimeout().toMillis()
        + " ms: "
        + e.getClass().getSimpleName();
  }

  /** Exponential backoff with equal jitter: half the step fixed, half random. */
  Duration backoff(int attempt) {
    long step = endpoint.backoffBase().toMillis() << Math.min(attempt - 1, 16);
    return Duration.ofMillis(step / 2 + Math.round(step / 2.0 * random.getAsDouble()));
  }

  /**
   * The fetcher's secrets plus every credential the call's headers carry: some are fetched at run
   * time (WattTime's bearer token) and were never listed. Both the whole value and the part after
   * an auth scheme ({@code Bearer x}) are redacted, since servers echo either.
   */
  private List<Secret> withHeaderCredentials(Map<String, String> headers) {
    List<Secret> all = new java.util.ArrayList<>(secrets);
    headers.forEach(
        (name, value) -> {
          all.add(Secret.ofNullable(value));
          int space = value == null ? -1 : value.indexOf(' ');
          if (space > 0) {
            all.add(Secret.ofNullable(value.substring(space + 1)));
          }
        });
    return all;
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
