package dev.carbonshift.plan;

import dev.carbonshift.region.Region;
import java.util.Objects;

/**
 * A region as the planner sees it.
 *
 * @param zone grid zone whose forecast applies
 * @param pue facility energy / IT energy
 * @param capacity how many jobs may run there at once
 */
public record PlanRegion(String id, String zone, double pue, int capacity) {
  public PlanRegion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(zone, "zone");
    if (pue < 1.0) {
      throw new IllegalArgumentException(id + ": pue must be >= 1, got " + pue);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException(id + ": capacity must be >= 1, got " + capacity);
    }
  }

  public static PlanRegion of(Region r) {
    return new PlanRegion(r.id(), r.zone(), r.pue(), r.capacity());
  }
}
