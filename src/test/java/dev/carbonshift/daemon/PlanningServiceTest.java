package dev.carbonshift.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.ApiServer;
import dev.carbonshift.carbon.RecordingSleeper;
import dev.carbonshift.carbon.chain.CarbonSources;
import dev.carbonshift.carbon.chain.SourcesConfig;
import dev.carbonshift.plan.PlanJob;
import dev.carbonshift.plan.PlanSettings;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A planning round for a GB job with the UK grid API answering well or badly. */
class PlanningServiceTest {
  @RegisterExtension static final ApiServer API = new ApiServer();

  // the time of the recorded London forecast
  private static final Instant NOW = Instant.parse("2023-03-10T11:30:00Z");
  private static final String LONDON = "/regional/intensity/2023-03-10T11:30Z/fw48h/regionid/13";
  private static final RegionCatalog CATALOG = RegionCatalog.load(Path.of("regions"));

  private final TestClock clock = new TestClock(NOW);
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @Test
  void the_gb_region_is_planned_on_uk_grid_values_and_its_provenance_says_so() {
    answer(200, ApiServer.fixture("ukgrid/gb_regional_fw48h_regionid_13.json"));

    PlanningService.Round round = plan();

    assertThat(round.forecasts().get("gb").source()).isEqualTo("ukgrid");
    assertThat(round.provenanceOf("gb")).startsWith("ukgrid").doesNotContain("→");
    assertThat(round.forecasts().get("es").provenance())
        .startsWith("electricitymaps: not configured")
        .contains("trace ES_2022_hourly");
    assertThat(round.forecasts().keySet()).containsExactlyInAnyOrder("gb", "es");
    assertThat(round.result().find("gb-job")).isPresent();
    API.wireMock().verify(1, getRequestedFor(urlPathEqualTo(LONDON)));
  }

  @Test
  void a_server_error_still_gives_a_plan_and_the_provenance_names_the_failure_and_the_fallback() {
    answer(500, "{\"error\":\"internal\"}");

    PlanningService.Round round = plan();

    assertThat(round.result().find("gb-job")).isPresent();
    assertThat(round.forecasts().get("gb").source()).isEqualTo("trace");
    assertThat(round.forecasts().get("gb").fellBack()).isTrue();
    assertThat(round.provenanceOf("gb"))
        .startsWith("ukgrid: ")
        .contains("HTTP 500")
        .contains("→ trace GB.csv.gz");
    assertThat(sleeper.waits).as("retried without waiting on the wall clock").isNotEmpty();
  }

  @Test
  void a_garbage_answer_still_gives_a_plan_and_the_provenance_names_the_failure_and_the_fallback() {
    answer(200, ApiServer.fixture("ukgrid/malformed.json"));

    PlanningService.Round round = plan();

    assertThat(round.result().find("gb-job")).isPresent();
    assertThat(round.forecasts().get("gb").source()).isEqualTo("trace");
    assertThat(round.provenanceOf("gb"))
        .startsWith("ukgrid: ")
        .contains("malformed JSON")
        .contains("→ trace GB.csv.gz");
  }

  @Test
  void a_region_no_job_may_use_is_not_asked_for() {
    answer(200, ApiServer.fixture("ukgrid/gb_regional_fw48h_regionid_13.json"));

    PlanningService.Round round = plan();

    assertThat(round.forecasts()).doesNotContainKeys("de", "fr", "us-cal-ciso");
    assertThat(round.provenanceOf("de")).isEqualTo("no forecast asked");
  }

  private void answer(int status, String body) {
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo(LONDON))
                .willReturn(
                    aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
  }

  /** A one-hour job at home in GB that may also run in Spain, due in twelve hours. */
  private PlanningService.Round plan() {
    PlanJob job =
        new PlanJob(
            "gb-job",
            NOW,
            null,
            NOW.plus(Duration.ofHours(12)),
            Duration.ofHours(1),
            300,
            false,
            null,
            0,
            0,
            "gb",
            Set.of("gb", "es"));
    try (CarbonSources sources =
        CarbonSources.create(
            SourcesConfig.from(Map.of("CARBONSHIFT_UKGRID_URL", API.url().toString())),
            clock,
            CATALOG::traceOf,
            null,
            sleeper)) {
      return new PlanningService(CATALOG, sources, clock, PlanSettings.DEFAULT)
          .plan(List.of(job), List.of());
    }
  }
}
