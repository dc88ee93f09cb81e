package dev.carbonshift.adapt;

import dev.carbonshift.store.AdaptDecision;
import dev.carbonshift.store.AdaptDecisionRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the loop decided and what came of it; the store's table, or a list for a replay. */
public interface Knowledge {

  AdaptDecision record(AdaptDecision d);

  void outcome(long id, Double kwh, Double kg, Double before, Double after, String result);

  /** The newest decision about {@code model} with {@code tactic} whose outcome is known. */
  Optional<AdaptDecision> last(String model, String tactic);

  List<AdaptDecision> list(String model);

  static Knowledge of(AdaptDecisionRepository repo) {
    return new Knowledge() {
      @Override
      public AdaptDecision record(AdaptDecision d) {
        return repo.record(d);
      }

      @Override
      public void outcome(long id, Double kwh, Double kg, Double b, Double a, String result) {
        repo.outcome(id, kwh, kg, b, a, result);
      }

      @Override
      public Optional<AdaptDecision> last(String model, String tactic) {
        return repo.last(model, tactic);
      }

      @Override
      public List<AdaptDecision> list(String model) {
        return repo.list(model);
      }
    };
  }

  /** Knowledge that lives as long as the object (replays, tests). */
  static Knowledge inMemory() {
    List<AdaptDecision> all = new ArrayList<>();
    return new Knowledge() {
      @Override
      public synchronized AdaptDecision record(AdaptDecision d) {
        AdaptDecision stored = d.withId(all.size() + 1L);
        all.add(stored);
        return stored;
      }

      @Override
      public synchronized void outcome(
          long id, Double kwh, Double kg, Double b, Double a, String result) {
        int i = (int) id - 1;
        all.set(i, all.get(i).withOutcome(kwh, kg, b, a, result));
      }

      @Override
      public synchronized Optional<AdaptDecision> last(String model, String tactic) {
        for (int i = all.size() - 1; i >= 0; i--) {
          AdaptDecision d = all.get(i);
          if (d.model().equals(model)
              && d.tactic().equals(tactic)
              && !AdaptDecision.PENDING.equals(d.outcome())) {
            return Optional.of(d);
          }
        }
        return Optional.empty();
      }

      @Override
      public synchronized List<AdaptDecision> list(String model) {
        return all.stream().filter(d -> model == null || d.model().equals(model)).toList();
      }
    };
  }
}
