package dev.carbonshift.carbon.chain;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.ApiServer;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.RegionForecast;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The GB region as shipped, with the UK grid API pointed at a server speaking its real format. */
class UkGridEndToEndTest {
  @RegisterExtension static final ApiServer API = new ApiServer();
  static final Instant NOW = Instant.parse("2023-03-10T11:30:00Z");

  @Test
  void a_gb_plan_uses_the_uk_grid_values_and_says_so() {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/regional/intensity/2023-03-10T11:30Z/fw48h/regionid/13"))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(ApiServer.fixture("ukgrid/gb_regional_fw48h_regionid_13.json"))));
    RegionCatalog catalog = RegionCatalog.load(Path.of("regions"));

    try (CarbonSources sources =
        CarbonSources.fromEnvironment(
            Map.of("CARBONSHIFT_UKGRID_URL", API.url().toString()),
            new TestClock(NOW),
            catalog,
            null)) {
      List<RegionForecast> all =
          sources.forecasts(
              List.of(catalog.find("gb").orElseThrow()), NOW, NOW.plus(Duration.ofHours(24)));

      RegionForecast gb = all.get(0);
      assertThat(gb.source()).isEqualTo("ukgrid");
      assertThat(gb.provenance()).isEqualTo("ukgrid");
      assertThat(gb.forecast().points())
          .hasSize(48)
          .allSatisfy(
              p -> {
                assertThat(p.source()).isEqualTo("ukgrid");
                assertThat(p.kind()).isEqualTo(IntensityKind.FORECAST);
              });
      assertThat(gb.forecast().points().get(0).gramsPerKwh()).isEqualTo(121.0);
    }
  }

  @Test
  void without_the_uk_grid_url_the_gb_region_replays_its_trace_and_says_why() {
    RegionCatalog catalog = RegionCatalog.load(Path.of("regions"));
    try (CarbonSources sources =
        CarbonSources.fromEnvironment(Map.of(), new TestClock(NOW), catalog, null)) {
      RegionForecast gb =
          sources.forecast(catalog.find("gb").orElseThrow(), NOW, NOW.plus(Duration.ofHours(6)));

      assertThat(gb.source()).isEqualTo("trace");
      assertThat(gb.provenance())
          .startsWith("ukgrid: not configured (set CARBONSHIFT_UKGRID_URL=")
          .contains("electricitymaps: not configured")
          .contains("trace GB.csv.gz replayed at 2020 day-of-year");
      assertThat(API.wireMock().getAllServeEvents()).isEmpty();
    }
  }
}
