package dev.carbonshift.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a job's cheapest option in a region, given what is already full and, for the price-guided
 * search and the lower bound, a price per slot ({@code pricePrefix[r][k]} = sum of prices of slots
 * before k).
 */
final class Choices {
  private static final double EPS = 1e-9;

  private Choices() {}

  /** Cheapest option over the job's regions, or {@code null} if none fits. */
  static Option best(Grid g, Occupancy occ, JobCtx j, double[][] pricePrefix) {
    Option best = null;
    for (int r : j.regions) {
      Option o = contiguous(g, occ, j, r, pricePrefix);
      if (j.job.interruptible()) {
        Option s = Slicing.sliced(g, occ, j, r, pricePrefix, false);
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

  /** Cheapest single window in region {@code r} that fits, or {@code null}. */
  static Option contiguous(Grid g, Occupancy occ, JobCtx j, int r, double[][] pricePrefix) {
    long d = j.durationSeconds;
    long latestEnd = j.latestEnd(g, r);
    long s = j.earliest;
    if (s + d > latestEnd) {
      return null;
    }
    int lastCell = g.cellOf(latestEnd - 1);
    int nextFull = -1;
    long bestStart = Long.MIN_VALUE;
    double bestScore = Double.POSITIVE_INFINITY;
    double bestGrams = 0;
    while (s + d <= latestEnd) {
      int ks = g.cellOf(s);
      int ke = g.cellOf(s + d - 1);
      boolean fits = true;
      if (occ != null) {
        if (nextFull < ks) {
          nextFull = ks;
          while (nextFull <= lastCell && !occ.full(r, nextFull)) {
            nextFull++;
          }
        }
        fits = nextFull > ke;
      }
      if (fits) {
        double grams = g.grams(r, s, s + d, j.powerKw);
        double score = grams;
        if (pricePrefix != null) {
          score += pricePrefix[r][ke + 1] - pricePrefix[r][ks];
        }
        if (bestStart == Long.MIN_VALUE || score < bestScore - EPS * Math.abs(bestScore)) {
          bestScore = score;
          bestGrams = grams;
          bestStart = s;
        }
      }
      long next = g.cellStart(ks + 1);
      if (next <= s || ks >= g.n - 1) {
        break;
      }
      s = next;
    }
    if (bestStart == Long.MIN_VALUE) {
      return null;
    }
    return new Option(r, new long[] {bestStart, bestStart + d}, bestGrams, bestScore);
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
