package dev.carbonshift.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a job's cheapest option in a region, given what is already full and, for the price-guided
 * search and the lower bound, the prices of the slots it would hold ({@link Prices}).
 */
final class Choices {
  private static final double EPS = 1e-9;

  private Choices() {}

  /** Cheapest option over the job's regions, or {@code null} if none fits. */
  static Option best(Grid g, Occupancy occ, JobCtx j, Prices prices) {
    Option best = null;
    for (int r : j.regions) {
      Option o = contiguous(g, occ, j, r, prices);
      if (j.job.interruptible()) {
        Option s = Slicing.sliced(g, occ, j, r, prices, false);
        if (s != null && (o == null || s.score < o.score - EPS)) {
          o = s;
        }
      }
      if (o != null && (best == null || o.score < best.score - EPS * Math.abs(best.score))) {
        best = o;
      }
    }
    return best;
  }

  /**
   * Cheapest single window in region {@code r} that fits, or {@code null}. Windows start at the
   * earliest start or at a slot boundary; the hot loop reads the prefix sums directly.
   */
  static Option contiguous(Grid g, Occupancy occ, JobCtx j, int r, Prices prices) {
    long d = j.durationSeconds;
    long latestEnd = j.latestEnd(g, r);
    long s0 = j.earliest;
    if (s0 + d > latestEnd) {
      return null;
    }
    double[] pre = g.prefix[r];
    double[] gk = g.gramsPerKwh[r];
    double[] price = prices == null ? null : prices.of(r, j.gpus);
    double perUnit = j.powerKw * g.regions.get(r).pue() / 3600.0;
    int lastCell = g.cellOf(latestEnd - 1);
    long bestStart = Long.MIN_VALUE;
    double bestScore = Double.POSITIVE_INFINITY;
    double bestGrams = 0;
    int need = j.gpus;
    int k0 = g.cellOf(s0);
    int ke0 = g.cellOf(s0 + d - 1);
    if (occ == null || free(occ, r, k0, ke0, need)) {
      bestGrams = g.grams(r, s0, s0 + d, j.powerKw);
      bestScore = bestGrams + (price == null ? 0 : price[ke0 + 1] - price[k0]);
      bestStart = s0;
    }
    int q = (int) (d / g.step);
    long rem = d % g.step;
    int nextFull = -1;
    for (int k = k0 + 1; k < g.n && g.cellStart(k) + d <= latestEnd; k++) {
      int ke = rem > 0 ? k + q : k + q - 1;
      if (occ != null) {
        if (nextFull < k) {
          nextFull = k;
          while (nextFull <= lastCell && !occ.full(r, nextFull, need)) {
            nextFull++;
          }
        }
        if (nextFull <= ke) {
          continue;
        }
      }
      double units = pre[k + q] - pre[k] + (rem > 0 ? gk[k + q] * rem : 0);
      double grams = units * perUnit;
      double score = price == null ? grams : grams + price[ke + 1] - price[k];
      if (bestStart == Long.MIN_VALUE || score < bestScore - EPS * Math.abs(bestScore)) {
        bestScore = score;
        bestGrams = grams;
        bestStart = g.cellStart(k);
      }
    }
    if (bestStart == Long.MIN_VALUE) {
      return null;
    }
    return new Option(r, new long[] {bestStart, bestStart + d}, bestGrams, bestScore);
  }

  private static boolean free(Occupancy occ, int r, int from, int to, int gpus) {
    for (int k = from; k <= to; k++) {
      if (occ.full(r, k, gpus)) {
        return false;
      }
    }
    return true;
  }

  /** Every single window of the job in every region of it, for the exact solver. */
  static List<Option> allContiguous(Grid g, JobCtx j) {
    List<Option> out = new ArrayList<>();
    long d = j.durationSeconds;
    for (int r : j.regions) {
      long latestEnd = j.latestEnd(g, r);
      for (long s = j.earliest; s + d <= latestEnd; ) {
        double grams = g.grams(r, s, s + d, j.powerKw);
        out.add(new Option(r, new long[] {s, s + d}, grams, grams));
        int ks = g.cellOf(s);
        long next = g.cellStart(ks + 1);
        if (next <= s || ks >= g.n - 1) {
          break;
        }
        s = next;
      }
    }
    return out;
  }

  /** Running at once at home (or in the first region), ignoring capacity: the baseline. */
  static Option atOnce(Grid g, JobCtx j, int r) {
    long s = j.earliest;
    double grams = g.grams(r, s, s + j.durationSeconds, j.powerKw);
    return new Option(r, new long[] {s, s + j.durationSeconds}, grams, grams);
  }
}
