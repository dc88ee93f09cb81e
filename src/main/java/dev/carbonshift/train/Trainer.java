package dev.carbonshift.train;

/** Runs one training job to a new model version. */
public interface Trainer {

  /** Trains in the calling thread; never throws for bad data or a missing parent. */
  TrainingOutcome train(TrainingRequest request);
}
