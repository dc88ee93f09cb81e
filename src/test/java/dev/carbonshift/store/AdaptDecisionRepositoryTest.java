package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The MAPE-K loop's decisions, on every {@link StoreBackend}. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class AdaptDecisionRepositoryTest {
  @Parameter StoreBackend backend;
  @TempDir Path dir;

  @Test
  void keeps_decisions_with_inputs_cost_and_outcome_also_for_the_next_process() {
    Instant at = Instant.parse("2026-03-01T02:30:00Z");
    try (StoreBackend.Fresh store = backend.fresh(dir)) {
      Database db = store.db();
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

      if (backend.persistent()) { // what the next process reads
        db.close();
        repo = new AdaptDecisionRepository(store.open());
      }
      AdaptDecision back = repo.last("ci-es", "incremental").orElseThrow();
      assertThat(back.at()).isEqualTo(at);
      assertThat(back.inputs()).isEqualTo("{\"mae\":31.2}");
      assertThat(back.kwh()).isEqualTo(0.12);
      assertThat(back.metricAfter()).isEqualTo(29.5);
      assertThat(back.didNotRestore()).isFalse();
      assertThat(repo.pending()).isEmpty();
      assertThat(repo.list(null)).hasSize(2);
      assertThat(repo.list("ci-es")).hasSize(1);
    }
  }
}
