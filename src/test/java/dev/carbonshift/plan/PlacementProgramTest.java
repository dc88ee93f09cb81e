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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The LP bound (GLOP) and the exact program (SCIP) against brute force on instances small enough to
 * try every plan.
 */
class PlacementProgramTest {
  private static final Duration H = Duration.ofHours(1);

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void bound_lies_below_the_brute_force_optimum_and_the_oracle_reaches_it(long seed) {
    CapacityTest.Instance in = CapacityTest.Instance.random(seed, 4);
    PlanRequest req = request(in.jobs(), in.regions(), in.forecasts());

    double optimum = BruteForce.optimum(in);
    double bound = Planner.lowerBoundGCo2e(req);
    Planner.ExactPlan exact = Planner.solveExact(req, Duration.ofSeconds(20));
    PlanResult oracle = exact.plan();

    assertThat(bound).isLessThanOrEqualTo(optimum + 1e-6).isGreaterThan(0.5 * optimum);
    assertThat(oracle.totalGCo2e()).isCloseTo(optimum, Offset.offset(1e-6));
    assertThat(oracle.method()).startsWith("exact (SCIP, optimal");
    // the 0/1 program's dual bound: proven, so at most the optimum, and SCIP closed the gap
    assertThat(exact.lpBoundGCo2e()).isCloseTo(bound, Offset.offset(1e-6 * optimum));
    assertThat(exact.milpBoundGCo2e())
        .isGreaterThanOrEqualTo(bound - 1e-6)
        .isLessThanOrEqualTo(optimum + 1e-6)
        .isGreaterThanOrEqualTo(optimum * (1 - 1e-3));
    assertThat(exact.milpGap()).isLessThan(1e-3);
    CapacityTest.assertCapacityAndDeadlinesHold(in, oracle);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void with_two_limits_the_bound_lies_below_the_brute_force_optimum_and_the_oracle_reaches_it(
      long seed) {
    CapacityTest.Instance in = CapacityTest.Instance.randomWithGpus(seed, 4);
    PlanRequest req = request(in.jobs(), in.regions(), in.forecasts());

    double optimum = BruteForce.optimum(in);
    double bound = Planner.lowerBoundGCo2e(req);
    double lagrangian = Planner.lagrangianBoundGCo2e(req, optimum, 300);
    Planner.ExactPlan exact = Planner.solveExact(req, Duration.ofSeconds(20));

    assertThat(bound).isLessThanOrEqualTo(optimum + 1e-6).isGreaterThan(0.5 * optimum);
    assertThat(lagrangian).isLessThanOrEqualTo(bound + 1e-6 * bound);
    assertThat(exact.plan().totalGCo2e()).isCloseTo(optimum, Offset.offset(1e-6));
    assertThat(exact.plan().method()).startsWith("exact (SCIP, optimal");
    assertThat(exact.milpBoundGCo2e()).isLessThanOrEqualTo(optimum + 1e-6);
    CapacityTest.assertCapacityAndDeadlinesHold(in, exact.plan());
  }

  @Test
  void bound_is_the_optimum_when_capacity_never_binds() {
    CapacityTest.Instance tight = CapacityTest.Instance.random(3, 6);
    List<PlanRegion> roomy =
        List.of(new PlanRegion("a", "A", 1.1, 100), new PlanRegion("b", "B", 1.2, 100));
    CapacityTest.Instance in = new CapacityTest.Instance(tight.jobs(), roomy, tight.forecasts());

    double optimum = BruteForce.optimum(in);

    assertThat(Planner.lowerBoundGCo2e(request(in.jobs(), roomy, in.forecasts())))
        .isCloseTo(optimum, Offset.offset(1e-6 * optimum));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void bound_is_at_least_the_lagrangian_one(long seed) {
    CapacityTest.Instance in = CapacityTest.Instance.random(seed + 40, 30);
    PlanRequest req = request(in.jobs(), in.regions(), in.forecasts());
    PlanResult plan = Planner.plan(req);

    double lp = Planner.lowerBoundGCo2e(req);
    double lagrangian = Planner.lagrangianBoundGCo2e(req, plan.totalGCo2e(), 300);

    assertThat(lp).isGreaterThanOrEqualTo(lagrangian - 1e-6 * lp);
    assertThat(lp).isLessThanOrEqualTo(plan.totalGCo2e() + 1e-6);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void with_interruptible_jobs_the_bound_and_the_oracle_bracket_the_brute_force_optimum(long seed) {
    Sliced in = Sliced.random(seed);
    PlanRequest req = request(in.jobs, in.regions, in.forecasts);

    double optimum = in.bruteForce();
    double bound = Planner.lowerBoundGCo2e(req);
    Planner.ExactPlan exact = Planner.solveExact(req, Duration.ofSeconds(20));
    PlanResult oracle = exact.plan();

    assertThat(bound).isLessThanOrEqualTo(optimum + 1e-6);
    // the cut on the slots an interruptible job holds keeps the optimum: SCIP still reaches it
    assertThat(oracle.totalGCo2e()).isCloseTo(optimum, Offset.offset(1e-6 * optimum));
    assertThat(exact.milpBoundGCo2e())
        .isGreaterThanOrEqualTo(bound - 1e-6)
        .isLessThanOrEqualTo(optimum + 1e-6);
    CapacityTest.assertCapacityAndDeadlinesHold(
        new CapacityTest.Instance(in.jobs, in.regions, in.forecasts), oracle);
  }

  @Test
  void windows_starting_between_slot_boundaries_stay_above_the_bound() {
    // a job released mid-slot: the bound holds windows starting at any instant
    CapacityTest.Instance base = CapacityTest.Instance.random(9, 5);
    List<PlanJob> shifted = new ArrayList<>();
    for (PlanJob j : base.jobs()) {
      Instant e = j.earliestStart().plusSeconds(17 * 60);
      shifted.add(
          new PlanJob(
              j.id(),
              j.submittedAt(),
              e,
              j.deadline().plusSeconds(17 * 60),
              j.duration().plusMinutes(11),
              j.powerWatts(),
              false,
              null,
              0,
              0,
              j.home(),
              j.regions()));
    }
    PlanRequest req = request(shifted, base.regions(), base.forecasts());

    double bound = Planner.lowerBoundGCo2e(req);
    CapacityTest.Instance in = new CapacityTest.Instance(shifted, base.regions(), base.forecasts());
    double optimum = BruteForce.optimum(in);

    // the exact program also tries windows that end on a slot boundary: never worse
    assertThat(bound).isLessThanOrEqualTo(optimum + 1e-6);
    assertThat(Planner.planExact(req, Duration.ofSeconds(20)).totalGCo2e())
        .isLessThanOrEqualTo(optimum + 1e-6)
        .isGreaterThanOrEqualTo(bound - 1e-6);
  }

  @Test
  void no_plan_respects_capacity_gives_no_bound() {
    // two jobs that must both run now, in a region that holds one
    List<PlanJob> jobs = List.of(job("x", 2, 0, "a", "a"), job("y", 2, 0, "a", "a"));
    PlanRequest req =
        request(jobs, List.of(region("a", 1)), Map.of("A", forecast("A", H, 100, 100, 100, 100)));

    assertThat(Planner.lowerBoundGCo2e(req)).isNaN();
  }

  private static PlanRequest request(
      List<PlanJob> jobs, List<PlanRegion> regions, Map<String, Forecast> forecasts) {
    return new PlanRequest(jobs, regions, forecasts, Map.of(), List.of(), T0, null);
  }

  /** Whole-hour interruptible and non-interruptible jobs on a 12-hour horizon, two regions. */
  record Sliced(List<PlanJob> jobs, List<PlanRegion> regions, Map<String, Forecast> forecasts) {
    static Sliced random(long seed) {
      Random rnd = new Random(seed);
      double[] a = new double[12];
      double[] b = new double[12];
      for (int h = 0; h < 12; h++) {
        a[h] = 200 + rnd.nextInt(200);
        b[h] = 50 + rnd.nextInt(150);
      }
      List<PlanJob> list = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Instant e = T0.plus(H.multipliedBy(rnd.nextInt(3)));
        int hours = 1 + rnd.nextInt(3);
        int slack = 1 + rnd.nextInt(3);
        list.add(
            new PlanJob(
                "j" + i,
                T0,
                e,
                e.plus(H.multipliedBy(hours + slack)),
                H.multipliedBy(hours),
                500 + rnd.nextInt(1000),
                i < 2,
                null,
                0,
                0,
                "a",
                Set.of()));
      }
      return new Sliced(
          list,
          List.of(new PlanRegion("a", "A", 1.1, 2), new PlanRegion("b", "B", 1.2, 1)),
          Map.of("A", forecast("A", H, a), "B", forecast("B", H, b)));
    }

    /** Every region and every set of whole hours (or window, if not interruptible) per job. */
    double bruteForce() {
      PlanRequest req = new PlanRequest(jobs, regions, forecasts, Map.of(), List.of(), T0, null);
      Setup s = Setup.of(req);
      List<List<Option>> all = new ArrayList<>();
      for (JobCtx j : s.jobs) {
        List<Option> opts = new ArrayList<>(Choices.allContiguous(s.grid, j));
        if (j.job.interruptible()) {
          for (int r : j.regions) {
            int c0 = s.grid.cellOf(j.earliest);
            int w = (int) ((j.latestEnd(s.grid, r) - j.earliest) / 3600);
            int d = (int) (j.durationSeconds / 3600);
            for (int mask = 0; mask < 1 << w; mask++) {
              if (Integer.bitCount(mask) != d) {
                continue;
              }
              List<Long> b = new ArrayList<>();
              double grams = 0;
              for (int i = 0; i < w; i++) {
                if ((mask & 1 << i) != 0) {
                  long st = s.grid.cellStart(c0 + i);
                  grams += s.grid.grams(r, st, st + 3600, j.powerKw);
                  if (!b.isEmpty() && b.get(b.size() - 1) == st) {
                    b.set(b.size() - 1, st + 3600);
                  } else {
                    b.add(st);
                    b.add(st + 3600);
                  }
                }
              }
              opts.add(
                  new Option(r, b.stream().mapToLong(Long::longValue).toArray(), grams, grams));
            }
          }
        }
        all.add(opts);
      }
      return BruteForce.optimum(s, all);
    }
  }
}
