package dev.carbonshift.carbon.ukgrid;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.carbonshift.carbon.CarbonSource;
import dev.carbonshift.carbon.CarbonSourceContract;
import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Regions;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.carbon.http.HttpFetcher;
import dev.carbonshift.region.Region;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

class UkGridContractTest extends CarbonSourceContract {

  @Override
  protected Instant now() {
    return Instant.parse("2023-03-10T11:30:00Z");
  }

  @Override
  protected Region region() {
    return Regions.region("gb", "GB", List.of(), null);
  }

  @Override
  protected Instant windowEnd() {
    return now().plus(Duration.ofHours(48));
  }

  @Override
  protected CarbonSource source(HttpFetcher http) {
    return new UkGridSource(http, clock);
  }

  @Override
  protected MappingBuilder forecastRequest() {
    return get(urlPathMatching("/intensity/2023-03-10T11:30Z/fw48h"));
  }

  @Override
  protected String folder() {
    return "ukgrid";
  }

  @Override
  protected String successFixture() {
    return "gb_fw48h_national.json";
  }

  @Override
  protected String extraFieldsFixture() {
    return "gb_fw48h_national_extra_fields.json";
  }

  @Override
  protected double firstGramsPerKwh() {
    return 157; // GB trace 2020-03-10 11:30, 157.49, as the API's whole grams
  }

  @Override
  protected Signal signal() {
    return Signal.AVERAGE;
  }

  @Override
  protected EmissionFactor factor() {
    return EmissionFactor.DIRECT;
  }
}
