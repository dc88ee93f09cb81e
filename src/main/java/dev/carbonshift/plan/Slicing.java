package dev.carbonshift.plan;

import java.util.Arrays;

/**
 * Interruptible jobs: run in the cheapest slots of one region before the deadline, split at slot
 * boundaries. Slices shorter than the job's minimum make the option invalid (the caller then keeps
 * the single window); each resume adds its energy at the intensity of the slot it resumes in.
 */
final class Slicing {
  private Slicing() {}

  /**
   * @param fractional price the partly used slot by the fraction used and ignore the minimum slice
   *     length: a relaxation, for the lower bound only
   */
  static Option sliced(Grid g, Occupancy occ, JobCtx j, int r, Prices prices, boolean fractional) {
    long latestEnd = j.latestEnd(g, r);
    long need = j.durationSeconds;
    if (j.earliest + need > latestEnd) {
      return null;
    }
    int c0 = g.cellOf(j.earliest);
    int c1 = g.cellOf(latestEnd - 1);
    int m = c1 - c0 + 1;
    int[] seq = new int[m];
    double[] pricePrefix = prices == null ? null : prices.of(r, j.gpus);
    int count =
        pricePrefix == null
            ? byIntensity(g, occ, j, r, c0, c1, latestEnd, seq)
            : byCost(g, occ, j, r, pricePrefix, c0, m, latestEnd, seq);
    boolean[] chosen = new boolean[m];
    long got = 0;
    int partial = -1;
    long partialSeconds = 0;
    double priceSum = 0;
    for (int x = 0; x < count && got < need; x++) {
      int i = seq[x];
      long u = usable(g, j, c0 + i, latestEnd);
      chosen[i] = true;
      double p = price(pricePrefix, c0 + i);
      if (got + u > need) {
        partial = i;
        partialSeconds = need - got;
        priceSum += fractional ? p * partialSeconds / u : p;
      } else {
        priceSum += p;
      }
      got += Math.min(u, need - got);
    }
    if (got < need) {
      return null;
    }
    long[] bounds = stretches(g, j, c0, chosen, partial, partialSeconds, latestEnd);
    double grams = 0;
    for (int b = 0; b < bounds.length; b += 2) {
      if (!fractional && j.minSliceSeconds > 0 && bounds[b + 1] - bounds[b] < j.minSliceSeconds) {
        return null;
      }
      grams += g.grams(r, bounds[b], bounds[b + 1], j.powerKw);
      if (b > 0 && j.job.resumeKwh() > 0) {
        grams += g.grams(r, bounds[b], bounds[b] + 3600, j.job.resumeKwh());
      }
    }
    return new Option(r, bounds, grams, grams + priceSum);
  }

  /**
   * Slots of the window from cleanest up, walking the region's global order (no sort per job),
   * stopping once they cover the job; indices relative to {@code c0}.
   */
  private static int byIntensity(
      Grid g, Occupancy occ, JobCtx j, int r, int c0, int c1, long latestEnd, int[] seq) {
    int count = 0;
    long got = 0;
    for (int k : g.cleanestFirst(r)) {
      if (k < c0 || k > c1 || (occ != null && occ.full(r, k, j.gpus))) {
        continue;
      }
      long u = usable(g, j, k, latestEnd);
      if (u > 0) {
        seq[count++] = k - c0;
        got += u;
        if (got >= j.durationSeconds) {
          break;
        }
      }
    }
    return count;
  }

  /** Slots of the window by emissions plus price per second of use: prices vary per job. */
  private static int byCost(
      Grid g,
      Occupancy occ,
      JobCtx j,
      int r,
      double[] pricePrefix,
      int c0,
      int m,
      long latestEnd,
      int[] seq) {
    double pue = g.regions.get(r).pue();
    long[] keyed = new long[m];
    int count = 0;
    for (int i = 0; i < m; i++) {
      int k = c0 + i;
      long u = usable(g, j, k, latestEnd);
      if (u <= 0 || (occ != null && occ.full(r, k, j.gpus))) {
        continue;
      }
      double cost = g.gramsPerKwh[r][k] * j.powerKw * pue + price(pricePrefix, k) * 3600.0 / u;
      // non-negative floats order like their bits; the low half carries the slot
      keyed[count++] = ((long) Float.floatToIntBits((float) cost) << 32) | i;
    }
    Arrays.sort(keyed, 0, count);
    for (int x = 0; x < count; x++) {
      seq[x] = (int) (keyed[x] & 0xffffffffL);
    }
    return count;
  }

  /** The price of slot {@code k} from the job's prefix sums in the region, 0 without prices. */
  private static double price(double[] pricePrefix, int k) {
    return pricePrefix == null ? 0 : pricePrefix[k + 1] - pricePrefix[k];
  }

  private static long usable(Grid g, JobCtx j, int k, long latestEnd) {
    return Math.min(g.cellStart(k + 1), latestEnd) - Math.max(g.cellStart(k), j.earliest);
  }

  /** Merges chosen slots into stretches; the partly used slot leans on a chosen neighbour. */
  private static long[] stretches(
      Grid g, JobCtx j, int c0, boolean[] chosen, int partial, long partialSeconds, long end) {
    long[] tmp = new long[chosen.length * 2 + 2];
    int len = 0;
    for (int i = 0; i < chosen.length; i++) {
      if (!chosen[i]) {
        continue;
      }
      long a = Math.max(g.cellStart(c0 + i), j.earliest);
      long b = Math.min(g.cellStart(c0 + i + 1), end);
      if (i == partial) {
        boolean prev = i > 0 && chosen[i - 1];
        boolean next = i + 1 < chosen.length && chosen[i + 1];
        if (next && !prev) {
          a = b - partialSeconds;
        } else {
          b = a + partialSeconds;
        }
      }
      if (len > 0 && tmp[len - 1] == a) {
        tmp[len - 1] = b;
      } else {
        tmp[len++] = a;
        tmp[len++] = b;
      }
    }
    return Arrays.copyOf(tmp, len);
  }
}
