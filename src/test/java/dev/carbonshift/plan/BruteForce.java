package dev.carbonshift.plan;

import java.util.List;

/** The true optimum of a tiny non-interruptible instance, by trying every combination. */
final class BruteForce {
  private BruteForce() {}

  static double optimum(CapacityTest.Instance in) {
    PlanRequest req =
        new PlanRequest(
            in.jobs(), in.regions(), in.forecasts(), java.util.Map.of(), List.of(), Given.T0, null);
    Setup s = Setup.of(req);
    List<List<Option>> all = s.jobs.stream().map(j -> Choices.allContiguous(s.grid, j)).toList();
    return search(s.grid, new Occupancy(s.grid), all, 0);
  }

  private static double search(Grid g, Occupancy occ, List<List<Option>> all, int i) {
    if (i == all.size()) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (Option o : all.get(i)) {
      if (occ.fits(o, 1)) {
        occ.add(o, 1);
        best = Math.min(best, o.grams + search(g, occ, all, i + 1));
        occ.add(o, -1);
      }
    }
    return best;
  }
}
