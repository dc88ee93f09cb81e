package dev.carbonshift.sim;

import dev.carbonshift.plan.Reason;
import java.time.Instant;

/**
 * Where and when a job ran in a replay, and what it really emitted (on the actual trace).
 *
 * @param kwh facility energy (IT × PUE)
 * @param reason why the plan it started on placed it so
 */
public record SimPlacement(
    String job,
    String region,
    Instant start,
    Instant end,
    int slices,
    double kwh,
    double kgCo2e,
    boolean missedDeadline,
    Reason reason) {

  /**
   * Whether capacity moved the job off its own cheapest option in the plan it started on ({@link
   * Reason#displaced()}); never for the peers' rules, which ignore capacity.
   */
  public boolean displaced() {
    return reason.displaced();
  }
}
