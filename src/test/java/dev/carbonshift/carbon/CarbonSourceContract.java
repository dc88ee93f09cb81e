package dev.carbonshift.carbon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.carbonshift.carbon.http.CircuitBreaker;
import dev.carbonshift.carbon.http.Endpoint;
import dev.carbonshift.carbon.http.HttpFetcher;
import dev.carbonshift.region.Region;
import dev.carbonshift.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every HTTP carbon source must do, run against each one with its own recorded responses:
 * answer labelled points on success, and turn every kind of failure into an {@link Unavailable}
 * that names it.
 */
public abstract class CarbonSourceContract {
  @RegisterExtension public static final ApiServer API = new ApiServer();

  /** Long enough for a loaded build machine; only the timeout test waits for it to pass. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** The timeout test's limit, so it takes a fraction of a second. */
  protected static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);

  protected final TestClock clock = new TestClock(now());
  protected final RecordingSleeper sleeper = new RecordingSleeper();

  /** The instant the recorded forecast was fetched at. */
  protected abstract Instant now();

  protected abstract Region region();

  /** The end of the window asked for; it starts at {@link #now()}. */
  protected abstract Instant windowEnd();

  protected abstract CarbonSource source(HttpFetcher http);

  /** The request that fetches the forecast. */
  protected abstract MappingBuilder forecastRequest();

  /** Folder of this source's fixtures under {@code test-fixtures/api/}. */
  protected abstract String folder();

  protected abstract String successFixture();

  protected abstract String extraFieldsFixture();

  /** The first point's value in g/kWh, after any unit conversion. */
  protected abstract double firstGramsPerKwh();

  protected abstract Signal signal();

  protected abstract EmissionFactor factor();

  /** Requests every source needs before its forecast, e.g. a login. */
  protected void stubPrerequisites() {}

  protected HttpFetcher fetcher() {
    return fetcher(TIMEOUT);
  }

  protected HttpFetcher fetcher(Duration timeout) {
    Endpoint e =
        new Endpoint(
            "test", API.url(), timeout, timeout, 3, Duration.ofMillis(100), Duration.ofSeconds(60));
    return new HttpFetcher(
        e,
        clock,
        sleeper,
        () -> 0.5,
        new CircuitBreaker(3, Duration.ofMinutes(2), clock),
        secrets());
  }

  protected List<Secret> secrets() {
    return List.of();
  }

  private ForecastResult ask(ResponseDefinitionBuilder response) {
    return ask(response, TIMEOUT);
  }

  private ForecastResult ask(ResponseDefinitionBuilder response, Duration timeout) {
    stubPrerequisites();
    API.wireMock().stubFor(forecastRequest().willReturn(response));
    return source(fetcher(timeout)).forecast(region(), now(), windowEnd());
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private ResponseDefinitionBuilder fixture(int status, String name) {
    return json(status, ApiServer.fixture(folder() + "/" + name));
  }

  private Unavailable unavailable(ForecastResult r) {
    assertThat(r).isInstanceOf(Unavailable.class);
    Unavailable u = (Unavailable) r;
    assertThat(u.zone()).isEqualTo(region().zone());
    return u;
  }

  @Test
  void answers_the_recorded_forecast_labelled_with_zone_kind_signal_factor_and_source() {
    ForecastResult r = ask(fixture(200, successFixture()));

    assertThat(r).isInstanceOf(Forecast.class);
    Forecast f = (Forecast) r;
    assertThat(f.zone()).isEqualTo(region().zone());
    assertThat(f.points()).isNotEmpty();
    assertThat(f.points().get(0).gramsPerKwh()).isCloseTo(firstGramsPerKwh(), within());
    assertThat(f.points())
        .allSatisfy(
            p -> {
              assertThat(p.kind()).isEqualTo(IntensityKind.FORECAST);
              assertThat(p.signal()).isEqualTo(signal());
              assertThat(p.factor()).isEqualTo(factor());
              assertThat(p.source()).isEqualTo(source(fetcher()).name());
              assertThat(p.end()).isAfter(now());
              assertThat(p.start()).isBefore(windowEnd());
            });
  }

  @Test
  void unexpected_extra_fields_are_ignored() {
    ForecastResult r = ask(fixture(200, extraFieldsFixture()));

    assertThat(r).isInstanceOf(Forecast.class);
    assertThat(((Forecast) r).points().get(0).gramsPerKwh())
        .isCloseTo(firstGramsPerKwh(), within());
  }

  @Test
  void an_unknown_zone_becomes_unavailable_naming_the_status_and_the_api_message() {
    Unavailable u = unavailable(ask(fixture(400, "unknown_zone_400.json")));

    assertThat(u.reason()).startsWith("HTTP 400: ");
    assertThat(u.reason().length()).isGreaterThan("HTTP 400: ".length());
    assertThat(sleeper.waits).as("a bad request is not retried").isEmpty();
  }

  @Test
  void a_rejected_token_becomes_unavailable_naming_the_401() {
    Unavailable u = unavailable(ask(fixture(401, "token_unauthorized_401.json")));

    assertThat(u.reason()).contains("HTTP 401");
    for (Secret s : secrets()) {
      assertThat(u.reason()).doesNotContain(s.reveal());
    }
  }

  @Test
  void waits_as_long_as_retry_after_asks_after_a_429_then_succeeds() {
    stubPrerequisites();
    API.wireMock()
        .stubFor(
            forecastRequest()
                .inScenario("rate")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fixture(429, "rate_limited_429.json").withHeader("Retry-After", "7"))
                .willSetStateTo("allowed"));
    API.wireMock()
        .stubFor(
            forecastRequest()
                .inScenario("rate")
                .whenScenarioStateIs("allowed")
                .willReturn(fixture(200, successFixture())));

    ForecastResult r = source(fetcher()).forecast(region(), now(), windowEnd());

    assertThat(r).isInstanceOf(Forecast.class);
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void a_retry_after_beyond_the_limit_fails_at_once_naming_the_rate_limit() {
    Unavailable u =
        unavailable(ask(fixture(429, "rate_limited_429.json").withHeader("Retry-After", "3600")));

    assertThat(u.reason()).contains("HTTP 429").contains("3600 s");
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void retries_with_backoff_after_a_server_error_then_succeeds() {
    stubPrerequisites();
    API.wireMock()
        .stubFor(
            forecastRequest()
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(500, "{\"error\":\"internal\"}"))
                .willSetStateTo("recovered"));
    API.wireMock()
        .stubFor(
            forecastRequest()
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(fixture(200, successFixture())));

    ForecastResult r = source(fetcher()).forecast(region(), now(), windowEnd());

    assertThat(r).isInstanceOf(Forecast.class);
    // base 100 ms, jitter 0.5: half fixed plus half of the random part
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(75));
  }

  @Test
  void a_timeout_becomes_unavailable_naming_the_timeout_after_every_attempt() {
    Unavailable u =
        unavailable(ask(fixture(200, successFixture()).withFixedDelay(600), SHORT_TIMEOUT));

    assertThat(u.reason()).contains("timed out").contains("after 3 attempts");
    assertThat(sleeper.waits).hasSize(2);
  }

  @Test
  void truncated_json_becomes_unavailable_naming_malformed_json() {
    Unavailable u = unavailable(ask(fixture(200, "malformed.json")));

    assertThat(u.reason()).contains("malformed JSON");
  }

  @Test
  void a_reset_connection_becomes_unavailable_naming_the_io_error() {
    Unavailable u = unavailable(ask(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThat(u.reason()).contains("I/O error");
  }

  @Test
  void an_empty_204_becomes_unavailable_saying_there_is_no_data() {
    Unavailable u = unavailable(ask(aResponse().withStatus(204)));

    assertThat(u.reason()).contains("no data");
  }

  @Test
  void opens_the_circuit_after_repeated_failures_and_stops_calling() {
    stubPrerequisites();
    API.wireMock().stubFor(forecastRequest().willReturn(json(503, "{}")));
    CarbonSource source = source(fetcher());
    for (int i = 0; i < 3; i++) {
      source.forecast(region(), now(), windowEnd());
    }
    int calls = API.wireMock().findAll(anyRequestedFor(anyUrl())).size();

    Unavailable u = unavailable(source.forecast(region(), now(), windowEnd()));

    assertThat(u.reason()).contains("circuit open");
    assertThat(API.wireMock().findAll(anyRequestedFor(anyUrl()))).hasSize(calls);
    clock.advance(CircuitBreaker.DEFAULT_OPEN_FOR);
    API.wireMock().stubFor(forecastRequest().willReturn(fixture(200, successFixture())));
    assertThat(source.forecast(region(), clock.instant(), windowEnd()))
        .isInstanceOf(Forecast.class);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }
}
