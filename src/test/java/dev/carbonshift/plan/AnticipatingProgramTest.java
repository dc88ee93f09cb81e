package dev.carbonshift.plan;

import static dev.carbonshift.plan.Given.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.Forecast;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Planning the queue together with sampled futures as one 0/1 program ({@link
 * Planner#plan(PlanRequest, List, int)}): expected jobs weigh 1/samples, may stay unplaced, and are
 * never committed; every queued job keeps a placement within its deadline.
 */
class AnticipatingProgramTest {
  private static final Duration H = Duration.ofHours(1);

  /** Clean "a" holds one job; dirty "b" holds eight; flat for ten hours. */
  private static final List<PlanRegion> REGIONS =
      List.of(new PlanRegion("a", "A", 1.0, 1), new PlanRegion("b", "B", 1.0, 8));

  private static final Map<String, Forecast> FORECASTS =
      Map.of(
          "A", forecast("A", H, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50),
          "B", forecast("B", H, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400));

  /** A two-hour job of {@code watts}, submitted at {@code at}, due {@code dueHours} later. */
  private static PlanJob job(String id, Instant at, double watts, int dueHours) {
    return new PlanJob(
        id,
        at,
        at,
        at.plus(H.multipliedBy(dueHours)),
        H.multipliedBy(2),
        watts,
        false,
        null,
        0,
        0,
        "b",
        Set.of(),
        false,
        0);
  }

  private static PlanRequest request(List<PlanJob> queue) {
    return new PlanRequest(queue, REGIONS, FORECASTS, Map.of(), List.of(), T0, null);
  }

  @Test
  void a_light_job_that_can_wait_leaves_the_clean_slot_to_an_expected_heavy_one() {
    PlanJob light = job("light", T0, 100, 8);
    // expected in an hour: a 3 kW job that must be done two hours after it arrives
    List<PlanJob> expected = List.of(job("heavy", T0.plus(H), 3000, 2));

    PlanResult myopic = Planner.plan(request(List.of(light)));
    PlanResult anticipating = Planner.plan(request(List.of(light)), expected, 1);

    // alone, the light job takes the clean region at once, where the heavy one will need it
    assertThat(myopic.placements().get(0).regionId()).isEqualTo("a");
    assertThat(myopic.placements().get(0).start()).isEqualTo(T0);
    // with the future in view it still runs clean, after the heavy job's window
    Placement p = anticipating.placements().get(0);
    assertThat(anticipating.placements()).hasSize(1);
    assertThat(anticipating.method()).contains("sampled futures");
    assertThat(p.jobId()).isEqualTo("light");
    assertThat(p.regionId()).isEqualTo("a");
    assertThat(p.start()).isAfterOrEqualTo(T0.plus(H.multipliedBy(3)));
    assertThat(p.end()).isBeforeOrEqualTo(light.deadline());
  }

  @Test
  void a_small_expected_job_does_not_move_a_heavy_queued_one() {
    PlanJob heavy = job("heavy", T0, 3000, 2);
    List<PlanJob> expected = List.of(job("light", T0.plus(H), 100, 2));

    Placement p = Planner.plan(request(List.of(heavy)), expected, 1).placements().get(0);

    assertThat(p.regionId()).isEqualTo("a");
    assertThat(p.start()).isEqualTo(T0);
  }

  @Test
  void futures_that_cannot_all_fit_leave_expected_jobs_unplaced_and_the_queue_within_deadlines() {
    List<PlanJob> queue = List.of(job("q1", T0, 500, 10), job("q2", T0, 500, 10));
    // six urgent expected jobs, three samples: twice what the clean region can hold at once
    List<PlanJob> expected =
        List.of(
            job("e1", T0.plus(H), 3000, 2),
            job("e2", T0.plus(H), 3000, 2),
            job("e3", T0.plus(H), 3000, 2),
            job("e4", T0.plus(H), 3000, 2),
            job("e5", T0.plus(H), 3000, 2),
            job("e6", T0.plus(H), 3000, 2));

    PlanResult plan = Planner.plan(request(queue), expected, 3);

    assertThat(plan.method()).contains("sampled futures").doesNotContain("myopic kept");
    assertThat(plan.placements()).extracting(Placement::jobId).containsExactly("q1", "q2");
    for (Placement p : plan.placements()) {
      assertThat(p.end()).isBeforeOrEqualTo(T0.plus(H.multipliedBy(10)));
      assertThat(p.reason().outcome()).isEqualTo(Reason.Outcome.LOWEST_EMISSIONS);
    }
    // the clean region holds one job at a time: the two queued jobs never overlap there
    List<Placement> inA = plan.placements().stream().filter(p -> p.regionId().equals("a")).toList();
    if (inA.size() == 2) {
      Placement x = inA.get(0);
      Placement y = inA.get(1);
      assertThat(x.end().isAfter(y.start()) && y.end().isAfter(x.start())).isFalse();
    }
    // the clean region's hours the expected jobs need (1 h to 3 h) are left to them
    assertThat(inA)
        .allSatisfy(
            p ->
                assertThat(
                        p.end().isAfter(T0.plus(H))
                            && p.start().isBefore(T0.plus(H.multipliedBy(3))))
                    .isFalse());
  }
}
