package dev.carbonshift.carbon.watttime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carbonshift.carbon.Secret;
import dev.carbonshift.carbon.http.HttpFetcher;
import dev.carbonshift.carbon.http.SourceFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * WattTime's bearer token: fetched from {@code /login} with HTTP Basic, kept until shortly before
 * its 30-minute expiry, and dropped when the API answers 401 so the next call logs in again.
 */
final class WattTimeLogin {
  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);

  /** Renew early so a token never expires between our check and WattTime's. */
  static final Duration RENEW_MARGIN = Duration.ofMinutes(5);

  private final HttpFetcher http;
  private final Secret username;
  private final Secret password;
  private final Clock clock;
  private Secret token;
  private Instant fetchedAt;
  private int logins;

  WattTimeLogin(HttpFetcher http, Secret username, Secret password, Clock clock) {
    this.http = http;
    this.username = username;
    this.password = password;
    this.clock = clock;
  }

  synchronized Secret token(String zone) throws SourceFailure {
    Instant now = clock.instant();
    if (token != null && now.isBefore(fetchedAt.plus(TOKEN_LIFETIME).minus(RENEW_MARGIN))) {
      return token;
    }
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (username.reveal() + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
    JsonNode root;
    try {
      root =
          SourceFailure.fetchJson(
              http, zone, WattTimeSource.NAME, "/login", Map.of("Authorization", "Basic " + basic));
    } catch (SourceFailure f) {
      throw new SourceFailure(zone, WattTimeSource.NAME, "login failed: " + f.getMessage());
    }
    Secret fresh = Secret.ofNullable(root.path("token").asText(null));
    if (fresh == null) {
      throw new SourceFailure(zone, WattTimeSource.NAME, "login answered no token");
    }
    token = fresh;
    fetchedAt = now;
    logins++;
    return token;
  }

  synchronized void invalidate() {
    token = null;
  }

  /** How many times a token was fetched (for tests of renewal). */
  synchronized int logins() {
    return logins;
  }
}
