package dev.carbonshift.plan;

import static dev.carbonshift.plan.Given.T0;
import static dev.carbonshift.plan.Given.forecast;
import static dev.carbonshift.plan.Given.job;
import static dev.carbonshift.plan.Given.region;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The online policy: what a round re-plans, given what changed since the last one. */
class OnlinePlannerTest {
  private static final Duration H = Duration.ofHours(1);

  // Norway is clean and takes one job at a time; Spain is dirty and roomy
  private static final OnlinePlanner.Conditions AT =
      new OnlinePlanner.Conditions(
          List.of(region("no", 1), region("es", 50)),
          Map.of("NO", flat("NO", 10), "ES", flat("ES", 300)),
          Map.of(),
          T0,
          PlanSettings.DEFAULT);

  private static dev.carbonshift.carbon.Forecast flat(String zone, double gramsPerKwh) {
    double[] v = new double[48];
    java.util.Arrays.fill(v, gramsPerKwh);
    return forecast(zone, H, v);
  }

  private static Placement placed(String jobId, String region, int fromHour, int toHour) {
    Instant s = T0.plus(H.multipliedBy(fromHour));
    Instant e = T0.plus(H.multipliedBy(toHour));
    return new Placement(
        jobId,
        region,
        s,
        e,
        List.of(new Slice(s, e)),
        1,
        1,
        1,
        Reason.of(Reason.Outcome.LOWEST_EMISSIONS, "an earlier round"),
        "none");
  }

  private static RunningJob holding(String jobId, String region, int fromHour, int toHour) {
    Placement p = placed(jobId, region, fromHour, toHour);
    return new RunningJob(jobId, region, p.slices());
  }

  private static boolean overlaps(Placement p, RunningJob held) {
    return p.regionId().equals(held.regionId())
        && held.slices().stream()
            .anyMatch(s -> p.start().isBefore(s.end()) && s.start().isBefore(p.end()));
  }

  /** a holds Norway for its first two hours from an earlier round; b has just arrived. */
  private static OnlinePlanner.Queue aPlacedInNorwayThenBArrives() {
    PlanJob a = job("a", 2, 10, "es", "no", "es");
    PlanJob b = job("b", 2, 10, "es", "no", "es");
    return new OnlinePlanner.Queue(
        List.of(a, b), Map.of("a", placed("a", "no", 0, 2)), List.of(), Set.of("b"));
  }

  @Test
  void anticipating_an_arrival_re_plans_every_waiting_job_with_the_futures() {
    OnlinePlanner.Queue queue = aPlacedInNorwayThenBArrives();
    PlanJob soon = job("expected-1-x", 2, 2, "es", "no", "es");
    OnlinePlanner.Conditions anticipating =
        new OnlinePlanner.Conditions(
            AT.regions(),
            AT.forecasts(),
            AT.yearlyGramsPerKwh(),
            AT.now(),
            AT.settings(),
            new Anticipation.Futures(List.of(soon), 1));

    PlanResult result = OnlinePlanner.plan(queue, false, anticipating);

    // myopic, the same round inserts b alone (the test below); anticipating, a moves too if it pays
    assertThat(result.placements()).extracting(Placement::jobId).containsExactly("a", "b");
    assertThat(result.method()).contains("sampled futures");
    for (Placement p : result.placements()) {
      assertThat(p.end()).isBeforeOrEqualTo(T0.plus(H.multipliedBy(12)));
    }
  }

  @Test
  void an_arrival_that_fits_around_the_current_plan_is_inserted_and_the_plan_stands() {
    OnlinePlanner.Queue queue = aPlacedInNorwayThenBArrives();

    PlanResult result = OnlinePlanner.plan(queue, false, AT);

    assertThat(result.placements()).extracting(Placement::jobId).containsExactly("b");
    Placement pb = result.find("b").orElseThrow();
    assertThat(pb.regionId()).isEqualTo("no");
    assertThat(pb.start())
        .as("after a, which keeps Norway")
        .isAfterOrEqualTo(T0.plus(H.multipliedBy(2)));
  }

  @Test
  void an_arrival_that_capacity_displaces_re_plans_the_waiting_jobs_together() {
    PlanJob a = job("a", 2, 10, "es", "no", "es");
    PlanJob urgent = job("urgent", 2, 0, "es", "no", "es");
    OnlinePlanner.Queue queue =
        new OnlinePlanner.Queue(
            List.of(a, urgent), Map.of("a", placed("a", "no", 0, 2)), List.of(), Set.of("urgent"));

    PlanResult result = OnlinePlanner.plan(queue, false, AT);

    // a can wait for Norway, urgent cannot: a moves out of its way
    assertThat(result.placements()).extracting(Placement::jobId).containsExactly("a", "urgent");
    assertThat(result.find("urgent").orElseThrow().regionId()).isEqualTo("no");
    assertThat(result.find("urgent").orElseThrow().start()).isEqualTo(T0);
    Placement pa = result.find("a").orElseThrow();
    assertThat(pa.regionId()).isEqualTo("no");
    assertThat(pa.start()).isAfterOrEqualTo(T0.plus(H.multipliedBy(2)));
  }

