package dev.carbonshift.plan;

import java.util.List;

/**
 * The true optimum of a tiny instance, by trying every combination of the options given. It counts
 * what each slot holds itself, not through the planner's {@link Occupancy}: per slot of a region at
 * most {@code capacity} jobs and, where the region counts GPUs, at most {@code gpus} of them.
 */
final class BruteForce {
  private BruteForce() {}

  static double optimum(CapacityTest.Instance in) {
    PlanRequest req =
        new PlanRequest(
            in.jobs(), in.regions(), in.forecasts(), java.util.Map.of(), List.of(), Given.T0, null);
    Setup s = Setup.of(req);
    List<List<Option>> all = s.jobs.stream().map(j -> Choices.allContiguous(s.grid, j)).toList();
    return optimum(s, all);
  }

  /** The cheapest plan that takes one of {@code all.get(i)} for each job {@code i} of the setup. */
  static double optimum(Setup s, List<List<Option>> all) {
    int[] gpus = s.jobs.stream().mapToInt(j -> j.job.gpus()).toArray();
    int regions = s.grid.regions.size();
    return search(s.grid, all, gpus, new int[regions][s.grid.n], new int[regions][s.grid.n], 0);
  }

  private static double search(
      Grid g, List<List<Option>> all, int[] gpus, int[][] jobsIn, int[][] gpusIn, int i) {
    if (i == all.size()) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (Option o : all.get(i)) {
      boolean[] slots = slots(g, o);
      PlanRegion r = g.regions.get(o.region);
      boolean fits = true;
      for (int k = 0; k < g.n; k++) {
        if (slots[k]
            && (jobsIn[o.region][k] + 1 > r.capacity()
                || (r.gpus() > 0 && gpusIn[o.region][k] + gpus[i] > r.gpus()))) {
          fits = false;
        }
      }
      if (!fits) {
        continue;
      }
      hold(slots, jobsIn[o.region], gpusIn[o.region], gpus[i], 1);
      best = Math.min(best, o.grams + search(g, all, gpus, jobsIn, gpusIn, i + 1));
      hold(slots, jobsIn[o.region], gpusIn[o.region], gpus[i], -1);
    }
    return best;
  }

  /** The slots an option runs in, each once however many of its stretches touch it. */
  private static boolean[] slots(Grid g, Option o) {
    boolean[] in = new boolean[g.n];
    for (int b = 0; b < o.bounds.length; b += 2) {
      for (int k = g.cellOf(o.bounds[b]); k <= g.cellOf(o.bounds[b + 1] - 1); k++) {
        in[k] = true;
      }
    }
    return in;
  }

  private static void hold(boolean[] slots, int[] jobs, int[] gpus, int jobGpus, int sign) {
    for (int k = 0; k < slots.length; k++) {
      if (slots[k]) {
        jobs[k] += sign;
        gpus[k] += sign * jobGpus;
      }
    }
  }
}
