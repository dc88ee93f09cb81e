package dev.carbonshift.plan;

import static dev.carbonshift.plan.Given.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.Forecast;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CapacityTest {
  private static final Duration H = Duration.ofHours(1);

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void exact_plan_matches_brute_force_and_the_heuristic_never_beats_it(long seed) {
    Instance in = Instance.random(seed, 3);
    PlanResult exact = plan(in.jobs, in.regions, in.forecasts);
    PlanResult greedy = plan(in.jobs, in.regions, in.forecasts, heuristicOnly());

    double optimum = BruteForce.optimum(in);
    assertThat(exact.method()).startsWith("exact");
    assertThat(exact.totalGCo2e()).isCloseTo(optimum, Offset.offset(1e-6));
    assertThat(greedy.totalGCo2e()).isGreaterThanOrEqualTo(optimum - 1e-6);
    assertCapacityAndDeadlinesHold(in, exact);
    assertCapacityAndDeadlinesHold(in, greedy);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void with_two_limits_the_exact_plan_matches_brute_force_and_both_limits_hold(long seed) {
    Instance in = Instance.randomWithGpus(seed, 4);
    PlanResult exact = plan(in.jobs, in.regions, in.forecasts);
    PlanResult greedy = plan(in.jobs, in.regions, in.forecasts, heuristicOnly());

    double optimum = BruteForce.optimum(in);
    assertThat(exact.totalGCo2e()).isCloseTo(optimum, Offset.offset(1e-6));
    assertThat(greedy.totalGCo2e()).isGreaterThanOrEqualTo(optimum - 1e-6);
    assertCapacityAndDeadlinesHold(in, exact);
    assertCapacityAndDeadlinesHold(in, greedy);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void heuristic_keeps_capacity_and_deadlines_with_many_jobs_and_the_bound_stays_below(long seed) {
    Instance in = Instance.random(seed, 40);
    PlanResult plan = plan(in.jobs, in.regions, in.forecasts, heuristicOnly());

    assertCapacityAndDeadlinesHold(in, plan);
    double bound =
        Planner.lagrangianBoundGCo2e(
            new PlanRequest(in.jobs, in.regions, in.forecasts, Map.of(), List.of(), T0, null),
            plan.totalGCo2e(),
            200);
    assertThat(bound).isLessThanOrEqualTo(plan.totalGCo2e() + 1e-6).isPositive();
  }

  static void assertCapacityAndDeadlinesHold(Instance in, PlanResult plan) {
    assertThat(plan.placements()).hasSize(in.jobs.size());
    for (Placement p : plan.placements()) {
      PlanJob j = in.jobs.stream().filter(x -> x.id().equals(p.jobId())).findFirst().orElseThrow();
      assertThat(p.end()).isBeforeOrEqualTo(j.deadline());
      assertThat(p.start()).isAfterOrEqualTo(j.earliestStart());
      long ran = p.slices().stream().mapToLong(s -> s.length().toSeconds()).sum();
      assertThat(ran).isEqualTo(j.duration().toSeconds());
      assertThat(p.reason().outcome()).isNotEqualTo(Reason.Outcome.NO_CAPACITY);
    }
    for (PlanRegion r : in.regions) {
      for (int h = 0; h < 48; h++) {
        Instant a = T0.plus(H.multipliedBy(h));
        Instant b = a.plus(H);
        long busy =
            plan.placements().stream()
                .filter(p -> p.regionId().equals(r.id()))
                .filter(
                    p ->
                        p.slices().stream()
                            .anyMatch(s -> s.start().isBefore(b) && s.end().isAfter(a)))
                .count();
        assertThat(busy).as("jobs in %s at hour %d", r.id(), h).isLessThanOrEqualTo(r.capacity());
        int gpus =
            plan.placements().stream()
                .filter(p -> p.regionId().equals(r.id()))
                .filter(
                    p ->
                        p.slices().stream()
                            .anyMatch(s -> s.start().isBefore(b) && s.end().isAfter(a)))
                .mapToInt(
                    p ->
                        in.jobs.stream()
                            .filter(x -> x.id().equals(p.jobId()))
                            .findFirst()
                            .orElseThrow()
                            .gpus())
                .sum();
        if (r.gpus() > 0) {
          assertThat(gpus).as("GPUs in %s at hour %d", r.id(), h).isLessThanOrEqualTo(r.gpus());
        }
      }
    }
  }

  /** Random jobs on hourly forecasts where the cleanest region holds one job at a time. */
  record Instance(List<PlanJob> jobs, List<PlanRegion> regions, Map<String, Forecast> forecasts) {
    /**
     * As {@link #random}, each job asking for 0 to 2 GPUs, and both regions with two limits that
     * can each bind: "a" holds 2 jobs and 3 GPUs, "b" 2 jobs and 2 GPUs.
     */
    static Instance randomWithGpus(long seed, int jobs) {
      Instance base = random(seed, jobs);
      Random rnd = new Random(seed * 31 + 7);
      List<PlanJob> list = new ArrayList<>();
      for (PlanJob j : base.jobs) {
        list.add(
            new PlanJob(
                j.id(),
                j.submittedAt(),
                j.earliestStart(),
                j.deadline(),
                j.duration(),
                j.powerWatts(),
                j.interruptible(),
                j.minSlice(),
                j.resumeKwh(),
                j.priority(),
                j.home(),
                j.regions(),
                false,
                rnd.nextInt(3)));
      }
      return new Instance(
          list,
          List.of(new PlanRegion("a", "A", 1.1, 2, 3), new PlanRegion("b", "B", 1.2, 2, 2)),
          base.forecasts);
    }

    static Instance random(long seed, int jobs) {
      Random rnd = new Random(seed);
      double[] a = new double[48];
      double[] b = new double[48];
      for (int h = 0; h < 48; h++) {
        a[h] = 300 + 150 * Math.sin(h / 3.8) + rnd.nextInt(40);
        b[h] = 80 + 60 * Math.cos(h / 4.0) + rnd.nextInt(40);
      }
      List<PlanJob> list = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        Instant e = T0.plus(H.multipliedBy(rnd.nextInt(jobs > 3 ? 20 : 4)));
        int hours = 1 + rnd.nextInt(3);
        int slack = rnd.nextInt(5);
        list.add(
            new PlanJob(
                "j" + i,
                T0,
                e,
                e.plus(H.multipliedBy(hours + slack)),
                H.multipliedBy(hours),
                500 + rnd.nextInt(1000),
                false,
                null,
                0,
                0,
                "a",
                Set.of()));
      }
      int capA = Math.max(1, jobs / 4);
      return new Instance(
          list,
          List.of(new PlanRegion("a", "A", 1.1, capA), new PlanRegion("b", "B", 1.2, 1)),
          Map.of("A", forecast("A", H, a), "B", forecast("B", H, b)));
    }
  }
}
