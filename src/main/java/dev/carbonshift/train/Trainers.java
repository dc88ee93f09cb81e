package dev.carbonshift.train;

import java.nio.file.Path;
import java.time.Clock;

/** Factories for {@link Trainer}s. */
public final class Trainers {
  private Trainers() {}

  /**
   * The Deeplearning4j trainer: model files and checkpoints under {@code dataDir}, versions
   * recorded in {@code registry}.
   */
  public static Trainer dl4j(ModelRegistry registry, Path dataDir, Clock clock) {
    return new Dl4jTrainer(registry, dataDir, clock);
  }
}
