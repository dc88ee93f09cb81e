package dev.carbonshift.carbon.chain;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.ApiServer;
import dev.carbonshift.carbon.ForecastCache;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.RecordingSleeper;
import dev.carbonshift.carbon.RegionForecast;
import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.IntensityRepository;
import dev.carbonshift.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CarbonSourcesTest {
  @RegisterExtension static final ApiServer API = new ApiServer();
  static final String TOKEN = "em-secret-token-abc123";
  static final Instant NOW = Instant.parse("2024-03-10T12:00:00Z");

  final TestClock clock = new TestClock(NOW);
  final RegionCatalog catalog = RegionCatalog.load(Path.of("regions"));
  final Region es = catalog.find("es").orElseThrow();

  CarbonSources sources(Map<String, String> env, ForecastCache cache) {
    return CarbonSources.create(
        SourcesConfig.from(env), clock, catalog::traceOf, cache, new RecordingSleeper());
  }

  Map<String, String> electricityMapsOnline() {
    Map<String, String> env = new HashMap<>();
    env.put("ELECTRICITYMAPS_API_TOKEN", TOKEN);
    env.put("CARBONSHIFT_ELECTRICITYMAPS_URL", API.url().toString());
    env.put("CARBONSHIFT_ELECTRICITYMAPS_TIMEOUT", "2s");
    env.put("CARBONSHIFT_ELECTRICITYMAPS_CONNECT_TIMEOUT", "2s");
    env.put("CARBONSHIFT_ELECTRICITYMAPS_ATTEMPTS", "1");
    return env;
  }

  void serveForecast(int status, String body) {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/carbon-intensity/forecast"))
                .willReturn(aResponse().withStatus(status).withBody(body)));
  }

  RegionForecast esNext(CarbonSources s, Duration hours) {
    return s.forecast(es, clock.instant(), clock.instant().plus(hours));
  }

  @Test
  void a_hostile_api_ends_at_its_configured_deadline_and_the_chain_falls_back_saying_why() {
    Map<String, String> env = electricityMapsOnline();
    env.put("CARBONSHIFT_ELECTRICITYMAPS_TIMEOUT", "5s");
    env.put("CARBONSHIFT_ELECTRICITYMAPS_DEADLINE", "1s");
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/carbon-intensity/forecast"))
                .willReturn(
                    aResponse().withBody("x".repeat(30)).withChunkedDribbleDelay(30, 30_000)));

    RegionForecast r = esNext(sources(env, null), Duration.ofHours(6));

    assertThat(r.source()).isEqualTo("trace");
    assertThat(r.provenance())
        .startsWith("electricitymaps: no complete answer within the 1000 ms deadline");
  }

  @Test
  void a_redirect_to_another_host_is_not_followed_with_the_token_and_the_chain_falls_back() {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/carbon-intensity/forecast"))
                .willReturn(
                    aResponse().withStatus(302).withHeader("Location", "http://127.0.0.1:9/x")));

    RegionForecast r = esNext(sources(electricityMapsOnline(), null), Duration.ofHours(6));

    assertThat(r.source()).isEqualTo("trace");
    assertThat(r.provenance())
        .contains("redirected to another host (http://127.0.0.1:9)")
        .doesNotContain(TOKEN);
  }

  @Test
  void offline_with_no_settings_every_region_gets_a_forecast_without_the_network() {
    List<RegionForecast> all =
        sources(Map.of(), null).forecasts(catalog.all(), NOW, NOW.plus(Duration.ofHours(24)));

    assertThat(all)
        .hasSize(catalog.all().size())
        .allSatisfy(r -> assertThat(r.forecast().isEmpty()).isFalse());
    RegionForecast esResult =
        all.stream().filter(r -> r.regionId().equals("es")).findFirst().orElseThrow();
    assertThat(esResult.source()).isEqualTo("trace");
    assertThat(esResult.provenance())
        .isEqualTo(
            "electricitymaps: not configured (set ELECTRICITYMAPS_API_TOKEN)"
                + " → trace ES_2022_hourly.csv.gz replayed at 2022 day-of-year");
    RegionForecast fr =
        all.stream().filter(r -> r.regionId().equals("fr")).findFirst().orElseThrow();
    assertThat(fr.source()).isEqualTo("yearly");
    assertThat(fr.forecast().points()).allMatch(p -> p.kind() == IntensityKind.ESTIMATE);
    assertThat(fr.provenance()).endsWith("yearly average 2024 for FR (estimate)");
    assertThat(API.wireMock().getAllServeEvents()).isEmpty();
  }

  @Test
  void falls_back_to_the_trace_when_electricity_maps_returns_garbage_and_says_why() {
    serveForecast(200, ApiServer.fixture("electricitymaps/malformed.json"));

    RegionForecast r = esNext(sources(electricityMapsOnline(), null), Duration.ofHours(24));

    assertThat(r.source()).isEqualTo("trace");
    assertThat(r.fellBack()).isTrue();
    assertThat(r.provenance())
        .startsWith("electricitymaps: malformed JSON")
        .contains(" → trace ES_2022_hourly.csv.gz replayed");
  }

  @Test
  void falls_back_to_the_trace_when_electricity_maps_times_out() {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/carbon-intensity/forecast"))
                .willReturn(
                    aResponse()
                        .withFixedDelay(500)
                        .withBody(ApiServer.fixture("electricitymaps/es_forecast_72h.json"))));

    Map<String, String> env = electricityMapsOnline();
    env.put("CARBONSHIFT_ELECTRICITYMAPS_TIMEOUT", "0.2s");

    RegionForecast r = esNext(sources(env, null), Duration.ofHours(24));

    assertThat(r.source()).isEqualTo("trace");
    assertThat(r.provenance()).startsWith("electricitymaps: timed out");
  }

  @Test
  void uses_electricity_maps_when_it_answers() {
    serveForecast(200, ApiServer.fixture("electricitymaps/es_forecast_72h.json"));

    RegionForecast r = esNext(sources(electricityMapsOnline(), null), Duration.ofHours(24));

    assertThat(r.source()).isEqualTo("electricitymaps");
    assertThat(r.fellBack()).isFalse();
    assertThat(r.forecast().points())
        .hasSize(24)
        .allMatch(p -> p.source().equals("electricitymaps"));
  }

  @Test
  void uses_the_freshest_stored_forecast_when_the_api_fails_after_a_success() {
    IntensityRepository repo =
        new IntensityRepository(Database.inMemory("chain-" + UUID.randomUUID()));
    CarbonSources s = sources(electricityMapsOnline(), repo);
    serveForecast(200, ApiServer.fixture("electricitymaps/es_forecast_72h.json"));
    esNext(s, Duration.ofHours(24));
    API.wireMock().resetAll();
    serveForecast(503, "{\"message\":\"down\"}");
    clock.advance(Duration.ofMinutes(40));

    RegionForecast r = esNext(s, Duration.ofHours(12));

    assertThat(r.source()).isEqualTo("electricitymaps");
    assertThat(r.provenance())
        .startsWith("electricitymaps: HTTP 503: down")
        .contains("→ stored electricitymaps points fetched at 2024-03-10T12:00:00Z");
    assertThat(r.forecast().points()).isNotEmpty();
  }

  @Test
  void stored_points_that_miss_the_start_of_the_window_do_not_stand_in_for_an_outage() {
    IntensityRepository repo =
        new IntensityRepository(Database.inMemory("chain-" + UUID.randomUUID()));
    CarbonSources s = sources(electricityMapsOnline(), repo);
    serveForecast(200, ApiServer.fixture("electricitymaps/es_forecast_72h.json"));
    s.forecast(es, NOW.plus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(5)));
    API.wireMock().resetAll();
    serveForecast(503, "{}");

    RegionForecast r = esNext(s, Duration.ofHours(6));

    assertThat(r.source()).isEqualTo("trace");
    assertThat(r.provenance()).startsWith("electricitymaps: HTTP 503");
  }

  @Test
  void reuses_a_stored_forecast_until_its_refresh_is_due() {
    IntensityRepository repo =
        new IntensityRepository(Database.inMemory("chain-" + UUID.randomUUID()));
    CarbonSources s = sources(electricityMapsOnline(), repo);
    serveForecast(200, ApiServer.fixture("electricitymaps/es_forecast_72h.json"));
    Instant to = NOW.plus(Duration.ofHours(24));
    s.forecast(es, NOW, to);
    clock.advance(Duration.ofMinutes(20));

    RegionForecast soon = s.forecast(es, clock.instant(), to);
    clock.advance(Duration.ofMinutes(20));
    s.forecast(es, clock.instant(), to);

    assertThat(soon.source()).isEqualTo("electricitymaps");
    assertThat(soon.provenance())
        .startsWith("electricitymaps fetched at 2024-03-10T12:00:00Z (stored; refresh due");
    API.wireMock().verify(2, getRequestedFor(urlPathEqualTo("/carbon-intensity/forecast")));
  }

  @Test
  void fetches_a_past_window_once_and_then_reads_it_from_the_store() {
    IntensityRepository repo =
        new IntensityRepository(Database.inMemory("chain-" + UUID.randomUUID()));
    CarbonSources s = sources(electricityMapsOnline(), repo);
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/carbon-intensity/history"))
                .willReturn(
                    aResponse()
                        .withBody(ApiServer.fixture("electricitymaps/es_history_24h_data.json"))));
    Instant from = NOW.minus(Duration.ofHours(20));
    Instant to = NOW.minus(Duration.ofHours(4));

    RegionForecast first = s.forecast(es, from, to);
    RegionForecast second = s.forecast(es, from, to);

    API.wireMock().verify(1, getRequestedFor(urlPathEqualTo("/carbon-intensity/history")));
    assertThat(second.forecast().points()).isEqualTo(first.forecast().points());
    assertThat(second.provenance()).isEqualTo("stored history");
  }

  @Test
  void the_token_appears_in_no_reason_and_no_stored_row() {
    Database db = Database.inMemory("chain-" + UUID.randomUUID());
    IntensityRepository repo = new IntensityRepository(db);
    serveForecast(401, "{\"message\":\"Token unauthorized: " + TOKEN + "\"}");
    CarbonSources s = sources(electricityMapsOnline(), repo);

    RegionForecast r = esNext(s, Duration.ofHours(6));

    assertThat(r.provenance()).contains("HTTP 401").contains("***").doesNotContain(TOKEN);
    assertThat(s.config().toString()).doesNotContain(TOKEN);
    serveForecast(200, ApiServer.fixture("electricitymaps/es_forecast_72h.json"));
    esNext(s, Duration.ofHours(6));
    assertThat(repo.count("ES", "electricitymaps")).isEqualTo(6);
    List<String> rows =
        db.jdbc().query("SELECT * FROM intensity_points", CarbonSourcesTest::allColumns);
    assertThat(rows).hasSize(6).allSatisfy(row -> assertThat(row).doesNotContain(TOKEN));
  }

  static String allColumns(java.sql.ResultSet rs) throws java.sql.SQLException {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
      out.append(rs.getString(i)).append('|');
    }
    return out.toString();
  }
}
