package dev.carbonshift.carbon.casdk;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.carbonshift.carbon.CarbonSource;
import dev.carbonshift.carbon.CarbonSourceContract;
import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Regions;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.carbon.http.HttpFetcher;
import dev.carbonshift.region.Region;
import java.time.Instant;
import java.util.List;
import java.util.Map;

class CarbonAwareSdkContractTest extends CarbonSourceContract {

  @Override
  protected Instant now() {
    return Instant.parse("2022-11-02T10:30:00Z");
  }

  @Override
  protected Region region() {
    return Regions.region("us-east", "US-MIDA-PJM", List.of(), null);
  }

  @Override
  protected Instant windowEnd() {
    return Instant.parse("2022-11-02T10:40:00Z");
  }

  @Override
  protected CarbonSource source(HttpFetcher http) {
    return new CarbonAwareSdkSource(http, Signal.MARGINAL, Map.of("us-east", "eastus"), clock);
  }

  @Override
  protected MappingBuilder forecastRequest() {
    return get(urlPathEqualTo("/emissions/forecasts/current"));
  }

  @Override
  protected String folder() {
    return "casdk";
  }

  @Override
  protected String successFixture() {
    return "eastus_forecasts_current.json";
  }

  @Override
  protected String extraFieldsFixture() {
    return "eastus_forecasts_current_extra_fields.json";
  }

  @Override
  protected double firstGramsPerKwh() {
    return 547.3183851085558;
  }

  @Override
  protected Signal signal() {
    return Signal.MARGINAL;
  }

  @Override
  protected EmissionFactor factor() {
    return EmissionFactor.DIRECT;
  }
}
