package dev.carbonshift.plan;

import dev.carbonshift.region.Region;
import java.util.Objects;

/**
 * A region as the planner sees it. It has two limits per slot: at most {@code capacity} jobs run
 * there at once and, where it counts them, at most {@code gpus} GPUs are in use at once. A job
 * holds one unit of {@code capacity} and the GPUs it asks for ({@link PlanJob#gpus()}); a job that
 * does not say holds none, so in a region whose file says more jobs than GPUs the jobs beyond its
 * GPUs are those that need none.
 *
 * @param zone grid zone whose forecast applies
 * @param pue facility energy / IT energy
 * @param capacity how many jobs may run there at once
 * @param gpus GPUs the region has ({@code gpus.count}), or 0 when it does not say: then it holds
 *     jobs only and puts no limit on their GPUs
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

  /** The planner's view of a region file: its {@code capacity} and its {@code gpus.count}. */
  public static PlanRegion of(Region r) {
    return new PlanRegion(
        r.id(), r.zone(), r.pue(), r.capacity(), r.gpus() == null ? 0 : r.gpus().count());
  }

  /** Whether a job asking for {@code jobGpus} GPUs could ever run here: the region has as many. */
  public boolean holds(int jobGpus) {
    return gpus == 0 || jobGpus <= gpus;
  }
}
