package dev.carbonshift.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.carbon.ApiServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code plan --json} when Electricity Maps answers with an impossible intensity (the recorded
 * answer with one value replaced): the value is bad data with the source named, the plan falls back
 * to the next source, and the JSON is valid, with no NaN or Infinity anywhere (it crashed).
 */
class PlanBadIntensityTest {
  @RegisterExtension static final ApiServer API = new ApiServer();
  static final Instant NOW = Instant.parse("2024-03-10T12:00:00Z");

  @TempDir Path work;

  @ParameterizedTest(name = "{0} g/kWh")
  @ValueSource(strings = {"1e308", "5001", "NaN", "-1"})
  void an_impossible_intensity_never_reaches_the_plan_and_the_json_stays_valid(String value)
      throws Exception {
    String body =
        ApiServer.fixture("electricitymaps/es_forecast_72h.json")
            .replaceFirst("\"carbonIntensity\": 153", "\"carbonIntensity\": " + value);
    API.wireMock()
        .stubFor(
            get(urlPathEqualTo("/carbon-intensity/forecast"))
                .willReturn(aResponse().withBody(body)));
    Path job =
        Files.writeString(
            work.resolve("job.yaml"),
            String.join(
                "\n",
                "name: t",
                "kind: train",
                "estimate: {duration: 2h, powerWatts: 300}",
                "deadline: 12h",
                "regions: [es]",
                "home: es",
                ""));
    Map<String, String> env =
        Map.of(
            "CARBONSHIFT_PORT", "0",
            "ELECTRICITYMAPS_API_TOKEN", "em-test-token-0123456789",
            "CARBONSHIFT_ELECTRICITYMAPS_URL", API.url().toString(),
            "CARBONSHIFT_ELECTRICITYMAPS_ATTEMPTS", "1");
    CommandLine cli =
        Main.commandLine(
            new Context(Clock.fixed(NOW, ZoneOffset.UTC), env, work, HardeningCliTest.PROJECT));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("plan", "--json", job.toString());

    assertThat(exit).as(err.toString()).isZero();
    // no NaN or Infinity as a value (the source's reason may quote the bad token, as text)
    assertThat(out.toString()).doesNotContainPattern(":\\s*-?(NaN|Infinity)");
    // strict JSON: Jackson refuses NaN and Infinity tokens unless told otherwise
    JsonNode plan = new ObjectMapper().readTree(out.toString());
    JsonNode es = plan.path("sources").get(0);
    assertThat(es.path("region").asText()).isEqualTo("es");
    assertThat(es.path("fellBack").asBoolean()).as(es.toString()).isTrue();
    assertThat(es.path("provenance").asText())
        .startsWith("electricitymaps: ")
        .containsAnyOf("not an intensity", "malformed JSON");
    JsonNode p = plan.path("placements").get(0);
    for (String figure : new String[] {"kwh", "gCo2e", "baselineGCo2e", "savingPct"}) {
      assertThat(p.path(figure).isNumber()).as(figure + " in " + p).isTrue();
      assertThat(Double.isFinite(p.path(figure).asDouble())).as(figure).isTrue();
    }
    assertThat(p.path("gCo2e").asDouble()).isPositive().isLessThan(2 * 0.3 * 5000);
  }
}
