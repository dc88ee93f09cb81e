package dev.carbonshift.plan;

import static dev.carbonshift.plan.Given.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.region.RegionCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A region has two limits per slot: at most {@code capacity} jobs and, where its file gives {@code
 * gpus.count}, at most that many GPUs in use. A job holds one job and the GPUs it asks for; one
 * that does not say holds none.
 */
class GpuCapacityTest {
  private static final Duration H = Duration.ofHours(1);

  /** Clean "a" and dirty "b" for eight hours. */
  private static final Map<String, Forecast> FORECASTS =
      Map.of(
          "A", forecast("A", H, 50, 50, 50, 50, 50, 50, 50, 50),
          "B", forecast("B", H, 400, 400, 400, 400, 400, 400, 400, 400));

  @TempDir Path dir;

  /** A job of 1 kW for two hours that must end within {@code deadlineHours}, at home in b. */
  private static PlanJob job(String id, int gpus, int deadlineHours, boolean interruptible) {
    return new PlanJob(
        id,
        T0,
        T0,
        T0.plus(H.multipliedBy(deadlineHours)),
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

  /** Region files: "a" holds 4 jobs and has 4 GPUs; "b" holds 8 jobs and does not count GPUs. */
  private List<PlanRegion> regionsFromFiles() throws IOException {
    Files.writeString(
        dir.resolve("a.yaml"),
        "id: a\nzone: A\npue: 1.0\ncapacity: 4\n"
            + "gpus: {model: NVIDIA T4, count: 4, tdpWatts: 70}\nsources: [yearly]\n");
    Files.writeString(
        dir.resolve("b.yaml"), "id: b\nzone: B\npue: 1.0\ncapacity: 8\nsources: [yearly]\n");
    return RegionCatalog.load(dir).all().stream().map(PlanRegion::of).toList();
  }

  @Test
  void a_region_file_gives_the_planner_both_limits() throws IOException {
    List<PlanRegion> regions = regionsFromFiles();

    assertThat(regions).contains(new PlanRegion("a", "A", 1.0, 4, 4));
    assertThat(regions).contains(new PlanRegion("b", "B", 1.0, 8, 0));
  }

  @Test
  void a_gpu_region_that_jobs_alone_would_over_fill_holds_at_most_its_gpus() throws IOException {
    List<PlanRegion> regions = regionsFromFiles();
    for (boolean interruptible : new boolean[] {false, true}) {
      // three 2-GPU jobs that must run now: 3 jobs fit in a's capacity, their 6 GPUs do not
      List<PlanJob> jobs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        jobs.add(job("g" + i, 2, 2, interruptible));
      }
      PlanRequest req = new PlanRequest(jobs, regions, FORECASTS, Map.of(), List.of(), T0, null);
      PlanResult exact = Planner.planExact(req, Duration.ofSeconds(20));
      List<PlanResult> plans =
          List.of(
              Planner.plan(req),
              Planner.plan(
                  new PlanRequest(
                      jobs, regions, FORECASTS, Map.of(), List.of(), T0, heuristicOnly())),
              exact);
      for (PlanResult plan : plans) {
        assertLimitsAndDeadlinesHold(plan, jobs, regions);
        // two fit in the clean region, the third goes to b: the deadline is kept there
        assertThat(inRegion(plan, "a")).as(plan.method()).hasSize(2);
        assertThat(plan.totalGCo2e()).isCloseTo(exact.totalGCo2e(), Offset.offset(1e-6));
      }
      // the LP counts GPUs too: one job's 2 kWh runs at 400 instead of 50 g/kWh in it as well
      double bound = Planner.lowerBoundGCo2e(req);
      List<PlanJob> asJobs = jobs.stream().map(j -> job(j.id(), 0, 2, interruptible)).toList();
      double jobsOnly =
          Planner.lowerBoundGCo2e(
              new PlanRequest(asJobs, regions, FORECASTS, Map.of(), List.of(), T0, null));
      assertThat(bound).isCloseTo(jobsOnly + 2 * 350, Offset.offset(1e-6 * bound));
      assertThat(bound).isLessThanOrEqualTo(exact.totalGCo2e() + 1e-6);
      assertThat(exact.method()).contains("optimal");
    }
  }

  @Test
  void the_job_limit_still_binds_where_gpus_are_plenty() {
    List<PlanRegion> regions =
        List.of(new PlanRegion("a", "A", 1.0, 2, 8), new PlanRegion("b", "B", 1.0, 8));
    List<PlanJob> jobs =
        List.of(job("x", 1, 2, false), job("y", 1, 2, false), job("z", 1, 2, false));
    PlanRequest req = new PlanRequest(jobs, regions, FORECASTS, Map.of(), List.of(), T0, null);

    for (PlanResult plan :
        List.of(
            Planner.plan(req),
            Planner.plan(
                new PlanRequest(
                    jobs, regions, FORECASTS, Map.of(), List.of(), T0, heuristicOnly())),
            Planner.planExact(req, Duration.ofSeconds(20)))) {
      assertLimitsAndDeadlinesHold(plan, jobs, regions);
      assertThat(inRegion(plan, "a")).as(plan.method()).hasSize(2);
    }
    assertThat(Planner.lowerBoundGCo2e(req))
        .isCloseTo(
            Planner.planExact(req, Duration.ofSeconds(20)).totalGCo2e(), Offset.offset(1e-6));
  }

  @Test
  void jobs_that_ask_for_no_gpus_hold_none() {
    // 4 jobs and 2 GPUs: both jobs that need none run beside one 2-GPU job; the other goes to b
    List<PlanRegion> regions =
        List.of(new PlanRegion("a", "A", 1.0, 4, 2), new PlanRegion("b", "B", 1.0, 8));
    List<PlanJob> jobs =
        List.of(
            job("g1", 2, 2, false),
            job("g2", 2, 2, false),
            job("c1", 0, 2, false),
            job("c2", 0, 2, false));
    PlanRequest req = new PlanRequest(jobs, regions, FORECASTS, Map.of(), List.of(), T0, null);

    for (PlanResult plan :
        List.of(
            Planner.plan(req),
            Planner.plan(
                new PlanRequest(
                    jobs, regions, FORECASTS, Map.of(), List.of(), T0, heuristicOnly())),
            Planner.planExact(req, Duration.ofSeconds(20)))) {
      assertLimitsAndDeadlinesHold(plan, jobs, regions);
      assertThat(inRegion(plan, "a")).as(plan.method()).hasSize(3).contains("c1", "c2");
    }
  }

  @Test
  void a_held_job_keeps_its_gpus() {
    List<PlanRegion> regions =
        List.of(new PlanRegion("a", "A", 1.0, 4, 4), new PlanRegion("b", "B", 1.0, 8));
    // started: all four GPUs of a for the first two hours, one job of its four
    RunningJob held =
        new RunningJob("old", "a", List.of(new Slice(T0, T0.plus(H.multipliedBy(2)))), 4);
    PlanJob late = job("new", 2, 4, false);

    Placement p =
        Planner.plan(
                new PlanRequest(
                    List.of(late), regions, FORECASTS, Map.of(), List.of(held), T0, null))
            .placements()
            .get(0);

    assertThat(p.regionId()).isEqualTo("a");
    assertThat(p.start()).isEqualTo(T0.plus(H.multipliedBy(2)));
  }

  @Test
  void a_job_asking_more_gpus_than_any_of_its_regions_has_says_so() {
    List<PlanRegion> regions =
        List.of(new PlanRegion("a", "A", 1.0, 4, 4), new PlanRegion("b", "B", 1.0, 8, 2));
    PlanJob big = job("big", 8, 6, false);
    PlanJob fits = job("fits", 1, 6, false);
    PlanRequest req =
        new PlanRequest(List.of(big, fits), regions, FORECASTS, Map.of(), List.of(), T0, null);

    PlanResult plan = Planner.plan(req);

    Placement p = plan.placements().get(0);
    assertThat(p.reason().outcome()).isEqualTo(Reason.Outcome.GPUS_BEYOND_REGIONS);
    assertThat(p.reason().summary())
        .contains("asks for gpus: 8")
        .contains("a has 4")
        .contains("b has 2");
    assertThat(plan.placements().get(1).regionId()).isEqualTo("a");
    // the job that can never fit does not make the others unplannable: the bound still stands
    assertThat(Planner.lowerBoundGCo2e(req)).isLessThanOrEqualTo(plan.totalGCo2e() + 1e-6);
  }

  @Test
  void a_region_without_enough_gpus_is_left_out_and_the_placement_says_so() {
    // b does not count GPUs: it puts no limit on them
    List<PlanRegion> regions =
        List.of(new PlanRegion("a", "A", 1.0, 4, 4), new PlanRegion("b", "B", 1.0, 8));

    Placement p =
        Planner.plan(
                new PlanRequest(
                    List.of(job("big", 8, 6, false)),
                    regions,
                    FORECASTS,
                    Map.of(),
                    List.of(),
                    T0,
                    null))
            .placements()
            .get(0);

    assertThat(p.regionId()).isEqualTo("b");
    assertThat(p.reason().outcome()).isEqualTo(Reason.Outcome.LOWEST_EMISSIONS);
    assertThat(p.reason().notes())
        .anySatisfy(
            n ->
                assertThat(n)
                    .startsWith("did not rank regions with too few GPUs")
                    .contains("a has 4"));
  }

  @Test
  void anticipation_leaves_scarce_gpus_to_expected_jobs() {
    // a holds 8 jobs but 4 GPUs: only GPUs can bind there
    List<PlanRegion> regions =
        List.of(new PlanRegion("a", "A", 1.0, 8, 4), new PlanRegion("b", "B", 1.0, 8));
    PlanJob queued = job("q", 4, 8, false);
    // expected: two urgent 4-GPU jobs that need a's GPUs in the first two hours
    List<PlanJob> expected = List.of(job("e1", 4, 2, false), job("e2", 4, 2, false));
    PlanRequest req =
        new PlanRequest(List.of(queued), regions, FORECASTS, Map.of(), List.of(), T0, null);

    PlanResult plan = Planner.plan(req, expected, 1);

    // planned with the expected jobs, q, which can wait, leaves a's GPUs of the first hours to them
    assertThat(plan.method()).contains("anticipating");
    Placement q = plan.placements().get(0);
    assertThat(q.regionId()).isEqualTo("a");
    assertThat(q.start()).isAfterOrEqualTo(T0.plus(H.multipliedBy(2)));
    assertThat(Planner.plan(req).placements().get(0).start()).isEqualTo(T0);
  }

  /** Every job runs its whole duration before its deadline; no slot exceeds either limit. */
  static void assertLimitsAndDeadlinesHold(
      PlanResult plan, List<PlanJob> jobs, List<PlanRegion> regions) {
    assertThat(plan.placements()).hasSize(jobs.size());
    for (Placement p : plan.placements()) {
      PlanJob j = jobOf(jobs, p);
      assertThat(p.end()).isBeforeOrEqualTo(j.deadline());
      long ran = p.slices().stream().mapToLong(s -> s.length().toSeconds()).sum();
      assertThat(ran).isEqualTo(j.duration().toSeconds());
      assertThat(p.reason().outcome()).isNotEqualTo(Reason.Outcome.NO_CAPACITY);
    }
    for (PlanRegion r : regions) {
      for (int h = 0; h < 48; h++) {
        Instant a = T0.plus(H.multipliedBy(h));
        Instant b = a.plus(H);
        int busy = 0;
        int gpus = 0;
        for (Placement p : plan.placements()) {
          boolean runs =
              p.regionId().equals(r.id())
                  && p.slices().stream().anyMatch(s -> s.start().isBefore(b) && s.end().isAfter(a));
          busy += runs ? 1 : 0;
          gpus += runs ? jobOf(jobs, p).gpus() : 0;
        }
        String at = plan.method() + ": " + r.id() + " at hour " + h;
        assertThat(busy).as("jobs in " + at).isLessThanOrEqualTo(r.capacity());
        if (r.gpus() > 0) {
          assertThat(gpus).as("GPUs in " + at).isLessThanOrEqualTo(r.gpus());
        }
      }
    }
  }

  private static PlanJob jobOf(List<PlanJob> jobs, Placement p) {
    return jobs.stream().filter(x -> x.id().equals(p.jobId())).findFirst().orElseThrow();
  }

  private static List<String> inRegion(PlanResult plan, String region) {
    return plan.placements().stream()
        .filter(p -> p.regionId().equals(region))
        .map(Placement::jobId)
        .toList();
  }
}
