package dev.carbonshift.carbon.ukgrid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.ApiServer;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.RecordingSleeper;
import dev.carbonshift.carbon.Regions;
import dev.carbonshift.carbon.Unavailable;
import dev.carbonshift.carbon.http.ApiJson;
import dev.carbonshift.carbon.http.Endpoint;
import dev.carbonshift.carbon.http.HttpFetcher;
import dev.carbonshift.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UkGridSourceTest {
  @RegisterExtension static final ApiServer API = new ApiServer();
  static final Instant NOW = Instant.parse("2023-03-10T11:30:00Z");

  final TestClock clock = new TestClock(NOW);
  final UkGridSource source =
      new UkGridSource(
          HttpFetcher.create(
              Endpoint.of("ukgrid", API.url())
                  .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)),
              clock,
              new RecordingSleeper(),
              List.of()),
          clock);

  void serve(String path, String fixture) {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo(path))
                .willReturn(aResponse().withBody(ApiServer.fixture("ukgrid/" + fixture))));
  }

  @Test
  void takes_actuals_where_measured_and_the_forecast_where_the_actual_is_still_null()
      throws Exception {
    serve("/intensity/2023-03-09T11:30Z/2023-03-10T11:30Z", "gb_past_24h_null_actuals.json");

    Forecast f =
        (Forecast)
            source.forecast(
                Regions.region("gb", "GB", List.of(), null), NOW.minus(Duration.ofHours(24)), NOW);

    List<IntensityPoint> p = f.points();
    assertThat(p).hasSize(48);
    assertThat(p.subList(0, 46)).allMatch(x -> x.kind() == IntensityKind.ACTUAL);
    assertThat(p.subList(46, 48)).allMatch(x -> x.kind() == IntensityKind.FORECAST);
    // the fixture's forecasts are 7 g/kWh above its actuals
    assertThat(p.get(0).gramsPerKwh())
        .isEqualTo(
            ApiJson.parse(ApiServer.fixture("ukgrid/gb_past_24h_null_actuals.json"))
                .path("data")
                .path(0)
                .path("intensity")
                .path("actual")
                .asDouble());
    assertThat(p.get(47).gramsPerKwh())
        .isEqualTo(
            ApiJson.parse(ApiServer.fixture("ukgrid/gb_past_24h_null_actuals.json"))
                .path("data")
                .path(47)
                .path("intensity")
                .path("forecast")
                .asDouble());
  }

  @Test
  void asks_the_regional_forecast_of_the_regions_id_with_minute_precision_times() {
    serve(
        "/regional/intensity/2023-03-10T11:30Z/fw48h/regionid/13",
        "gb_regional_fw48h_regionid_13.json");

    Forecast f =
        (Forecast)
            source.forecast(
                Regions.withUkRegion("gb", 13),
                NOW.plusSeconds(754),
                NOW.plus(Duration.ofHours(48)));

    assertThat(f.points()).hasSize(96);
    assertThat(f.points().get(0).gramsPerKwh()).isEqualTo(121.0);
    assertThat(f.points().get(0).length()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void reads_the_all_regions_nesting_of_a_real_capture() throws Exception {
    List<IntensityPoint> p =
        HalfHours.regional(
            ApiJson.parse(ApiServer.fixture("ukgrid/gb_regional_fw48h_all_regions_real.json")), 18);

    assertThat(p)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.gramsPerKwh()).isEqualTo(177.0);
              assertThat(x.start()).isEqualTo(Instant.parse("2023-03-10T11:30:00Z"));
            });
  }

  @Test
  void path_times_are_minutes_floored_to_the_half_hour() {
    assertThat(UkGridSource.at(Instant.parse("2023-03-10T11:47:12.5Z")))
        .isEqualTo("2023-03-10T11:30Z");
    assertThat(UkGridSource.at(Instant.parse("2023-03-10T00:05:00Z")))
        .isEqualTo("2023-03-10T00:00Z");
  }

  @Test
  void answers_only_for_great_britain() {
    Unavailable u =
        (Unavailable)
            source.forecast(
                Regions.region("de", "DE", List.of(), null), NOW, NOW.plus(Duration.ofHours(1)));

    assertThat(u.reason()).contains("Great Britain");
    assertThat(API.wireMock().getAllServeEvents()).isEmpty();
  }
}