  @Test
  void beyond_the_queue_limit_a_displaced_arrival_is_inserted_and_nobody_else_moves() {
    List<PlanJob> waiting = new ArrayList<>();
    Map<String, Placement> current = new HashMap<>();
    waiting.add(job("a", 2, 10, "es", "no", "es"));
    current.put("a", placed("a", "no", 0, 2));
    for (int i = 0; waiting.size() < OnlinePlanner.RESOLVE_QUEUE_UP_TO; i++) {
      waiting.add(job("filler-" + i, 1, 10, "es", "es"));
      current.put("filler-" + i, placed("filler-" + i, "es", 0, 1));
    }
    waiting.add(job("urgent", 2, 0, "es", "no", "es"));
    OnlinePlanner.Queue queue =
        new OnlinePlanner.Queue(waiting, current, List.of(), Set.of("urgent"));

    PlanResult result = OnlinePlanner.plan(queue, false, AT);

    assertThat(queue.waiting()).hasSize(OnlinePlanner.RESOLVE_QUEUE_UP_TO + 1);
    assertThat(result.placements()).extracting(Placement::jobId).containsExactly("urgent");
    assertThat(result.find("urgent").orElseThrow().regionId()).isEqualTo("es");
    // Norway's first hours, its cleanest option, are held by "a", which may not move
    assertThat(result.find("urgent").orElseThrow().reason().cleanestTaken())
        .isEqualTo(new Reason.Taken("no", T0));
  }

  @Test
  void renewed_forecasts_re_plan_every_waiting_job_even_without_arrivals() {
    PlanJob a = job("a", 2, 10, "es", "no", "es");
    PlanJob b = job("b", 2, 10, "es", "no", "es");
    // placed on older forecasts, in Spain
    Map<String, Placement> current =
        Map.of("a", placed("a", "es", 0, 2), "b", placed("b", "es", 0, 2));
    OnlinePlanner.Queue queue =
        new OnlinePlanner.Queue(List.of(a, b), current, List.of(), Set.of());

    PlanResult renewed = OnlinePlanner.plan(queue, true, AT);
    PlanResult unchanged = OnlinePlanner.plan(queue, false, AT);

    assertThat(renewed.placements()).extracting(Placement::jobId).containsExactly("a", "b");
    assertThat(renewed.placements()).extracting(Placement::regionId).containsOnly("no");
    assertThat(queue.settled(false)).isTrue();
    assertThat(queue.settled(true)).isFalse();
    assertThat(unchanged.placements()).isEmpty();
    assertThat(unchanged.method()).isEqualTo(OnlinePlanner.NOTHING_TO_PLAN);
  }

  @Test
  void a_waiting_job_without_a_placement_is_planned_as_an_arrival() {
    PlanJob a = job("a", 2, 10, "es", "no", "es");
    OnlinePlanner.Queue queue = new OnlinePlanner.Queue(List.of(a), Map.of(), List.of(), Set.of());

    assertThat(queue.settled(false)).isFalse();
    assertThat(OnlinePlanner.plan(queue, false, AT).find("a")).isPresent();
  }

  @Test
  void held_jobs_are_never_moved_and_hold_their_capacity() {
    PlanJob urgent = job("urgent", 2, 0, "es", "no", "es");
    RunningJob running = holding("running", "no", 0, 3);
    OnlinePlanner.Queue held =
        new OnlinePlanner.Queue(List.of(urgent), Map.of(), List.of(running), Set.of("urgent"));
    OnlinePlanner.Queue free =
        new OnlinePlanner.Queue(List.of(urgent), Map.of(), List.of(), Set.of("urgent"));

    for (boolean renewed : new boolean[] {true, false}) {
      PlanResult result = OnlinePlanner.plan(held, renewed, AT);
      PlanResult without = OnlinePlanner.plan(free, renewed, AT);

      assertThat(result.placements()).extracting(Placement::jobId).containsExactly("urgent");
      Placement p = result.find("urgent").orElseThrow();
      assertThat(overlaps(p, running)).as("renewed %s", renewed).isFalse();
      assertThat(p.regionId()).isEqualTo("es");
      // without the held job, Norway at once was the choice: the held window is what blocked it
      assertThat(overlaps(without.find("urgent").orElseThrow(), running)).isTrue();
    }
  }

  @Test
  void a_job_that_overruns_holds_its_region_from_now_and_between_slices_only_its_rest() {
    Instant now = T0.plus(H.multipliedBy(5));
    List<Slice> planned =
        List.of(
            new Slice(T0, T0.plus(H.multipliedBy(2))),
            new Slice(T0.plus(H.multipliedBy(4)), T0.plus(H.multipliedBy(6))),
            new Slice(T0.plus(H.multipliedBy(8)), T0.plus(H.multipliedBy(9))));

    RunningJob between = RunningJob.remaining("j", "no", planned, now, 0);
    RunningJob running = RunningJob.running("j", "no", planned, now, H.multipliedBy(3), 0);
    RunningJob overrun =
        RunningJob.running("j", "no", planned.subList(0, 1), now, Duration.ofMinutes(15), 0);

    assertThat(between.slices()).isEqualTo(planned.subList(1, 3));
    // the current slice stretches to now + 3 h and swallows the next one
    assertThat(running.slices())
        .containsExactly(new Slice(T0.plus(H.multipliedBy(4)), T0.plus(H.multipliedBy(9))));
    assertThat(overrun.slices()).containsExactly(new Slice(now, now.plus(Duration.ofMinutes(15))));
  }
}
