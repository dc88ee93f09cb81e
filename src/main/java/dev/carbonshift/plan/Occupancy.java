package dev.carbonshift.plan;

/**
 * Units in use per slot per region. A job that runs during any part of a slot holds its units of
 * that slot (one, or its GPUs in a region that counts them), so capacity holds at every instant.
 */
final class Occupancy {
  private final Grid grid;
  final int[][] used;
  final int[] capacity;

  Occupancy(Grid grid) {
    this.grid = grid;
    used = new int[grid.regions.size()][grid.n];
    capacity = new int[grid.regions.size()];
    for (int r = 0; r < capacity.length; r++) {
      capacity[r] = grid.regions.get(r).units();
    }
  }

  /** Whether slot {@code k} of region {@code r} has no room for {@code units} more. */
  boolean full(int r, int k, int units) {
    return used[r][k] + units > capacity[r];
  }

  boolean fits(Option o, int units) {
    for (int i = 0; i < o.bounds.length; i += 2) {
      if (o.bounds[i + 1] <= grid.origin || o.bounds[i] >= grid.end()) {
        continue;
      }
      int last = grid.cellOf(o.bounds[i + 1] - 1);
      for (int k = grid.cellOf(o.bounds[i]); k <= last; k++) {
        if (full(o.region, k, units)) {
          return false;
        }
      }
    }
    return true;
  }

  void add(Option o, int delta) {
    add(o.region, o.bounds, delta);
  }

  void add(int r, long[] bounds, int delta) {
    int lastTouched = -1;
    for (int i = 0; i < bounds.length; i += 2) {
      if (bounds[i + 1] <= grid.origin || bounds[i] >= grid.end()) {
        continue;
      }
      int last = grid.cellOf(bounds[i + 1] - 1);
      // two stretches may share a slot; the job still holds it once
      for (int k = Math.max(grid.cellOf(bounds[i]), lastTouched + 1); k <= last; k++) {
        used[r][k] += delta;
      }
      lastTouched = Math.max(lastTouched, last);
    }
  }
}
