package dev.carbonshift.job;

import java.util.List;

/**
 * A declarative network for a training job.
 *
 * @param type {@code mlp} or {@code lstm}
 * @param layers hidden layer sizes
 * @param activation hidden activation, e.g. {@code relu}, {@code tanh}
 * @param updater {@code adam}, {@code sgd}, {@code nesterovs}, {@code rmsprop}
 * @param earlyStoppingPatience epochs without validation improvement before stopping (0 = off)
 * @param freezeLayers for transfer: how many leading layers keep the base model's weights
 * @param fineTuneLearningRate for transfer: if set, unfreeze all layers afterwards at this rate
 */
public record NetworkSpec(
    String type,
    List<Integer> layers,
    String activation,
    double dropout,
    String updater,
    double learningRate,
    int epochs,
    int batchSize,
    int earlyStoppingPatience,
    long seed,
    int freezeLayers,
    Double fineTuneLearningRate) {

  /** The same network, its weights initialised from {@code seed}. */
  public NetworkSpec withSeed(long seed) {
    return with(seed, freezeLayers, fineTuneLearningRate);
  }

  /** The same network without transfer settings: no frozen layers, no fine-tuning. */
  public NetworkSpec withoutTransfer() {
    return with(seed, 0, null);
  }

  private NetworkSpec with(long seed, int freezeLayers, Double fineTuneLearningRate) {
    return new NetworkSpec(
        type,
        layers,
        activation,
        dropout,
        updater,
        learningRate,
        epochs,
        batchSize,
        earlyStoppingPatience,
        seed,
        freezeLayers,
        fineTuneLearningRate);
  }
}
