package dev.carbonshift.sim;

import dev.carbonshift.plan.PlanJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One job of a workload.
 *
 * @param powerKw average IT power while it runs
 * @param deadline when it must have finished
 * @param regions allowed region ids; empty allows every region
 */
public record SimJob(
    String id,
    Instant submitted,
    Duration duration,
    double powerKw,
    Instant deadline,
    boolean interruptible,
    String home,
    Set<String> regions) {

  public SimJob {
    regions = Set.copyOf(regions);
  }

  public double energyKwh() {
    return powerKw * duration.toSeconds() / 3600.0;
  }

  PlanJob toPlanJob() {
    return new PlanJob(
        id,
        submitted,
        submitted,
        deadline,
        duration,
        powerKw * 1000,
        interruptible,
        null,
        0,
        0,
        home,
        regions);
  }
}
