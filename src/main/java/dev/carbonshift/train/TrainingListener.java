package dev.carbonshift.train;

/** Hears about each finished epoch, e.g. to draw a progress bar or heartbeat a run. */
@FunctionalInterface
public interface TrainingListener {
  TrainingListener NONE = p -> {};

  void epochEnded(EpochProgress progress);
}
