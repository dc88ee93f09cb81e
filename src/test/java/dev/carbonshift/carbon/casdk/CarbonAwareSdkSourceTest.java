package dev.carbonshift.carbon.casdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.ApiServer;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.RecordingSleeper;
import dev.carbonshift.carbon.Regions;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.carbon.http.ApiJson;
import dev.carbonshift.carbon.http.Endpoint;
import dev.carbonshift.carbon.http.HttpFetcher;
import dev.carbonshift.region.Region;
import dev.carbonshift.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CarbonAwareSdkSourceTest {
  @RegisterExtension static final ApiServer API = new ApiServer();

  final TestClock clock = new TestClock(Instant.parse("2022-11-02T10:30:00Z"));
  final Region region = Regions.region("us-east", "US-MIDA-PJM", List.of(), null);
  final CarbonAwareSdkSource source =
      new CarbonAwareSdkSource(
          HttpFetcher.create(
              Endpoint.of("casdk", API.url())
                  .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)),
              clock,
              new RecordingSleeper(),
              List.of()),
          Signal.MARGINAL,
          Map.of("us-east", "eastus"),
          clock);

  void serve(String path, String fixture) {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo(path))
                .willReturn(aResponse().withBody(ApiServer.fixture("casdk/" + fixture))));
  }

  @Test
  void reads_optimal_data_points_as_an_array_and_asks_with_whole_seconds() throws Exception {
    serve("/emissions/forecasts/current", "eastus_forecasts_current.json");

    Rows.CurrentForecast f =
        source.currentForecast(
            region,
            Instant.parse("2022-11-02T10:30:00.123456Z"),
            Instant.parse("2022-11-03T10:30:00Z"));

    assertThat(f.optimalStarts()).containsExactly(Instant.parse("2022-11-03T10:15:00Z"));
    assertThat(f.points()).hasSize(2);
    API.wireMock()
        .verify(
            getRequestedFor(urlPathEqualTo("/emissions/forecasts/current"))
                .withQueryParam("location", equalTo("eastus"))
                .withQueryParam("dataStartAt", equalTo("2022-11-02T10:30:00Z")));
  }

  @Test
  void reads_the_singular_optimal_data_point_of_older_sdks() throws Exception {
    String old =
        "[{\"optimalDataPoint\":{\"location\":\"IE\",\"timestamp\":\"2022-07-19T18:45:00+00:00\","
            + "\"duration\":10,\"value\":448.4},\"forecastData\":[{\"location\":\"IE\","
            + "\"timestamp\":\"2022-07-19T14:00:00+00:00\",\"duration\":10,\"value\":532.0}]}]";

    Rows.CurrentForecast f = Rows.forecast("IE", ApiJson.parse(old), Signal.MARGINAL);

    assertThat(f.optimalStarts()).containsExactly(Instant.parse("2022-07-19T18:45:00Z"));
    assertThat(f.points().get(0).length()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void reads_past_emissions_by_location_as_actuals_with_timespan_durations() {
    serve("/emissions/bylocations", "westus_bylocations.json");
    clock.set(Instant.parse("2022-08-23T15:00:00Z"));

    Forecast f =
        (Forecast)
            source.forecast(
                region,
                Instant.parse("2022-08-23T13:55:00Z"),
                Instant.parse("2022-08-23T14:35:00Z"));

    assertThat(f.points()).hasSize(8).allMatch(p -> p.kind() == IntensityKind.ACTUAL);
    assertThat(f.points().get(0).start()).isEqualTo(Instant.parse("2022-08-23T13:55:00Z"));
    assertThat(f.points().get(0).length()).isEqualTo(Duration.ofMinutes(5));
    assertThat(f.points().get(0).gramsPerKwh()).isEqualTo(445.42770734000004);
  }

  @Test
  void reads_the_average_carbon_intensity_of_a_window() {
    serve("/emissions/average-carbon-intensity", "eastus_average_carbon_intensity.json");
    Instant from = Instant.parse("2022-07-19T14:00:00Z");

    Forecast f =
        (Forecast) source.averageCarbonIntensity(region, from, from.plus(Duration.ofHours(4)));

    assertThat(f.points())
        .singleElement()
        .satisfies(p -> assertThat(p.gramsPerKwh()).isEqualTo(345.434));
  }

  @Test
  void reads_dotnet_timespans_with_days() throws Exception {
    assertThat(Rows.timeSpan("00:05:00")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Rows.timeSpan("1.02:00:00")).isEqualTo(Duration.ofHours(26));
  }
}
