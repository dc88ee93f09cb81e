package dev.carbonshift.carbon.electricitymaps;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
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

class ElectricityMapsContractTest extends CarbonSourceContract {
  static final Secret TOKEN = Secret.ofNullable("em-secret-token-abc123");

  @Override
  protected Instant now() {
    return Instant.parse("2024-03-10T12:00:00Z");
  }

  @Override
  protected Region region() {
    return Regions.region("es", "ES", List.of(), null);
  }

  @Override
  protected Instant windowEnd() {
    return now().plus(Duration.ofHours(72));
  }

  @Override
  protected CarbonSource source(HttpFetcher http) {
    return new ElectricityMapsSource(http, TOKEN, EmissionFactor.LIFECYCLE, clock);
  }

  @Override
  protected MappingBuilder forecastRequest() {
    return get(urlPathEqualTo("/carbon-intensity/forecast"));
  }

  @Override
  protected String folder() {
    return "electricitymaps";
  }

  @Override
  protected String successFixture() {
    return "es_forecast_72h.json";
  }

  @Override
  protected String extraFieldsFixture() {
    return "es_forecast_72h_extra_fields.json";
  }

  @Override
  protected double firstGramsPerKwh() {
    return 153; // ES 2022-03-10 12:00 life-cycle 152.92, rounded as the API rounds
  }

  @Override
  protected Signal signal() {
    return Signal.AVERAGE;
  }

  @Override
  protected EmissionFactor factor() {
    return EmissionFactor.LIFECYCLE;
  }

  @Override
  protected List<Secret> secrets() {
    return List.of(TOKEN);
  }
}
