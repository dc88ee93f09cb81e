package dev.carbonshift.plan;

import dev.carbonshift.region.Region;
import java.util.Objects;

/**
 * A region as the planner sees it.
 *
 * @param zone grid zone whose forecast applies
 * @param pue facility energy / IT energy
 * @param capacity how many jobs may run there at once
 * @param gpus GPUs the region has ({@code gpus.count}), or 0 when it does not say; when it says, it
 *     holds at most that many GPUs in use at once (a job that asks for none holds one)
 */
public record PlanRegion(String id, String zone, double pue, int capacity, int gpus) {
  public PlanRegion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(zone, "zone");
    if (pue < 1.0) {
      throw new IllegalArgumentException(id + ": pue must be >= 1, got " + pue);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException(id + ": capacity must be >= 1, got " + capacity);
    }
    if (gpus < 0) {
      throw new IllegalArgumentException(id + ": gpus must be >= 0, got " + gpus);
    }
  }

  /** A region that counts jobs, not GPUs. */
  public PlanRegion(String id, String zone, double pue, int capacity) {
    this(id, zone, pue, capacity, 0);
  }

  /**
   * The planner's view of a region file. Its {@code gpus.count} is not yet read as a GPU limit: the
   * file's {@code capacity} (jobs) and its GPUs are two limits, and the planner holds one unit per
   * region; counting GPUs in place of jobs would change every shipped region's capacity.
   */
  public static PlanRegion of(Region r) {
    return new PlanRegion(r.id(), r.zone(), r.pue(), r.capacity());
  }

  /** Units of capacity: its GPUs where it counts them, else its concurrent jobs. */
  public int units() {
    return gpus > 0 ? gpus : capacity;
  }

  /** Units a job asking for {@code jobGpus} holds here: its GPUs where they count, else one. */
  public int unitsOf(int jobGpus) {
    return gpus > 0 ? Math.max(1, jobGpus) : 1;
  }
}
