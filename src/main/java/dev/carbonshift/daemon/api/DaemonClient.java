package dev.carbonshift.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carbonshift.config.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Talks to a running daemon for the CLI's {@code submit}, {@code status} and {@code cancel}. Every
 * call has a timeout; redirects are not followed, so the token only ever goes to {@code base}.
 */
public final class DaemonClient {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final URI base;
  private final Optional<String> token;
  private final Duration timeout;
  private final HttpClient http;

  private DaemonClient(URI base, Optional<String> token, Duration timeout) {
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.token = token;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * A client for the daemon at {@code base} if one answers {@code GET /health} within {@code
   * timeout}; empty if nothing listens there or it is not a Carbonshift daemon.
   */
  public static Optional<DaemonClient> probe(URI base, Optional<String> token, Duration timeout) {
    DaemonClient c = new DaemonClient(base, token, timeout);
    try {
      HttpResponse<String> r = c.send(c.request("health").GET());
      JsonNode n = r.statusCode() == 200 ? Json.readOrNull(r.body()) : null;
      return n != null && n.hasNonNull("status") && n.hasNonNull("daemonId")
          ? Optional.of(c)
          : Optional.empty();
    } catch (UncheckedIOException e) {
      return Optional.empty();
    }
  }

  public URI base() {
    return base;
  }

  /**
   * Submits descriptor text and returns the new job's id.
   *
   * @param shownAs the name errors should show (the file as the user typed it); its extension tells
   *     JSON from YAML
   * @throws InvalidInputException for a rejected descriptor, naming {@code shownAs}, line and field
   */
  public String submit(String shownAs, String text) {
    return submit(shownAs, text, null);
  }

  /**
   * As {@link #submit(String, String)}, saying which file the text was read from (a daemon on this
   * machine then resolves the descriptor's relative paths beside it).
   */
  public String submit(String shownAs, String text, java.nio.file.Path sourceFile) {
    boolean json = shownAs.toLowerCase(Locale.ROOT).endsWith(".json");
    HttpRequest.Builder b =
        request("jobs").header("Content-Type", json ? "application/json" : "application/yaml");
    if (sourceFile != null) {
      b.header(HttpApi.SOURCE_FILE_HEADER, sourceFile.toAbsolutePath().normalize().toString());
    }
    HttpResponse<String> r =
        send(b.POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
    if (r.statusCode() == 400) {
      throw invalid(shownAs, Json.readOrNull(r.body()));
    }
    return expect(r, 201).path("id").asText();
  }

  /** {@code GET /jobs}: an array of {id, name, team, state, reason, region, start}. */
  public JsonNode jobs() {
    return expect(send(request("jobs").GET()), 200);
  }

  /** {@code GET /jobs/{id}}, or empty if the daemon knows no such job. */
  public Optional<JsonNode> job(String id) {
    HttpResponse<String> r = send(request("jobs/" + encode(id)).GET());
    return r.statusCode() == 404 ? Optional.empty() : Optional.of(expect(r, 200));
  }

  /**
   * Cancels a job and returns {id, name, state}.
   *
   * @throws DaemonProblemException 404 for an unknown job, 409 for one already final
   */
  public JsonNode cancel(String id) {
    return expect(send(request("jobs/" + encode(id)).DELETE()), 200);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return b.header("Accept", "application/json");
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("no answer from the daemon at " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(
          "interrupted waiting for the daemon at " + base, new IOException(e));
    }
  }

  private static JsonNode expect(HttpResponse<String> r, int status) {
    JsonNode n = Json.readOrNull(r.body());
    if (r.statusCode() != status || n == null) {
      String detail = n == null ? null : n.path("detail").asText(null);
      throw new DaemonProblemException(
          r.statusCode(), detail != null ? detail : "the daemon answered HTTP " + r.statusCode());
    }
    return n;
  }

  private static InvalidInputException invalid(String shownAs, JsonNode problem) {
    if (problem == null) {
      return new InvalidInputException(shownAs, 0, null, "rejected by the daemon");
    }
    JsonNode e = problem.path("errors").path(0);
    if (e.isMissingNode()) {
      return new InvalidInputException(shownAs, 0, null, problem.path("detail").asText());
    }
    return new InvalidInputException(
        shownAs, e.path("line").asInt(0), e.path("field").asText(null), e.path("message").asText());
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
