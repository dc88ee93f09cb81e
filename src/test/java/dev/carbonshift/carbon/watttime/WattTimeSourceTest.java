package dev.carbonshift.carbon.watttime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.carbonshift.carbon.ApiServer;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.RecordingSleeper;
import dev.carbonshift.carbon.Regions;
import dev.carbonshift.carbon.Secret;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.carbon.Unavailable;
import dev.carbonshift.carbon.http.Endpoint;
import dev.carbonshift.carbon.http.HttpFetcher;
import dev.carbonshift.region.Region;
import dev.carbonshift.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WattTimeSourceTest {
  @RegisterExtension static final ApiServer API = new ApiServer();
  static final Secret USER = Secret.ofNullable("wt-user");
  static final Secret PASSWORD = Secret.ofNullable("wt-password-s3cret");
  static final Instant NOW = Instant.parse("2022-07-15T00:00:00Z");

  final TestClock clock = new TestClock(NOW);
  final Region caiso = Regions.withWattTime("us-cal-ciso", "US-CAL-CISO", "CAISO_NORTH");
  WattTimeSource source;

  @BeforeEach
  void login_answers_a_token() {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/login"))
                .willReturn(aResponse().withBody(ApiServer.fixture("watttime/login.json"))));
    Endpoint e =
        Endpoint.of("watttime", API.url())
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    source =
        new WattTimeSource(
            HttpFetcher.create(e, clock, new RecordingSleeper(), List.of(USER, PASSWORD)),
            USER,
            PASSWORD,
            clock);
  }

  void serve(String path, String fixture) {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo(path))
                .willReturn(aResponse().withBody(ApiServer.fixture("watttime/" + fixture))));
  }

  @Test
  void converts_lbs_per_mwh_to_grams_per_kwh_and_marks_the_points_marginal() {
    serve("/v3/forecast", "caiso_forecast_24h.json");

    Forecast f = (Forecast) source.forecast(caiso, NOW, NOW.plus(Duration.ofHours(1)));

    assertThat(f.points()).hasSize(12);
    // 870 lbs/MWh × 0.45359237 kg/lb = 394.625 kg/MWh = g/kWh
    assertThat(f.points().get(0).gramsPerKwh())
        .isCloseTo(394.625, org.assertj.core.data.Offset.offset(0.001));
    assertThat(f.points().get(0).length()).isEqualTo(Duration.ofMinutes(5));
    assertThat(f.signal()).isEqualTo(Signal.MARGINAL);
  }

  @Test
  void a_moer_beyond_the_physical_bound_after_conversion_is_bad_data() {
    // 11,100 lbs/MWh is 5,035 g/kWh: under the bound as a raw number, over it in our unit
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/v3/forecast"))
                .willReturn(
                    aResponse()
                        .withBody(
                            ApiServer.fixture("watttime/caiso_forecast_24h.json")
                                .replaceFirst("\"value\": 870", "\"value\": 11100"))));

    ForecastResult r = source.forecast(caiso, NOW, NOW.plus(Duration.ofHours(1)));

    assertThat(r).isInstanceOf(Unavailable.class);
    assertThat(((Unavailable) r).source()).isEqualTo(WattTimeSource.NAME);
    assertThat(((Unavailable) r).reason()).contains("5000 g/kWh");
  }

  @Test
  void logs_in_with_basic_auth_once_and_sends_the_bearer_token_until_it_nears_expiry() {
    serve("/v3/forecast", "caiso_forecast_24h.json");
    String basic =
        Base64.getEncoder()
            .encodeToString("wt-user:wt-password-s3cret".getBytes(StandardCharsets.UTF_8));

    source.forecast(caiso, NOW, NOW.plus(Duration.ofHours(1)));
    source.forecast(caiso, NOW, NOW.plus(Duration.ofHours(1)));
    assertThat(source.logins()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(26));
    source.forecast(caiso, clock.instant(), clock.instant().plus(Duration.ofHours(1)));

    assertThat(source.logins()).isEqualTo(2);
    API.wireMock()
        .verify(
            2,
            getRequestedFor(urlPathEqualTo("/login"))
                .withHeader("Authorization", equalTo("Basic " + basic)));
    API.wireMock()
        .verify(
            3,
            getRequestedFor(urlPathEqualTo("/v3/forecast"))
                .withHeader("Authorization", equalTo("Bearer wt-test-bearer-token-0123456789"))
                .withQueryParam("region", equalTo("CAISO_NORTH"))
                .withQueryParam("signal_type", equalTo("co2_moer")));
  }

  @Test
  void logs_in_again_when_the_api_rejects_the_token() {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/v3/forecast"))
                .inScenario("expiry")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(
                    aResponse()
                        .withStatus(401)
                        .withBody(ApiServer.fixture("watttime/token_unauthorized_401.json")))
                .willSetStateTo("renewed"));
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/v3/forecast"))
                .inScenario("expiry")
                .whenScenarioStateIs("renewed")
                .willReturn(
                    aResponse().withBody(ApiServer.fixture("watttime/caiso_forecast_24h.json"))));

    assertThat(source.forecast(caiso, NOW, NOW.plus(Duration.ofHours(1))))
        .isInstanceOf(Forecast.class);
    assertThat(source.logins()).isEqualTo(2);
  }

  @Test
  void a_failed_login_is_unavailable_without_the_password_in_the_reason() {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/login"))
                .willReturn(
                    aResponse()
                        .withStatus(403)
                        .withBody("{\"error\":\"bad login wt-password-s3cret\"}")));

    Unavailable u = (Unavailable) source.forecast(caiso, NOW, NOW.plus(Duration.ofHours(1)));

    assertThat(u.reason()).contains("login failed").contains("HTTP 403").doesNotContain("s3cret");
  }

  @Test
  void a_percentile_index_is_not_taken_for_an_intensity() {
    serve("/v3/forecast", "psco_signal_index.json");

    Unavailable u = (Unavailable) source.forecast(caiso, NOW, NOW.plus(Duration.ofHours(1)));

    assertThat(u.reason()).contains("percentile");
  }

  @Test
  void reads_history_in_chunks_of_at_most_thirty_days_as_actuals() {
    serve("/v3/historical", "caiso_historical.json");
    clock.set(Instant.parse("2022-08-20T00:00:00Z"));

    Forecast f =
        (Forecast) source.forecast(caiso, Instant.parse("2022-07-06T00:00:00Z"), clock.instant());

    API.wireMock().verify(2, getRequestedFor(urlPathEqualTo("/v3/historical")));
    assertThat(f.points()).hasSize(2).allMatch(p -> p.kind() == IntensityKind.ACTUAL);
    assertThat(f.points().get(1).gramsPerKwh())
        .isCloseTo(860 * 0.45359237, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void reads_the_signal_index_and_the_region_of_a_location() {
    serve("/v3/signal-index", "psco_signal_index.json");
    serve("/v3/region-from-loc", "region_from_loc.json");

    assertThat(source.signalIndexPercent("PSCO")).contains(96.0);
    assertThat(source.regionFromLocation(39.7, -105.0)).contains("PSCO");
  }

  @Test
  void a_region_without_a_watttime_region_is_unavailable_without_a_request() {
    Unavailable u =
        (Unavailable)
            source.forecast(
                Regions.region("es", "ES", List.of(), null), NOW, NOW.plus(Duration.ofHours(1)));

    assertThat(u.reason()).contains("no watttimeRegion");
    assertThat(API.wireMock().getAllServeEvents()).isEmpty();
  }
}
