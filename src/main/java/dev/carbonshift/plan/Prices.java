package dev.carbonshift.plan;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A price per slot of each region's two limits ({@link Occupancy#JOBS}, {@link Occupancy#GPUS}), as
 * the price-guided search and the Lagrangian bound rank options by: a job pays, for each slot it
 * holds, the slot's job price plus its GPUs times the slot's GPU price. Prices are kept as prefix
 * sums per region; the sums a job of a given GPU count pays are built once and shared.
 */
final class Prices {
  /** Prefix sums by limit and region: {@code prefix[l][r][k]} = prices of slots before k. */
  private final double[][][] prefix;

  private final Map<Long, double[]> byGpus = new ConcurrentHashMap<>();

  private Prices(double[][][] prefix) {
    this.prefix = prefix;
  }

  /**
   * Prices from each slot's prices by limit, region and slot (negative ones count as 0), or {@code
   * null} when no slot has a price.
   */
  static Prices of(double[][][] perSlot) {
    double[][][] prefix = new double[Occupancy.LIMITS][][];
    boolean any = false;
    for (int l = 0; l < Occupancy.LIMITS; l++) {
      prefix[l] = new double[perSlot[l].length][];
      for (int r = 0; r < perSlot[l].length; r++) {
        double[] p = new double[perSlot[l][r].length + 1];
        for (int k = 0; k < perSlot[l][r].length; k++) {
          double price = Math.max(0, perSlot[l][r][k]);
          any |= price > 0;
          p[k + 1] = p[k] + price;
        }
        prefix[l][r] = p;
      }
    }
    return any ? new Prices(prefix) : null;
  }

  /** Prefix sums of what a job of {@code gpus} GPUs pays per slot of region {@code r}. */
  double[] of(int r, int gpus) {
    double[] jobs = prefix[Occupancy.JOBS][r];
    double[] perGpu = prefix[Occupancy.GPUS][r];
    if (gpus == 0 || perGpu[perGpu.length - 1] == 0) {
      return jobs;
    }
    return byGpus.computeIfAbsent(
        ((long) r << 32) | gpus,
        key -> {
          double[] p = new double[jobs.length];
          for (int k = 0; k < p.length; k++) {
            p[k] = jobs[k] + gpus * perGpu[k];
          }
          return p;
        });
  }

  /** What a job of {@code gpus} GPUs pays for the slots option {@code o} holds. */
  double over(Grid g, Option o, int gpus) {
    double[] p = of(o.region, gpus);
    double t = 0;
    for (int b = 0; b < o.bounds.length; b += 2) {
      long a = Math.max(o.bounds[b], g.origin);
      long e = Math.min(o.bounds[b + 1], g.end());
      if (e > a) {
        t += p[g.cellOf(e - 1) + 1] - p[g.cellOf(a)];
      }
    }
    return t;
  }
}
