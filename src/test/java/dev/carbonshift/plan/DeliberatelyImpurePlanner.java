package dev.carbonshift.plan;

import dev.carbonshift.store.JobRepository;
import java.time.Instant;

/** Breaks the planner's purity on purpose, for {@code CompositionRulesTest}; never used. */
final class DeliberatelyImpurePlanner {
  private DeliberatelyImpurePlanner() {}

  static Instant startsNow() {
    return Instant.now();
  }

  static long wallMillis() {
    return System.currentTimeMillis();
  }

  static int countQueued(JobRepository jobs) {
    return jobs.all().size();
  }
}
