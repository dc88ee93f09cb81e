package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdaptDecisionRepositoryTest {
  @TempDir Path dir;

  @Test
  void keeps_decisions_with_inputs_cost_and_outcome_in_an_h2_file() {
    Instant at = Instant.parse("2026-03-01T02:30:00Z");
    try (Database db = Database.file(dir.resolve("store"))) {
      AdaptDecisionRepository repo = new AdaptDecisionRepository(db);
      AdaptDecision d =
          repo.record(
              new AdaptDecision(
                  0,
                  at,
                  "ci-es",
                  null,
                  3,
                  "incremental",
                  "error-drift",
                  "PH alarm",
                  "{\"mae\":31.2}",
                  at.plusSeconds(86_400),
                  "job-1",
                  null,
                  null,
                  null,
                  null,
                  AdaptDecision.PENDING));
      repo.record(
          new AdaptDecision(
              0,
              at,
              "other",
              null,
              1,
              "skip",
              "quiet",
              "nothing",
              "{}",
              null,
              null,
              null,
              null,
              null,
              null,
              AdaptDecision.SKIPPED));
      assertThat(repo.pending()).extracting(AdaptDecision::id).containsExactly(d.id());
      assertThat(repo.last("ci-es", "incremental")).isEmpty();
      repo.outcome(d.id(), 0.12, 0.03, 31.0, 29.5, AdaptDecision.PROMOTED);
    }
    try (Database db = Database.file(dir.resolve("store"))) {
      AdaptDecisionRepository repo = new AdaptDecisionRepository(db);
      AdaptDecision back = repo.last("ci-es", "incremental").orElseThrow();
      assertThat(back.at()).isEqualTo(at);
      assertThat(back.inputs()).isEqualTo("{\"mae\":31.2}");
      assertThat(back.kwh()).isEqualTo(0.12);
      assertThat(back.metricAfter()).isEqualTo(29.5);
      assertThat(back.didNotRestore()).isFalse();
      assertThat(repo.list(null)).hasSize(2);
      assertThat(repo.list("ci-es")).hasSize(1);
    }
  }
}
