package dev.carbonshift.carbon.electricitymaps;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.ApiServer;
import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.RecordingSleeper;
import dev.carbonshift.carbon.Regions;
import dev.carbonshift.carbon.Secret;
import dev.carbonshift.carbon.Unavailable;
import dev.carbonshift.carbon.http.Endpoint;
import dev.carbonshift.carbon.http.HttpFetcher;
import dev.carbonshift.carbon.http.Settings;
import dev.carbonshift.carbon.http.SourceFactory;
import dev.carbonshift.region.Region;
import dev.carbonshift.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElectricityMapsSourceTest {
  @RegisterExtension static final ApiServer API = new ApiServer();
  static final Secret TOKEN = Secret.ofNullable("em-secret-token-abc123");
  static final Instant NOW = Instant.parse("2024-03-10T12:00:00Z");

  final TestClock clock = new TestClock(NOW);
  final Region es = Regions.region("es", "ES", List.of(), null);

  ElectricityMapsSource source(EmissionFactor factor) {
    Endpoint e =
        Endpoint.of("electricitymaps", API.url())
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    return new ElectricityMapsSource(
        HttpFetcher.create(e, clock, new RecordingSleeper(), List.of(TOKEN)), TOKEN, factor, clock);
  }

  void serve(String path, String fixture) {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo(path))
                .willReturn(aResponse().withBody(ApiServer.fixture("electricitymaps/" + fixture))));
  }

  @Test
  void sends_the_token_header_and_asks_for_no_fallback_to_the_callers_location() {
    serve("/carbon-intensity/forecast", "es_forecast_72h.json");

    source(EmissionFactor.LIFECYCLE).forecast(es, NOW, NOW.plus(Duration.ofHours(24)));

    API.wireMock()
        .verify(
            getRequestedFor(urlPathEqualTo("/carbon-intensity/forecast"))
                .withHeader("auth-token", equalTo(TOKEN.reveal()))
                .withQueryParam("zone", equalTo("ES"))
                .withQueryParam("horizonHours", equalTo("24"))
                .withQueryParam("emissionFactorType", equalTo("lifecycle"))
                .withQueryParam("shouldUseFallbackCallerLookup", equalTo("false")));
  }

  @ParameterizedTest(name = "{0} g/kWh")
  @ValueSource(strings = {"1e308", "1e309", "-1", "5001", "\"NaN\"", "NaN"})
  void an_impossible_intensity_is_bad_data_naming_the_source(String value) {
    String body =
        ApiServer.fixture("electricitymaps/es_forecast_72h.json")
            .replaceFirst("\"carbonIntensity\": 153", "\"carbonIntensity\": " + value);
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/carbon-intensity/forecast"))
                .willReturn(aResponse().withBody(body)));

    ForecastResult r =
        source(EmissionFactor.LIFECYCLE).forecast(es, NOW, NOW.plus(Duration.ofHours(3)));

    assertThat(r).isInstanceOf(Unavailable.class);
    assertThat(((Unavailable) r).source()).isEqualTo(ElectricityMapsSource.NAME);
    assertThat(((Unavailable) r).reason()).containsAnyOf("not an intensity", "malformed JSON");
  }

  @Test
  void its_factory_reads_the_token_url_and_factor_from_the_settings() {
    serve("/carbon-intensity/forecast", "es_forecast_72h.json");
    SourceFactory.Configured c =
        ElectricityMapsSource.FACTORY.read(
            new Settings(
                Map.of(
                    "ELECTRICITYMAPS_API_TOKEN", TOKEN.reveal(),
                    "CARBONSHIFT_ELECTRICITYMAPS_URL", API.url().toString(),
                    "CARBONSHIFT_ELECTRICITYMAPS_EMISSION_FACTOR", "direct")));

    Forecast f =
        (Forecast)
            c.build(
                    HttpFetcher.create(c.endpoint(), clock, new RecordingSleeper(), c.secrets()),
                    clock)
                .forecast(es, NOW, NOW.plus(Duration.ofHours(3)));

    assertThat(c.secrets()).containsExactly(TOKEN);
    assertThat(f.points()).hasSize(3).allMatch(p -> p.factor() == EmissionFactor.DIRECT);
    API.wireMock()
        .verify(
            getRequestedFor(urlPathEqualTo("/carbon-intensity/forecast"))
                .withHeader("auth-token", equalTo(TOKEN.reveal())));
    assertThat(ElectricityMapsSource.FACTORY.read(new Settings(Map.of())).notConfigured())
        .contains("not configured (set ELECTRICITYMAPS_API_TOKEN)");
  }

  @Test
  void asks_for_direct_factors_when_configured_and_labels_the_points_direct() {
    serve("/carbon-intensity/forecast", "es_forecast_72h.json");

    Forecast f =
        (Forecast) source(EmissionFactor.DIRECT).forecast(es, NOW, NOW.plus(Duration.ofHours(3)));

    assertThat(f.points()).hasSize(3).allMatch(p -> p.factor() == EmissionFactor.DIRECT);
    API.wireMock()
        .verify(
            getRequestedFor(urlPathEqualTo("/carbon-intensity/forecast"))
                .withQueryParam("emissionFactorType", equalTo("direct")));
  }

  @Test
  void reads_recent_history_from_the_data_array_and_marks_estimated_hours() {
    serve("/carbon-intensity/history", "es_history_24h_data.json");

    Forecast f =
        (Forecast)
            source(EmissionFactor.LIFECYCLE).forecast(es, NOW.minus(Duration.ofHours(24)), NOW);

    assertThat(f.points()).hasSize(24);
    List<IntensityPoint> p = f.points();
    assertThat(p.subList(0, 22)).allMatch(x -> x.kind() == IntensityKind.ACTUAL);
    assertThat(p.subList(22, 24)).allMatch(x -> x.kind() == IntensityKind.ESTIMATE);
    assertThat(p.get(23).end()).isEqualTo(NOW);
  }

  @Test
  void reads_history_from_the_history_array_of_older_answers() {
    clock.set(Instant.parse("2021-08-19T13:00:00Z"));
    serve("/carbon-intensity/history", "de_history_docs.json");
    Region de = Regions.region("de", "DE", List.of(), null);

    Forecast f =
        (Forecast)
            source(EmissionFactor.LIFECYCLE)
                .forecast(de, Instant.parse("2021-08-18T13:00:00Z"), clock.instant());

    assertThat(f.points()).extracting(IntensityPoint::gramsPerKwh).containsExactly(413.0, 338.0);
    assertThat(f.points()).allMatch(x -> x.kind() == IntensityKind.ACTUAL);
  }

  @Test
  void splits_a_long_past_range_into_requests_of_at_most_ten_days() {
    serve("/carbon-intensity/past-range", "de_past_range_docs.json");
    Instant from = Instant.parse("2024-02-01T00:00:00Z");

    ForecastResult r =
        source(EmissionFactor.LIFECYCLE).forecast(es, from, from.plus(Duration.ofDays(25)));

    assertThat(r).isInstanceOf(Forecast.class);
    API.wireMock().verify(3, getRequestedFor(urlPathEqualTo("/carbon-intensity/past-range")));
    API.wireMock()
        .verify(
            getRequestedFor(urlPathEqualTo("/carbon-intensity/past-range"))
                .withQueryParam("start", equalTo("2024-02-21T00:00:00Z"))
                .withQueryParam("end", equalTo("2024-02-26T00:00:00Z")));
  }

  @Test
  void skips_hours_the_api_has_no_value_for() {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/carbon-intensity/forecast"))
                .willReturn(
                    aResponse()
                        .withBody(
                            "{\"zone\":\"ES\",\"forecast\":[{\"carbonIntensity\":null,"
                                + "\"datetime\":\"2024-03-10T12:00:00.000Z\"},{\"carbonIntensity\":140,"
                                + "\"datetime\":\"2024-03-10T13:00:00.000Z\"}]}")));

    Forecast f =
        (Forecast)
            source(EmissionFactor.LIFECYCLE).forecast(es, NOW, NOW.plus(Duration.ofHours(2)));

    assertThat(f.points()).extracting(IntensityPoint::gramsPerKwh).containsExactly(140.0);
  }

  @Test
  void reads_the_latest_value_of_a_real_capture() {
    serve("/carbon-intensity/latest", "fr_latest.json");

    Forecast f = (Forecast) source(EmissionFactor.LIFECYCLE).latest("FR");

    assertThat(f.points())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.gramsPerKwh()).isEqualTo(103.0);
              assertThat(p.start()).isEqualTo(Instant.parse("2023-01-23T17:00:00Z"));
              assertThat(p.kind()).isEqualTo(IntensityKind.ESTIMATE);
            });
  }
}
