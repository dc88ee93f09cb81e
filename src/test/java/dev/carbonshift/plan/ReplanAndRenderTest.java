package dev.carbonshift.plan;

import static dev.carbonshift.plan.Given.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.job.Estimate;
import dev.carbonshift.job.JobKind;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.job.TimeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplanAndRenderTest {
  private static final Duration H = Duration.ofHours(1);

  @Test
  void a_job_not_yet_started_moves_when_a_fresher_forecast_arrives() {
    List<PlanJob> jobs = List.of(job("j", 1, 5, "home"));
    var first = Map.of("HOME", forecast("HOME", H, 300, 100, 300, 300, 300, 300));
    var fresher = Map.of("HOME", forecast("HOME", H, 300, 300, 300, 300, 50, 300));

    Placement before = plan(jobs, List.of(region("home", 1)), first).find("j").orElseThrow();
    Placement after = plan(jobs, List.of(region("home", 1)), fresher).find("j").orElseThrow();

    assertThat(hour(before.start())).isEqualTo(1);
    assertThat(hour(after.start())).isEqualTo(4);
  }

  @Test
  void a_started_job_keeps_its_slot_and_others_plan_around_it() {
    var f = Map.of("HOME", forecast("HOME", H, 300, 10, 20, 300));
    RunningJob started =
        new RunningJob("old", "home", List.of(new Slice(T0.plus(H), T0.plus(H.multipliedBy(2)))));
    PlanRequest req =
        new PlanRequest(
            List.of(job("j", 1, 3, "home")),
            List.of(region("home", 1)),
            f,
            Map.of(),
            List.of(started),
            T0,
            PlanSettings.DEFAULT);

    Placement p = Planner.plan(req).find("j").orElseThrow();

    assertThat(hour(p.start())).isEqualTo(2);
  }

  @Test
  void renders_the_plan_as_json_with_every_documented_field_and_as_a_table() throws Exception {
    var f =
        Map.of(
            "HOME", forecast("HOME", H, 300, 100, 300), "GREEN", forecast("GREEN", H, 20, 20, 20));
    PlanResult r =
        plan(
            List.of(job("a \"quoted\" job", 1, 1, "home", "*")),
            List.of(region("home", 1), region("green", 1)),
            f);

    JsonNode p = new ObjectMapper().readTree(PlanRenderer.json(r)).get("placements").get(0);
    for (String field :
        List.of(
            "job",
            "region",
            "start",
            "end",
            "slices",
            "kwh",
            "gCo2e",
            "baselineGCo2e",
            "savingPct",
            "reason",
            "fallback")) {
      assertThat(p.has(field)).as(field).isTrue();
    }
    assertThat(p.get("job").asText()).isEqualTo("a \"quoted\" job");
    assertThat(p.get("savingPct").asDouble()).isGreaterThan(90);
    Reason why = r.placements().get(0).reason();
    assertThat(p.get("reason").asText()).isEqualTo(why.text());
    assertThat(p.get("outcome").asText()).isEqualTo("LOWEST_EMISSIONS");
    assertThat(p.get("cleanestTaken").isNull()).isTrue();
    assertThat(p.get("intensityFallback").isNull()).isTrue();
    assertThat(p.get("notes")).extracting(JsonNode::asText).containsExactlyElementsOf(why.notes());
    assertThat(p.get("method").isNull()).as("a plan's method is the plan's").isTrue();
    assertThat(PlanRenderer.table(r)).contains("green").contains("why: ").contains("fallback: ");
  }

  @Test
  void json_gives_every_part_of_a_reason_back_as_it_was() throws Exception {
    Reason why =
        new Reason(
            Reason.Outcome.LOWEST_EMISSIONS,
            "lowest expected emissions among es, no",
            new Reason.Taken("no", T0.plus(H)),
            "no forecast for ES: its \"yearly\" mean",
            List.of("estimated by default", "a\tb\\c"),
            "exact");
    Placement placed =
        new Placement(
            "j", "es", T0, T0.plus(H), List.of(new Slice(T0, T0.plus(H))), 1, 2, 3, why, "none");

    JsonNode p =
        new ObjectMapper()
            .readTree(PlanRenderer.json(new PlanResult(List.of(placed), "exact", List.of())))
            .get("placements")
            .get(0);

    assertThat(p.get("reason").asText()).isEqualTo(why.text());
    assertThat(p.get("outcome").asText()).isEqualTo("LOWEST_EMISSIONS");
    assertThat(p.get("method").asText()).isEqualTo("exact");
    assertThat(p.get("cleanestTaken").get("region").asText()).isEqualTo("no");
    assertThat(p.get("cleanestTaken").get("start").asText()).isEqualTo(T0.plus(H).toString());
    assertThat(p.get("intensityFallback").asText()).isEqualTo(why.intensityFallback());
    assertThat(p.get("notes")).extracting(JsonNode::asText).containsExactlyElementsOf(why.notes());
    // the API reads the same parts, by the same names, through Jackson
    assertThat(new ObjectMapper().valueToTree(why.parts()).equals(withoutPlacementFields(p)))
        .isTrue();
  }

  private static JsonNode withoutPlacementFields(JsonNode placement) {
    var n = ((com.fasterxml.jackson.databind.node.ObjectNode) placement).deepCopy();
    n.retain("outcome", "method", "cleanestTaken", "intensityFallback", "notes");
    return n;
  }

  @Test
  void builds_a_plan_job_from_a_descriptor() {
    JobSpec spec =
        new JobSpec(
            "train",
            "team",
            JobKind.values()[0],
            Strategy.values()[0],
            "m",
            null,
            null,
            null,
            null,
            new Estimate(Duration.ofHours(3), 250),
            null,
            new TimeSpec.After(Duration.ofHours(12)),
            List.of("es", "no"),
            "es",
            true,
            Duration.ofMinutes(30),
            2,
            null,
            null,
            0);

    PlanJob j = PlanJob.of("train-1", spec, T0);

    assertThat(j.deadline()).isEqualTo(T0.plus(Duration.ofHours(12)));
    assertThat(j.earliestStart()).isEqualTo(T0);
    assertThat(j.energyKwh()).isEqualTo(0.75);
    assertThat(j.allows("no")).isTrue();
    assertThat(j.allows("us-cal-ciso")).isFalse();
    assertThat(j.interruptible()).isTrue();
  }
}
