package dev.carbonshift.plan;

import java.time.Clock;
import java.time.Instant;

/** Reads time only from what it is given, for {@code CompositionRulesTest}; never used. */
final class PurePlannerExample {
  private PurePlannerExample() {}

  static Instant startsAt(Clock clock) {
    return clock.instant();
  }
}
