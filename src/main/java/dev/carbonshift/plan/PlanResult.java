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
  public PlanResult {
    placements = List.copyOf(placements);
    notes = List.copyOf(notes);
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
