package dev.carbonshift.plan;

import static dev.carbonshift.plan.Given.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A region that counts GPUs ({@code gpus.count}) holds at most that many in use per slot; jobs that
 * ask for none hold one unit, as in a region that counts jobs.
 */
class GpuCapacityTest {
  private static final Duration H = Duration.ofHours(1);

  /** Clean region "a" with 8 GPUs and room for 8 jobs; dirty region "b" counts jobs only. */
  private static final List<PlanRegion> REGIONS =
      List.of(new PlanRegion("a", "A", 1.0, 8, 8), new PlanRegion("b", "B", 1.0, 8));

  private static final Map<String, dev.carbonshift.carbon.Forecast> FORECASTS =
      Map.of(
          "A", forecast("A", H, 50, 50, 50, 50, 50, 50, 50, 50),
          "B", forecast("B", H, 400, 400, 400, 400, 400, 400, 400, 400));

  /** Three 4-GPU jobs that must all run in the first two hours: 12 GPUs where 8 exist. */
  private static List<PlanJob> bigJobs(boolean interruptible) {
    List<PlanJob> jobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jobs.add(gpuJob("g" + i, 4, interruptible));
    }
    return jobs;
  }

  private static PlanJob gpuJob(String id, int gpus, boolean interruptible) {
    return new PlanJob(
        id,
        T0,
        T0,
        T0.plus(H.multipliedBy(2)),
        H.multipliedBy(2),
        1000,
        interruptible,
        null,
        0,
        0,
        "b",
        Set.of(),
        false,
        gpus);
  }

  @Test
  void the_planner_never_puts_more_gpus_in_a_slot_than_the_region_has() {
    for (boolean interruptible : new boolean[] {false, true}) {
      PlanRequest req =
          new PlanRequest(
              bigJobs(interruptible), REGIONS, FORECASTS, Map.of(), List.of(), T0, null);
      for (PlanResult plan :
          List.of(
              Planner.plan(req),
              Planner.plan(
                  new PlanRequest(
                      req.jobs(), REGIONS, FORECASTS, Map.of(), List.of(), T0, heuristicOnly())),
              Planner.planExact(req, Duration.ofSeconds(20)))) {
        assertThat(gpusInA(plan, req.jobs())).as(plan.method()).allMatch(n -> n <= 8);
        // two fit in the clean region, the third goes to b
        assertThat(plan.placements().stream().filter(p -> p.regionId().equals("a"))).hasSize(2);
      }
    }
  }

  @Test
  void without_gpus_the_same_jobs_would_all_fit_by_job_count() {
    // the region counts 8 jobs: if GPUs were not counted, all three would run in "a"
    List<PlanJob> counted = bigJobs(false).stream().map(j -> gpuJob(j.id(), 0, false)).toList();
    PlanResult plan =
        Planner.plan(new PlanRequest(counted, REGIONS, FORECASTS, Map.of(), List.of(), T0, null));

    assertThat(plan.placements()).allMatch(p -> p.regionId().equals("a"));
  }

  @Test
  void the_bound_counts_gpus_too() {
    PlanRequest req =
        new PlanRequest(bigJobs(false), REGIONS, FORECASTS, Map.of(), List.of(), T0, null);
    PlanRequest asJobs =
        new PlanRequest(
            bigJobs(false).stream().map(j -> gpuJob(j.id(), 0, false)).toList(),
            REGIONS,
            FORECASTS,
            Map.of(),
            List.of(),
            T0,
            null);

    double bound = Planner.lowerBoundGCo2e(req);
    double plan = Planner.plan(req).totalGCo2e();

    // one job's worth of energy (2 kWh) must run at 400 instead of 50 g/kWh, in the LP too
    assertThat(bound).isGreaterThan(Planner.lowerBoundGCo2e(asJobs) + 2 * 300);
    assertThat(bound).isLessThanOrEqualTo(plan + 1e-6);
  }

  private static List<Integer> gpusInA(PlanResult plan, List<PlanJob> jobs) {
    List<Integer> perHour = new ArrayList<>();
    for (int h = 0; h < 8; h++) {
      Instant a = T0.plus(H.multipliedBy(h));
      Instant b = a.plus(H);
      int n = 0;
      for (Placement p : plan.placements()) {
        PlanJob j = jobs.stream().filter(x -> x.id().equals(p.jobId())).findFirst().orElseThrow();
        boolean runs =
            p.regionId().equals("a")
                && p.slices().stream().anyMatch(s -> s.start().isBefore(b) && s.end().isAfter(a));
        n += runs ? j.gpus() : 0;
      }
      perHour.add(n);
    }
    return perHour;
  }
}
