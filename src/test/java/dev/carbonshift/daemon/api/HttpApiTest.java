package dev.carbonshift.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.job.JobState;
import dev.carbonshift.plan.Reason;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.RunState;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP API on a real port over a real H2 store. */
class HttpApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ApiFixture f = new ApiFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private String submitted() throws Exception {
    HttpResponse<String> r =
        f.post("jobs", "application/yaml", ApiFixture.descriptor("weather-seattle-train.yaml"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get("id").asText();
  }

  @Test
  void posting_yaml_stores_the_job_and_answers_201_with_its_location() throws Exception {
    HttpResponse<String> r =
        f.post("jobs", "application/yaml", ApiFixture.descriptor("weather-seattle-train.yaml"));

    assertThat(r.statusCode()).isEqualTo(201);
    String id = json(r).get("id").asText();
    assertThat(r.headers().firstValue("Location")).contains("/jobs/" + id);
    assertThat(f.store.jobs().find(id)).get().extracting(j -> j.state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void posting_json_without_a_content_type_is_sniffed_and_stored_as_json() throws Exception {
    String body =
        "{\"name\": \"j1\", \"kind\": \"train\", \"model\": \"m\",\n"
            + " \"dataset\": {\"path\": \"data.csv\", \"label\": \"y\"},\n"
            + " \"estimate\": {\"duration\": \"1h\", \"powerWatts\": 100},\n"
            + " \"deadline\": \"24h\", \"regions\": [\"de\"], \"home\": \"de\"}";
    HttpResponse<String> r =
        f.send(f.request("jobs").POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String id = json(r).get("id").asText();
    assertThat(f.store.jobs().find(id).orElseThrow().descriptorFormat()).isEqualTo("json");
  }

  @Test
  void a_bad_descriptor_gets_a_400_problem_naming_line_and_field() throws Exception {
    String bad =
        ApiFixture.descriptor("weather-seattle-train.yaml").replace("home: de", "home: atlantis");
    int homeLine = java.util.Arrays.asList(bad.split("\n")).indexOf("home: atlantis") + 1;
    HttpResponse<String> r = f.post("jobs", "application/yaml", bad);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/problem+json");
    JsonNode p = json(r);
    assertThat(p.get("status").asInt()).isEqualTo(400);
    assertThat(p.get("instance").asText()).isEqualTo("/jobs");
    JsonNode e = p.get("errors").get(0);
    assertThat(e.get("file").asText()).isEqualTo("request.yaml");
    assertThat(e.get("field").asText()).isEqualTo("home");
    assertThat(e.get("line").asInt()).isEqualTo(homeLine);
    assertThat(p.get("detail").asText()).startsWith("request.yaml:" + homeLine + ": home: ");
    assertThat(f.store.jobs().all()).isEmpty();
  }

  @Test
  void a_body_over_the_cap_gets_413_with_or_without_a_length() throws Exception {
    try (ApiFixture small =
        new ApiFixture(ApiSettings.defaults().withPort(0).withMaxBodyBytes(1024))) {
      String big =
          "# " + "x".repeat(4096) + "\n" + ApiFixture.descriptor("weather-seattle-train.yaml");
      HttpResponse<String> withLength = small.post("jobs", "application/yaml", big);
      HttpResponse<String> chunked =
          small.send(
              small
                  .request("jobs")
                  .header("Content-Type", "application/yaml")
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new ByteArrayInputStream(big.getBytes()))));

      assertThat(withLength.statusCode()).isEqualTo(413);
      assertThat(chunked.statusCode()).isEqualTo(413);
      assertThat(json(chunked).get("type").asText())
          .isEqualTo("urn:carbonshift:problem:body-too-large");
      assertThat(small.store.jobs().all()).isEmpty();
    }
  }

  @Test
  void get_job_shows_its_placement_and_runs() throws Exception {
    String id = submitted();
    f.store
        .placements()
        .save(
            new PlacementRecord(
                0,
                id,
                ApiFixture.NOW,
                "no",
                ApiFixture.NOW.plusSeconds(3600),
                ApiFixture.NOW.plusSeconds(7200),
                "[{\"start\":\"2026-03-01T01:00:00Z\",\"end\":\"2026-03-01T02:00:00Z\"}]",
                0.2,
                5.0,
                80.0,
                new Reason(
                    Reason.Outcome.LOWEST_EMISSIONS,
                    "lowest intensity in the window",
                    new Reason.Taken("es", ApiFixture.NOW),
                    null,
                    List.of("default estimate"),
                    "heuristic"),
                null));
    long run = f.store.runs().start(id, "no", ApiFixture.NOW.plusSeconds(3600));
    f.store.runs().finish(run, RunState.INTERRUPTED, ApiFixture.NOW.plusSeconds(5400));

    JsonNode j = json(f.get("jobs/" + id));

    assertThat(j.get("state").asText()).isEqualTo("QUEUED");
    JsonNode p = j.get("placement");
    assertThat(p.get("region").asText()).isEqualTo("no");
    assertThat(p.get("start").asText()).isEqualTo("2026-03-01T01:00:00Z");
    assertThat(p.get("slices").get(0).get("end").asText()).isEqualTo("2026-03-01T02:00:00Z");
    assertThat(p.get("reason").asText())
        .isEqualTo(
            "lowest intensity in the window; capacity: the cleanest option (es from"
                + " 2026-03-01T00:00:00Z) was taken by others; default estimate [heuristic]");
    assertThat(p.get("outcome").asText()).isEqualTo("LOWEST_EMISSIONS");
    assertThat(p.get("method").asText()).isEqualTo("heuristic");
    assertThat(p.get("cleanestTaken").get("region").asText()).isEqualTo("es");
    assertThat(p.get("cleanestTaken").get("start").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(p.get("intensityFallback").isNull()).isTrue();
    assertThat(p.get("notes")).extracting(JsonNode::asText).containsExactly("default estimate");
    assertThat(p.get("fallback").isNull()).isTrue();
    JsonNode r = j.get("runs").get(0);
    assertThat(r.get("state").asText()).isEqualTo("INTERRUPTED");
    assertThat(r.get("end").asText()).isEqualTo("2026-03-01T01:30:00Z");
    assertThat(r.has("kgCo2e")).isTrue();
    JsonNode list = json(f.get("jobs"));
    assertThat(list.get(0).get("region").asText()).isEqualTo("no");
    assertThat(list.get(0).get("team").asText()).isEqualTo("forecasting");
  }

  @Test
  void delete_cancels_and_a_second_delete_is_a_409_problem() throws Exception {
    String id = submitted();

    HttpResponse<String> first = f.send(f.request("jobs/" + id).DELETE());
    HttpResponse<String> second = f.send(f.request("jobs/" + id).DELETE());

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(f.store.jobs().find(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(json(second).get("detail").asText()).contains("CANCELLED is final");
  }

  @Test
  void unknown_jobs_and_routes_are_404_problems() throws Exception {
    HttpResponse<String> job = f.get("jobs/job-nope");
    HttpResponse<String> route = f.get("nowhere");
    HttpResponse<String> cancel = f.send(f.request("jobs/job-nope").DELETE());

    assertThat(job.statusCode()).isEqualTo(404);
    assertThat(json(job).get("detail").asText()).contains("job-nope");
    assertThat(route.statusCode()).isEqualTo(404);
    assertThat(route.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/problem+json");
    assertThat(cancel.statusCode()).isEqualTo(404);
  }

  @Test
  void metrics_show_the_queue_by_state_and_submissions() throws Exception {
    submitted();
    submitted();
    f.metrics.sourceFailure("watttime");
    f.metrics.planDuration(Duration.ofMillis(250));
    f.metrics.heartbeatMissed();
    f.metrics.periodicTaskFailure("replan");
    String id = submitted();
    f.store
        .runs()
        .finish(f.store.runs().start(id, "de", ApiFixture.NOW), RunState.FAILED, ApiFixture.NOW);

    HttpResponse<String> r = f.get("metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("carbonshift_jobs{state=\"QUEUED\"} 3.0")
        .contains("carbonshift_jobs{state=\"CANCELLED\"} 0.0")
        .contains("carbonshift_jobs_submitted_total 3.0")
        .contains("carbonshift_runs_total{state=\"FAILED\"} 1.0")
        .contains("carbonshift_heartbeats_missed_total 1.0")
        .contains("carbonshift_task_failures_total{task=\"replan\"} 1.0")
        .contains("carbonshift_source_failures_total{source=\"watttime\"} 1.0")
        .contains("carbonshift_plan_duration_seconds_count 1")
        .contains("carbonshift_energy_kwh_total 0.0");
  }

  @Test
  void health_regions_plan_and_reports_answer() throws Exception {
    JsonNode h = json(f.get("health"));
    assertThat(h.get("status").asText()).isEqualTo("ok");
    assertThat(h.get("daemonId").asText()).isEqualTo("test-daemon");
    assertThat(h.get("version").asText()).isEqualTo("0.1-test");
    assertThat(json(f.get("regions")).findValuesAsText("id")).contains("de", "no");
    assertThat(json(f.get("plan")).isArray()).isTrue();
    HttpResponse<String> reports = f.get("reports?from=2026-01-01&to=2026-03-31&format=json");
    assertThat(reports.statusCode()).isEqualTo(200);
    assertThat(json(reports).get("noRuns").asBoolean()).isTrue();
    HttpResponse<String> bad = f.get("reports?from=2026-01-01&to=2026-03-31&by=colour");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("detail").asText())
        .contains("by")
        .contains("team, model, region, job, month");
  }
}
