package dev.carbonshift.train;

import dev.carbonshift.store.Database;
import dev.carbonshift.store.ModelVersionRepository;
import java.nio.file.Path;

/** Wires itself on purpose, for {@code CompositionRulesTest}; never used. */
final class DeliberatelySelfWiringTrainer {
  private DeliberatelySelfWiringTrainer() {}

  static ModelVersionRepository registry() {
    return new ModelVersionRepository(Database.file(Path.of(System.getenv("HOME"), "store")));
  }

  static String key() {
    return System.getenv().get("SOME_API_KEY");
  }
}
