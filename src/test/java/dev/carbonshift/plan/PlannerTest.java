package dev.carbonshift.plan;

import static dev.carbonshift.plan.Given.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.Forecast;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final Duration H = Duration.ofHours(1);

  @Test
  void places_job_in_greener_region_when_home_is_dirty() {
    var f =
        Map.of(
            "HOME",
            forecast("HOME", H, 400, 400, 400, 400),
            "GREEN",
            forecast("GREEN", H, 50, 50, 50, 50));
    PlanResult r =
        plan(
            List.of(job("j", 2, 0, "home", "*")),
            List.of(region("home", 1), region("green", 1)),
            f);

    Placement p = r.find("j").orElseThrow();
    assertThat(p.regionId()).isEqualTo("green");
    assertThat(p.gCo2e()).isEqualTo(2 * 50.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(p.baselineGCo2e()).isEqualTo(2 * 400.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(p.reason().outcome()).isEqualTo(Reason.Outcome.LOWEST_EMISSIONS);
    assertThat(p.reason().summary()).startsWith("lowest expected emissions among home, green");
    assertThat(p.reason().cleanestTaken()).isNull();
    assertThat(p.reason().intensityFallback()).isNull();
    assertThat(p.reason().method())
        .as("a plan's method is the plan's, not each placement's")
        .isNull();
    assertThat(p.fallback()).contains("home");
  }

  @Test
  void shifts_job_into_the_cleanest_window_before_its_deadline() {
    var f = Map.of("HOME", forecast("HOME", H, 300, 300, 100, 80, 90, 300, 20, 20));
    // deadline at hour 6: the 20 g/kWh hours at 6 and 7 are out of reach
    PlanResult r = plan(List.of(job("j", 3, 3, "home")), List.of(region("home", 1)), f);

    Placement p = r.find("j").orElseThrow();
    assertThat(hour(p.start())).isEqualTo(2);
    assertThat(hour(p.end())).isEqualTo(5);
    assertThat(p.gCo2e()).isCloseTo(100 + 80 + 90, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void weighs_intensity_by_time_where_a_job_starts_inside_a_slot() {
    Forecast f = forecast("HOME", H, 100, 200, 300);
    PlanJob j =
        new PlanJob(
            "j",
            T0,
            T0.plus(minutes(30)),
            T0.plus(minutes(120)),
            minutes(90),
            1000,
            false,
            null,
            0,
            0,
            "home",
            java.util.Set.of());
    PlanResult r = plan(List.of(j), List.of(region("home", 1)), Map.of("HOME", f));

    // half an hour at 100, one hour at 200, at 1 kW
    assertThat(r.find("j").orElseThrow().gCo2e())
        .isCloseTo(0.5 * 100 + 200, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void interruptible_job_runs_in_the_cleanest_slots() {
    var f = Map.of("HOME", forecast("HOME", H, 10, 500, 20, 500, 30, 500));
    PlanJob j = interruptible(job("j", 3, 3, "home"), null);
    Placement p = plan(List.of(j), List.of(region("home", 1)), f).find("j").orElseThrow();

    assertThat(p.slices()).hasSize(3);
    assertThat(p.gCo2e()).isCloseTo(60, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(p.reason().summary()).contains("split into 3 slices");
  }

  @Test
  void interruptible_job_keeps_one_window_when_slices_would_be_shorter_than_its_minimum() {
    var f = Map.of("HOME", forecast("HOME", H, 10, 500, 20, 500, 30, 500));
    PlanJob j = interruptible(job("j", 3, 3, "home"), Duration.ofHours(2));
    Placement p = plan(List.of(j), List.of(region("home", 1)), f).find("j").orElseThrow();

    assertThat(p.slices())
        .allSatisfy(s -> assertThat(s.length()).isGreaterThanOrEqualTo(Duration.ofHours(2)));
  }

  @Test
  void uses_the_yearly_mean_and_says_so_when_a_zone_has_no_forecast() {
    PlanRequest req =
        new PlanRequest(
            List.of(job("j", 2, 2, "home", "*")),
            List.of(region("home", 1), region("far", 1)),
            Map.of("HOME", forecast("HOME", H, 500, 500, 500, 500)),
            Map.of("FAR", 30.0),
            List.of(),
            T0,
            PlanSettings.DEFAULT);
    Placement p = Planner.plan(req).find("j").orElseThrow();

    assertThat(p.regionId()).isEqualTo("far");
    assertThat(p.reason().outcome()).isEqualTo(Reason.Outcome.LOWEST_EMISSIONS);
    assertThat(p.reason().intensityFallback())
        .contains("no forecast for FAR")
        .contains("yearly mean of 30");
  }

  @Test
  void plans_within_a_forecast_that_ends_before_the_deadline_and_says_to_replan() {
    var f = Map.of("HOME", forecast("HOME", H, 300, 100, 200));
    Placement p =
        plan(List.of(job("j", 1, 10, "home")), List.of(region("home", 1)), f)
            .find("j")
            .orElseThrow();

    assertThat(hour(p.start())).isEqualTo(1);
    assertThat(p.reason().intensityFallback()).isNull();
    assertThat(p.reason().notes())
        .anySatisfy(n -> assertThat(n).contains("before the deadline").contains("re-plan"));
  }

  @Test
  void runs_at_once_at_home_and_says_why_when_the_deadline_is_unreachable() {
    var f =
        Map.of(
            "HOME",
            forecast("HOME", H, 300, 100, 200, 50),
            "GREEN",
            forecast("GREEN", H, 1, 1, 1, 1));
    PlanJob late =
        new PlanJob(
            "j",
            T0,
            T0,
            T0.plus(minutes(60)),
            minutes(120),
            1000,
            false,
            null,
            0,
            0,
            "home",
            java.util.Set.of());
    Placement p =
        plan(List.of(late), List.of(region("home", 1), region("green", 1)), f)
            .find("j")
            .orElseThrow();

    assertThat(p.regionId()).isEqualTo("home");
    assertThat(p.start()).isEqualTo(T0);
    assertThat(p.reason().outcome()).isEqualTo(Reason.Outcome.DEADLINE_UNREACHABLE);
    assertThat(p.reason().summary()).contains("unreachable");
  }

  @Test
  void refuses_to_rank_marginal_against_average_unless_allowed() {
    var f =
        Map.of(
            "HOME", forecast("HOME", H, 300, 300, 300),
            "WT", forecast("WT", dev.carbonshift.carbon.Signal.MARGINAL, H, 10, 10, 10));
    List<PlanRegion> regions = List.of(region("home", 1), region("wt", 1));
    List<PlanJob> jobs = List.of(job("j", 1, 1, "home", "*"));

    Placement refused = plan(jobs, regions, f).find("j").orElseThrow();
    Placement allowed =
        plan(jobs, regions, f, PlanSettings.DEFAULT.withAllowMixedSignals(true))
            .find("j")
            .orElseThrow();

    assertThat(refused.regionId()).isEqualTo("home");
    assertThat(refused.reason().notes())
        .anySatisfy(n -> assertThat(n).startsWith("did not rank wt"));
    assertThat(allowed.regionId()).isEqualTo("wt");
    assertThat(allowed.reason().notes())
        .anySatisfy(n -> assertThat(n).startsWith("ranked average against marginal"));
  }

  @Test
  void a_running_job_holds_its_capacity() {
    var f = Map.of("HOME", forecast("HOME", H, 10, 10, 500, 500));
    RunningJob busy =
        new RunningJob("old", "home", List.of(new Slice(T0, T0.plus(Duration.ofHours(2)))));
    PlanRequest req =
        new PlanRequest(
            List.of(job("j", 1, 3, "home")),
            List.of(region("home", 1)),
            f,
            Map.of(),
            List.of(busy),
            T0,
            PlanSettings.DEFAULT);

    Placement p = Planner.plan(req).find("j").orElseThrow();
    assertThat(hour(p.start())).isGreaterThanOrEqualTo(2);
  }
}
