package dev.carbonshift.plan;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one planning round.
 *
 * @param method how the placements were found ({@code exact} MILP or {@code heuristic})
 * @param notes facts about the round as a whole (fallbacks per zone, horizon limits)
 */
public record PlanResult(List<Placement> placements, String method, List<String> notes) {
  /** The method of a plan where capacity moved no job off its own cheapest option. */
  public static final String CAPACITY_NEVER_BOUND = "exact (capacity never bound)";

  public PlanResult {
    placements = List.copyOf(placements);
    notes = List.copyOf(notes);
  }

  /** Whether capacity pushed some job off its own cheapest option in this plan. */
  public boolean capacityBound() {
    return !method.equals(CAPACITY_NEVER_BOUND);
  }

  public Optional<Placement> find(String jobId) {
    return placements.stream().filter(p -> p.jobId().equals(jobId)).findFirst();
  }

  public double totalGCo2e() {
    return placements.stream().mapToDouble(Placement::gCo2e).sum();
  }

  public double baselineGCo2e() {
    return placements.stream().mapToDouble(Placement::baselineGCo2e).sum();
  }
}
