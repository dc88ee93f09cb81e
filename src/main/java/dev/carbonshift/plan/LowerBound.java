package dev.carbonshift.plan;

import java.util.List;

/**
 * Lagrangian lower bound: price each slot's two limits (jobs and, where counted, GPUs), let every
 * job pick its cheapest option at those prices (a relaxation: interruptible jobs may use part of a
 * slot at part of its price, and ignore minimum slices and resume costs), and raise prices where
 * slots are over-subscribed (subgradient steps sized by the gap to a known plan). Any prices give a
 * valid bound; the best one seen is returned.
 */
final class LowerBound {
  private LowerBound() {}

  /** The bound, and the slot prices that gave it ({@code null} when none was raised). */
  record Result(double bound, Prices prices) {}

  static Result compute(Grid g, Occupancy fixed, List<JobCtx> jobs, double upper, int iterations) {
    int regions = g.regions.size();
    int limits = Occupancy.LIMITS;
    double[][][] lambda = new double[limits][regions][g.n];
    int[][][] usage = new int[limits][regions][g.n];
    double fixedCost = 0;
    for (JobCtx j : jobs) {
      if (!j.reachable || j.regions.length == 0) {
        int r = j.home >= 0 && g.usable(j.home) ? j.home : j.regions.length > 0 ? j.regions[0] : -1;
        fixedCost += r < 0 ? 0 : Choices.atOnce(g, j, r).grams;
      }
    }
    double best = Double.NEGATIVE_INFINITY;
    Prices bestPrices = null;
    double theta = 1.0;
    int stale = 0;
    for (int it = 0; it < iterations; it++) {
      for (int l = 0; l < limits; l++) {
        for (int r = 0; r < regions; r++) {
          java.util.Arrays.fill(usage[l][r], 0);
        }
      }
      Prices prices = Prices.of(lambda);
      double bound = fixedCost;
      for (JobCtx j : jobs) {
        if (!j.reachable || j.regions.length == 0) {
          continue;
        }
        Option o = relaxedBest(g, j, prices);
        if (o == null) {
          continue;
        }
        bound += o.score;
        for (int l = 0; l < limits; l++) {
          mark(g, usage[l][o.region], o, j.need(l));
        }
      }
      double norm = 0;
      for (int l = 0; l < limits; l++) {
        for (int r = 0; r < regions; r++) {
          if (!fixed.limited(l, r)) {
            continue;
          }
          for (int k = 0; k < g.n; k++) {
            int free = fixed.free(l, r, k);
            bound -= lambda[l][r][k] * free;
            double grad = usage[l][r][k] - free;
            if (grad > 0 || lambda[l][r][k] > 0) {
              norm += grad * grad;
            }
          }
        }
      }
      if (best == Double.NEGATIVE_INFINITY || bound > best + 1e-9 * Math.abs(best)) {
        best = bound;
        stale = 0;
        bestPrices = prices;
      } else if (++stale >= 4) {
        theta /= 2;
        stale = 0;
      }
      if (norm == 0 || upper <= bound) {
        break;
      }
      double step = theta * (upper - bound) / norm;
      for (int l = 0; l < limits; l++) {
        for (int r = 0; r < regions; r++) {
          if (!fixed.limited(l, r)) {
            continue;
          }
          for (int k = 0; k < g.n; k++) {
            int free = fixed.free(l, r, k);
            lambda[l][r][k] = Math.max(0, lambda[l][r][k] + step * (usage[l][r][k] - free));
          }
        }
      }
    }
    return new Result(Math.min(best, upper), bestPrices);
  }

  private static Option relaxedBest(Grid g, JobCtx j, Prices prices) {
    Option best = null;
    for (int r : j.regions) {
      Option o = Choices.contiguous(g, null, j, r, prices);
      if (j.job.interruptible()) {
        Option s = Slicing.sliced(g, null, j, r, prices, true);
        if (s != null && (o == null || s.score < o.score)) {
          o = s;
        }
      }
      if (o != null && (best == null || o.score < best.score)) {
        best = o;
      }
    }
    return best;
  }

  private static void mark(Grid g, int[] usage, Option o, int units) {
    if (units == 0) {
      return;
    }
    int lastTouched = -1;
    for (int b = 0; b < o.bounds.length; b += 2) {
      int last = g.cellOf(o.bounds[b + 1] - 1);
      for (int k = Math.max(g.cellOf(o.bounds[b]), lastTouched + 1); k <= last; k++) {
        usage[k] += units;
      }
      lastTouched = Math.max(lastTouched, last);
    }
  }
}
