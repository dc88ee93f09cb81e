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
 * @param gpus GPUs the job holds while it runs where a region counts them ({@code gpus.count}); 0
 *     when the workload does not say: it then holds no GPU, only one unit of {@code capacity}
 */
public record SimJob(
    String id,
    Instant submitted,
    Duration duration,
    double powerKw,
    Instant deadline,
    boolean interruptible,
    String home,
    Set<String> regions,
    int gpus) {

  public SimJob {
    regions = Set.copyOf(regions);
    if (gpus < 0) {
      throw new IllegalArgumentException(id + ": gpus must be >= 0");
    }
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
        regions,
        false,
        gpus);
  }
}
