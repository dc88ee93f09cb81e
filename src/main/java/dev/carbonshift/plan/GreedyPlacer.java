package dev.carbonshift.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The fast method: jobs that lose most when pushed out of their best region choose first (regret
 * order), each takes its cheapest option that still fits, then remove-and-reinsert passes let early
 * choosers move into space later moves freed. A job with no room left evicts others that can go
 * elsewhere, so a reachable deadline is never given up for capacity alone.
 */
final class GreedyPlacer {
  private static final double EPS = 1e-9;
  private static final int PARALLEL_FROM = 500;

  private GreedyPlacer() {}

  /**
   * The greedy plan; with {@code prices}, the first placement ranks by emissions plus the prices of
   * the slots held (the Lagrangian dual's, to steer it), the passes by emissions alone.
   */
  static Option[] place(Grid g, Occupancy occ, List<JobCtx> jobs, int passes, Prices prices) {
    int n = jobs.size();
    Option[] chosen = new Option[n];
    double[] regret = cheapestAlone(g, jobs, prices);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      JobCtx j = jobs.get(i);
      if (j.reachable && j.regions.length > 0 && j.unconstrained != null) {
        order.add(i);
      }
    }
    order.sort(
        Comparator.<Integer>comparingInt(i -> -jobs.get(i).job.priority())
            .thenComparingDouble(i -> -regret[i])
            .thenComparingLong(i -> jobs.get(i).deadline - jobs.get(i).earliest));
    for (int i : order) {
      JobCtx j = jobs.get(i);
      Option o =
          occ.fits(j.unconstrained, j.gpus) ? j.unconstrained : Choices.best(g, occ, j, prices);
      if (o != null) {
        occ.add(o, j.gpus, 1);
        chosen[i] = o;
      }
    }
    for (int p = 0; p < passes; p++) {
      boolean improved = false;
      for (int i : order) {
        Option cur = chosen[i];
        if (cur == null || (prices == null && cur == jobs.get(i).unconstrained)) {
          continue;
        }
        occ.add(cur, jobs.get(i).gpus, -1);
        // the passes rank by emissions alone
        Option o = Choices.best(g, occ, jobs.get(i), null);
        double now = cur.grams;
        double then = o == null ? 0 : o.grams;
        if (o != null && then < now - EPS * Math.abs(now)) {
          chosen[i] = o;
          improved = true;
        }
        occ.add(chosen[i], jobs.get(i).gpus, 1);
      }
      if (!improved) {
        break;
      }
    }
    for (int i : order) {
      if (chosen[i] == null) {
        Eviction.tryPlace(g, occ, jobs, chosen, i);
      }
    }
    return chosen;
  }

  /**
   * Sets each job's cheapest option ignoring capacity and the other jobs ({@link
   * JobCtx#unconstrained}, ranked with {@code prices} where given) and returns, per job, what it
   * loses if it must take its second-best region.
   */
  static double[] cheapestAlone(Grid g, List<JobCtx> jobs, Prices prices) {
    int n = jobs.size();
    double[] regret = new double[n];
    for (int r = 0; r < g.regions.size(); r++) {
      g.cleanestFirst(r);
    }
    // each job's own best ignores the others: independent, so spread over the cores
    IntStream range = IntStream.range(0, n);
    (n >= PARALLEL_FROM ? range.parallel() : range)
        .forEach(
            i -> {
              JobCtx j = jobs.get(i);
              if (j.reachable && j.regions.length > 0) {
                regret[i] = unconstrained(g, j, prices);
              }
            });
    return regret;
  }

  /** Whether capacity pushed some job off its cheapest option. */
  static boolean displaced(List<JobCtx> jobs, Option[] chosen) {
    for (int i = 0; i < chosen.length; i++) {
      Option u = jobs.get(i).unconstrained;
      if (u != null && chosen[i] != u && (chosen[i] == null || chosen[i].grams > u.grams + EPS)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sets the job's cheapest option ignoring capacity and returns what it loses if it must take its
   * second-best region (or, with one region, run at once there).
   */
  private static double unconstrained(Grid g, JobCtx j, Prices prices) {
    double best = Double.POSITIVE_INFINITY;
    double second = Double.POSITIVE_INFINITY;
    for (int r : j.regions) {
      Option o = Choices.contiguous(g, null, j, r, prices);
      if (j.job.interruptible()) {
        Option s = Slicing.sliced(g, null, j, r, prices, false);
        if (s != null && (o == null || s.score < o.score)) {
          o = s;
        }
      }
      if (o == null) {
        continue;
      }
      if (o.score < best) {
        second = best;
        best = o.score;
        j.unconstrained = o;
      } else if (o.score < second) {
        second = o.score;
      }
    }
    if (j.unconstrained == null) {
      return 0;
    }
    if (second == Double.POSITIVE_INFINITY) {
      second = Choices.atOnce(g, j, j.unconstrained.region).grams + (best - j.unconstrained.grams);
    }
    return Math.max(0, second - best);
  }
}
