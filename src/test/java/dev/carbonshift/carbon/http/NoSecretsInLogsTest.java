package dev.carbonshift.carbon.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.carbonshift.carbon.ApiServer;
import dev.carbonshift.carbon.RecordingSleeper;
import dev.carbonshift.carbon.Secret;
import dev.carbonshift.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

class NoSecretsInLogsTest {
  @RegisterExtension static final ApiServer API = new ApiServer();
  static final String TOKEN = "tok-never-logged-42";

  @Test
  void a_token_sent_in_a_header_appears_in_no_log_line_even_at_debug() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    root.addAppender(lines);
    root.setLevel(Level.DEBUG);
    try {
      API.wireMock()
          .stubFor(
              get(urlPathEqualTo("/x"))
                  .willReturn(
                      aResponse()
                          .withStatus(401)
                          .withHeader("X-Echo", TOKEN)
                          .withBody(
                              "{\"message\":\"bad "
                                  + TOKEN
                                  + " "
                                  + TOKEN.toUpperCase(java.util.Locale.ROOT)
                                  + "\"}")));
      TestClock clock = new TestClock(Instant.parse("2024-03-10T12:00:00Z"));
      HttpFetcher http =
          HttpFetcher.create(
              Endpoint.of("x", API.url())
                  .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)),
              clock,
              new RecordingSleeper(),
              List.of(Secret.ofNullable(TOKEN)));

      Fetched f = http.get("/x", Map.of("auth-token", TOKEN));

      assertThat(((Fetched.Failed) f).reason()).isEqualTo("HTTP 401: bad *** ***");
      assertThat(lines.list).isNotEmpty();
      assertThat(lines.list)
          .noneMatch(
              e -> e.getFormattedMessage().toLowerCase(java.util.Locale.ROOT).contains(TOKEN));
    } finally {
      root.detachAppender(lines);
      root.setLevel(before);
    }
  }

  @Test
  void a_credential_sent_in_a_header_is_redacted_even_when_the_fetcher_was_not_told_of_it() {
    // WattTime's bearer token is fetched at run time, so no one lists it as a secret up front
    String bearer = "wt-fresh-bearer-7f3a";
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/y"))
                .willReturn(
                    aResponse()
                        .withStatus(403)
                        .withBody(
                            "{\"message\":\"token "
                                + bearer.toUpperCase(java.util.Locale.ROOT)
                                + " lacks scope\"}")));
    HttpFetcher http =
        HttpFetcher.create(
            Endpoint.of("x", API.url()).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)),
            new TestClock(Instant.parse("2024-03-10T12:00:00Z")),
            new RecordingSleeper(),
            List.of());

    Fetched f = http.get("/y", Map.of("Authorization", "Bearer " + bearer));

    assertThat(((Fetched.Failed) f).reason()).isEqualTo("HTTP 403: token *** lacks scope");
  }
}
