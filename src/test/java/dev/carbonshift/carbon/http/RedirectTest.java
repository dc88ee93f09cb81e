package dev.carbonshift.carbon.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.carbonshift.carbon.ApiServer;
import dev.carbonshift.carbon.RecordingSleeper;
import dev.carbonshift.carbon.Secret;
import dev.carbonshift.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedirectTest {
  @RegisterExtension static final ApiServer API = new ApiServer();
  static final String TOKEN = "tok-stays-home-42";

  // the "other host": another server, reached by another name than the configured localhost
  static WireMockServer elsewhere;

  @BeforeAll
  static void startElsewhere() {
    elsewhere = new WireMockServer(options().dynamicPort());
    elsewhere.start();
  }

  @AfterAll
  static void stopElsewhere() {
    elsewhere.stop();
  }

  final TestClock clock = new TestClock(Instant.parse("2024-03-10T12:00:00Z"));

  HttpFetcher fetcher(List<Secret> secrets) {
    return HttpFetcher.create(
        Endpoint.of("x", API.url()).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)),
        clock,
        new RecordingSleeper(),
        secrets);
  }

  void redirect(String from, String location) {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo(from))
                .willReturn(aResponse().withStatus(302).withHeader("Location", location)));
  }

  @Test
  void an_authenticated_call_redirected_to_another_host_fails_without_sending_the_token() {
    elsewhere.resetAll();
    elsewhere.stubFor(get(anyUrl()).willReturn(aResponse().withBody("{}")));
    redirect("/x", "http://127.0.0.1:" + elsewhere.port() + "/steal");

    Fetched f = fetcher(List.of(Secret.ofNullable(TOKEN))).get("/x", Map.of("auth-token", TOKEN));

    assertThat(f).isInstanceOf(Fetched.Failed.class);
    assertThat(((Fetched.Failed) f).reason())
        .contains("redirected to another host")
        .contains("127.0.0.1")
        .doesNotContain(TOKEN);
    elsewhere.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void a_redirect_within_the_configured_host_is_followed_with_the_token() {
    redirect("/old", API.url() + "/new");
    API.wireMock()
        .stubFor(get(urlPathEqualTo("/new")).willReturn(aResponse().withBody("{\"ok\":1}")));

    Fetched f = fetcher(List.of(Secret.ofNullable(TOKEN))).get("/old", Map.of("auth-token", TOKEN));

    assertThat(f).isEqualTo(new Fetched.Body(200, "{\"ok\":1}"));
  }

  @Test
  void a_redirect_loop_ends_with_a_reason() {
    redirect("/loop", "/loop");

    Fetched f = fetcher(List.of()).get("/loop", Map.of());

    assertThat(((Fetched.Failed) f).reason()).contains("redirects");
  }
}
