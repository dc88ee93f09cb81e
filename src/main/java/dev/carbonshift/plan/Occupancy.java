package dev.carbonshift.plan;

/**
 * What each slot of each region has in use against its two limits (see {@link PlanRegion}): jobs,
 * against its {@code capacity}, and GPUs, against its {@code gpus.count} where it counts them. A
 * job that runs during any part of a slot holds one job and its GPUs of that slot, so both limits
 * hold at every instant. The one place that says what a job holds and whether it fits.
 */
final class Occupancy {
  /** The limit on jobs running at once. */
  static final int JOBS = 0;

  /** The limit on GPUs in use at once. */
  static final int GPUS = 1;

  /** How many limits each slot has. */
  static final int LIMITS = 2;

  /** The GPU limit of a region that does not count GPUs. */
  static final int UNLIMITED = Integer.MAX_VALUE;

  private final Grid grid;

  /** Units in use, by limit, region and slot. */
  final int[][][] used;

  /** Each region's limits, by limit and region. */
  final int[][] limit;

  Occupancy(Grid grid) {
    this.grid = grid;
    int regions = grid.regions.size();
    used = new int[LIMITS][regions][grid.n];
    limit = new int[LIMITS][regions];
    for (int r = 0; r < regions; r++) {
      PlanRegion pr = grid.regions.get(r);
      limit[JOBS][r] = pr.capacity();
      limit[GPUS][r] = pr.gpus() > 0 ? pr.gpus() : UNLIMITED;
    }
  }

  /** What a job asking for {@code gpus} GPUs holds of limit {@code l}: one job, or its GPUs. */
  static int need(int l, int gpus) {
    return l == JOBS ? 1 : gpus;
  }

  /** Whether limit {@code l} of region {@code r} binds at all (GPUs only where it counts them). */
  boolean limited(int l, int r) {
    return limit[l][r] != UNLIMITED;
  }

  /** Room left under limit {@code l} in slot {@code k} of region {@code r}. */
  int free(int l, int r, int k) {
    return Math.max(0, limit[l][r] - used[l][r][k]);
  }

  /** Whether slot {@code k} of region {@code r} has no room for one more job of {@code gpus}. */
  boolean full(int r, int k, int gpus) {
    return used[JOBS][r][k] + 1 > limit[JOBS][r]
        || (gpus > 0 && used[GPUS][r][k] + gpus > limit[GPUS][r]);
  }

  /** Whether limit {@code l} is what leaves no room in the slot for a job of {@code gpus}. */
  boolean lacks(int l, int r, int k, int gpus) {
    int need = need(l, gpus);
    return need > 0 && used[l][r][k] + need > limit[l][r];
  }

  boolean fits(Option o, int gpus) {
    for (int i = 0; i < o.bounds.length; i += 2) {
      if (o.bounds[i + 1] <= grid.origin || o.bounds[i] >= grid.end()) {
        continue;
      }
      int last = grid.cellOf(o.bounds[i + 1] - 1);
      for (int k = grid.cellOf(o.bounds[i]); k <= last; k++) {
        if (full(o.region, k, gpus)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Takes ({@code sign} 1) or gives back (-1) what a job of {@code gpus} holds on option {@code o}.
   */
  void add(Option o, int gpus, int sign) {
    add(o.region, o.bounds, gpus, sign);
  }

  void add(int r, long[] bounds, int gpus, int sign) {
    int lastTouched = -1;
    for (int i = 0; i < bounds.length; i += 2) {
      if (bounds[i + 1] <= grid.origin || bounds[i] >= grid.end()) {
        continue;
      }
      int last = grid.cellOf(bounds[i + 1] - 1);
      // two stretches may share a slot; the job still holds it once
      for (int k = Math.max(grid.cellOf(bounds[i]), lastTouched + 1); k <= last; k++) {
        used[JOBS][r][k] += sign;
        used[GPUS][r][k] += sign * gpus;
      }
      lastTouched = Math.max(lastTouched, last);
    }
  }
}
