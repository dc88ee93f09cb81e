package dev.carbonshift.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExactPlacerTest {
  private static long reducedBinaries;
  private static long fullBinaries;

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24, 25, 26})
  void reductions_keep_the_optimum_of_the_full_program(long seed) {
    CapacityTest.Instance in = CapacityTest.Instance.random(seed, 9);
    PlanRequest req =
        new PlanRequest(
            in.jobs(), in.regions(), in.forecasts(), Map.of(), List.of(), Given.T0, null);
    Setup s = Setup.of(req);
    Occupancy fixed = new Occupancy(s.grid);
    Option[] heuristic = GreedyPlacer.place(s.grid, new Occupancy(s.grid), s.jobs, 2, null);

    ExactPlacer.Program reduced = ExactPlacer.build(s.grid, fixed, s.jobs, heuristic, 10_000, true);
    ExactPlacer.Program full = ExactPlacer.build(s.grid, fixed, s.jobs, heuristic, 10_000, false);
    ExactPlacer.Solution a = ExactPlacer.solve(s.grid, reduced, heuristic, 20_000);
    ExactPlacer.Solution b = ExactPlacer.solve(s.grid, full, heuristic, 20_000);

    assertThat(a.optimal()).isTrue();
    assertThat(b.optimal()).isTrue();
    assertThat(total(a.chosen())).isCloseTo(total(b.chosen()), Offset.offset(1e-6));
    assertThat(total(a.chosen())).isLessThanOrEqualTo(total(heuristic) + 1e-6);
    assertThat(reduced.binaries).isLessThanOrEqualTo(full.binaries);
    reducedBinaries += reduced.binaries;
    fullBinaries += full.binaries;
  }

  @Test
  void a_region_where_capacity_cannot_bind_keeps_one_window_per_job() {
    // region a holds every job at once: no row there, and each job keeps its cheapest window
    CapacityTest.Instance tight = CapacityTest.Instance.random(31, 6);
    List<PlanRegion> roomy = List.of(new PlanRegion("a", "A", 1.1, 100), tight.regions().get(1));
    PlanRequest req =
        new PlanRequest(
            tight.jobs(), roomy, tight.forecasts(), Map.of(), List.of(), Given.T0, null);
    Setup s = Setup.of(req);
    Option[] heuristic = GreedyPlacer.place(s.grid, new Occupancy(s.grid), s.jobs, 2, null);

    ExactPlacer.Program p =
        ExactPlacer.build(s.grid, new Occupancy(s.grid), s.jobs, heuristic, 10_000);

    assertThat(p.bound[Occupancy.JOBS][0].isEmpty()).isTrue();
    for (List<Option> opts : p.candidates) {
      assertThat(opts.stream().filter(o -> o.region == 0)).hasSize(1);
    }
  }

  @org.junit.jupiter.api.AfterAll
  static void the_reductions_shrink_the_programs() {
    assertThat(reducedBinaries).isLessThan(fullBinaries);
  }

  private static double total(Option[] chosen) {
    double t = 0;
    for (Option o : chosen) {
      t += o == null ? 0 : o.grams;
    }
    return t;
  }
}
