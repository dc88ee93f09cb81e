package dev.carbonshift.adapt;

/**
 * A model's light or heavy variant: the network part of its descriptor, in YAML, and how many days
 * of history a full retrain and an incremental one read.
 *
 * @param networkYaml the {@code network:} mapping's body, one {@code key: value} per line
 */
public record Variant(String name, String networkYaml, String incrementalNetworkYaml) {

  /** A linear day-ahead forecaster on 24 lags (identity MLP), as the shipped ES forecaster. */
  public static final Variant LIGHT =
      new Variant(
          Signals.LIGHT,
          "type: mlp\nlayers: [8]\nactivation: identity\nupdater: adam\nlearningRate: 0.003\n"
              + "epochs: 40\nbatchSize: 32\nearlyStoppingPatience: 5\n",
          "type: mlp\nlayers: [8]\nactivation: identity\nupdater: adam\nlearningRate: 0.001\n"
              + "epochs: 8\nbatchSize: 32\nearlyStoppingPatience: 2\n");

  /** A small LSTM on the same 24 lags: the heavy variant, kept small enough to train on a CPU. */
  public static final Variant HEAVY =
      new Variant(
          Signals.HEAVY,
          "type: lstm\nlayers: [8]\nactivation: tanh\nupdater: adam\nlearningRate: 0.01\n"
              + "epochs: 8\nbatchSize: 128\nearlyStoppingPatience: 2\n",
          "type: lstm\nlayers: [8]\nactivation: tanh\nupdater: adam\nlearningRate: 0.003\n"
              + "epochs: 3\nbatchSize: 128\nearlyStoppingPatience: 1\n");

  public static Variant of(String name) {
    return Signals.LIGHT.equals(name) ? LIGHT : HEAVY;
  }

  public Variant other() {
    return this == LIGHT ? HEAVY : LIGHT;
  }
}
