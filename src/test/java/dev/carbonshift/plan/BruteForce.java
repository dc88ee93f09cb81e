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
    int[] gpus = s.jobs.stream().mapToInt(j -> j.job.gpus()).toArray();
    return search(new Occupancy(s.grid), all, gpus, 0);
  }

  /** Every plan of jobs {@code i..}; each job holds one job and its GPUs wherever it runs. */
  static double search(Occupancy occ, List<List<Option>> all, int[] gpus, int i) {
    if (i == all.size()) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (Option o : all.get(i)) {
      if (occ.fits(o, gpus[i])) {
        occ.add(o, gpus[i], 1);
        best = Math.min(best, o.grams + search(occ, all, gpus, i + 1));
        occ.add(o, gpus[i], -1);
      }
    }
    return best;
  }
}
