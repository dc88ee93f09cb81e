package dev.carbonshift.daemon.api;

import dev.carbonshift.store.AdaptDecisionRepository;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.DecisionRepository;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.PlacementRepository;
import dev.carbonshift.store.RunRepository;
import java.time.Clock;

/** The repositories the API reads, passed as one value. */
public record ApiStore(
    JobRepository jobs,
    PlacementRepository placements,
    RunRepository runs,
    DecisionRepository decisions,
    AdaptDecisionRepository adaptDecisions) {

  public static ApiStore of(Database db, Clock clock) {
    return new ApiStore(
        new JobRepository(db, clock),
        new PlacementRepository(db),
        new RunRepository(db),
        new DecisionRepository(db),
        new AdaptDecisionRepository(db));
  }
}
