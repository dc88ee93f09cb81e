package dev.carbonshift.carbon.watttime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.carbonshift.carbon.ApiServer;
import dev.carbonshift.carbon.CarbonSource;
import dev.carbonshift.carbon.CarbonSourceContract;
import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Regions;
import dev.carbonshift.carbon.Secret;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.carbon.http.HttpFetcher;
import dev.carbonshift.region.Region;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

class WattTimeContractTest extends CarbonSourceContract {
  static final Secret USER = Secret.ofNullable("wt-user");
  static final Secret PASSWORD = Secret.ofNullable("wt-password-s3cret");
  static final String TOKEN = "wt-test-bearer-token-0123456789";

  @Override
  protected Instant now() {
    return Instant.parse("2022-07-15T00:00:00Z");
  }

  @Override
  protected Region region() {
    return Regions.withWattTime("us-cal-ciso", "US-CAL-CISO", "CAISO_NORTH");
  }

  @Override
  protected Instant windowEnd() {
    return now().plus(Duration.ofHours(24));
  }

  @Override
  protected CarbonSource source(HttpFetcher http) {
    return new WattTimeSource(http, USER, PASSWORD, clock);
  }

  @Override
  protected void stubPrerequisites() {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/login"))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(ApiServer.fixture("watttime/login.json"))));
  }

  @Override
  protected MappingBuilder forecastRequest() {
    return get(urlPathEqualTo("/v3/forecast"));
  }

  @Override
  protected String folder() {
    return "watttime";
  }

  @Override
  protected String successFixture() {
    return "caiso_forecast_24h.json";
  }

  @Override
  protected String extraFieldsFixture() {
    return "caiso_forecast_24h_extra_fields.json";
  }

  @Override
  protected double firstGramsPerKwh() {
    return 870 * 0.45359237;
  }

  @Override
  protected Signal signal() {
    return Signal.MARGINAL;
  }

  @Override
  protected EmissionFactor factor() {
    return EmissionFactor.DIRECT;
  }

  @Override
  protected List<Secret> secrets() {
    return List.of(USER, PASSWORD, Secret.ofNullable(TOKEN));
  }
}
