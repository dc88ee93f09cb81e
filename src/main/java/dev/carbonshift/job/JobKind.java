package dev.carbonshift.job;

/** What a job does to a model. */
public enum JobKind {
  TRAIN(Strategy.SCRATCH),
  RETRAIN(Strategy.INCREMENTAL),
  FINETUNE(Strategy.TRANSFER);

  private final Strategy defaultStrategy;

  JobKind(Strategy defaultStrategy) {
    this.defaultStrategy = defaultStrategy;
  }

  /** How a job of this kind reaches its model when its descriptor does not say. */
  public Strategy defaultStrategy() {
    return defaultStrategy;
  }

  /** The kind whose {@link #defaultStrategy()} is {@code strategy}. */
  public static JobKind defaultingTo(Strategy strategy) {
    for (JobKind k : values()) {
      if (k.defaultStrategy == strategy) {
        return k;
      }
    }
    throw new IllegalArgumentException("no kind defaults to " + strategy);
  }
}
