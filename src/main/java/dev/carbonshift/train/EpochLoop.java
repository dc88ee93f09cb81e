package dev.carbonshift.train;

import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One phase of training, epoch by epoch: shuffle, fit mini-batches, score the validation split,
 * keep the best parameters, checkpoint, then decide whether to go on. Every source of randomness is
 * seeded from (seed, phase, epoch), so a run resumed from a checkpoint takes exactly the steps the
 * uninterrupted run would have.
 */
final class EpochLoop {

  enum End {
    TARGET_REACHED("target reached"),
    NO_IMPROVEMENT("no improvement on validation"),
    EPOCHS_DONE("all epochs done"),
    STOP_REQUESTED("stop requested");

    final String reason;

    End(String reason) {
      this.reason = reason;
    }
  }

  /**
   * @param threshold the target value of {@code metric}, or null to train without a target
   * @param patience epochs without improvement before stopping, 0 for never
   * @param scoreStart score the starting weights first, so that no epoch is kept unless it beats
   *     them (a retrain of a model that is already trained)
   */
  record Config(
      int maxEpochs,
      int batchSize,
      int patience,
      long seed,
      String metric,
      Double threshold,
      boolean sequence,
      boolean scoreStart) {}

  record Result(MultiLayerNetwork net, Checkpoints.State state, End end) {}

  private final Config config;
  private final PreparedData data;
  private final Standardizer scaler;
  private final Checkpoints checkpoints;
  private final TrainingListener listener;
  private final StopSignal stop;
  private final DoubleSupplier kwhSoFar;
  private final DoubleSupplier wallSecondsSoFar;

  EpochLoop(
      Config config,
      PreparedData data,
      Standardizer scaler,
      Checkpoints checkpoints,
      TrainingListener listener,
      StopSignal stop,
      DoubleSupplier kwhSoFar,
      DoubleSupplier wallSecondsSoFar) {
    this.config = config;
    this.data = data;
    this.scaler = scaler;
    this.checkpoints = checkpoints;
    this.listener = listener;
    this.stop = stop;
    this.kwhSoFar = kwhSoFar;
    this.wallSecondsSoFar = wallSecondsSoFar;
  }

  Result run(MultiLayerNetwork net, Checkpoints.State start, INDArray bestAtStart) {
    Checkpoints.State s = start;
    INDArray best = bestAtStart;
    INDArray valX =
        scaler.inputs(data, range(data.trainEnd(), data.validationEnd()), config.sequence());
    if (s.epoch() > 0) {
      // a checkpoint written after the epoch that met a stopping rule, and the process ended before
      // the run did: that rule still holds, and one more epoch would be trained for nothing
      if (config.threshold() != null && reached(s.bestMetric())) {
        restore(net, best);
        return new Result(net, s, End.TARGET_REACHED);
      }
      if (config.patience() > 0 && s.sinceBest() >= config.patience()) {
        restore(net, best);
        return new Result(net, s, End.NO_IMPROVEMENT);
      }
    }
    if (config.scoreStart() && best == null && s.totalEpochs() == 0) {
      // the parent is the epoch to beat: an epoch that makes validation worse is never kept
      best = net.params().dup();
      s =
          new Checkpoints.State(
              s.key(),
              s.phase(),
              s.epoch(),
              s.totalEpochs(),
              data.score(predict(net, valX), data.trainEnd(), data.validationEnd())
                  .get(config.metric()),
              0,
              s.kwhSoFar(),
              s.wallSecondsSoFar(),
              s.initialLoss(),
              s.lastLoss());
      if (config.threshold() != null && reached(s.bestMetric())) {
        // the starting weights already meet the target on this data: nothing to train
        return new Result(net, s, End.TARGET_REACHED);
      }
    }
    // frozen leading layers (a transfer's first phase) are run once, not in every mini-batch
    FrozenPrefix frozen =
        FrozenPrefix.of(
            net, scaler.inputs(data, range(0, data.trainEnd()), config.sequence()), valX);
    while (s.epoch() < config.maxEpochs()) {
      long epochSeed = config.seed() * 1_000_003L + s.phase() * 10_007L + s.epoch();
      Nd4j.getRandom().setSeed(epochSeed);
      int[] order = shuffled(data.trainEnd(), new Random(epochSeed));
      double lossSum = 0;
      int batches = 0;
      int batch = Math.max(1, config.batchSize());
      for (int from = 0; from < order.length; from += batch) {
        int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + batch));
        if (frozen != null) {
          lossSum += frozen.fit(idx, scaler.labels(data, idx));
        } else {
          net.fit(
              new DataSet(scaler.inputs(data, idx, config.sequence()), scaler.labels(data, idx)));
          lossSum += net.score();
        }
        batches++;
      }
      double[] validation;
      if (frozen != null) {
        frozen.pushTo();
        validation = unscaled(frozen.validationOutput());
      } else {
        validation = predict(net, valX);
      }
      double value =
          data.score(validation, data.trainEnd(), data.validationEnd()).get(config.metric());
      boolean improved = Metrics.better(config.metric(), value, s.bestMetric());
      if (improved) {
        best = net.params().dup();
      }
      s =
          new Checkpoints.State(
              s.key(),
              s.phase(),
              s.epoch() + 1,
              s.totalEpochs() + 1,
              improved ? value : s.bestMetric(),
              improved ? 0 : s.sinceBest() + 1,
              kwhSoFar.getAsDouble(),
              wallSecondsSoFar.getAsDouble(),
              s.initialLoss(),
              lossSum / batches);
      checkpoints.save(s, net, best);
      listener.epochEnded(
          new EpochProgress(
              s.phase(),
              s.epoch(),
              config.maxEpochs(),
              s.lastLoss(),
              config.metric(),
              value,
              s.kwhSoFar()));
      if (config.threshold() != null && reached(value)) {
        restore(net, best);
        return new Result(net, s, End.TARGET_REACHED);
      }
      if (config.patience() > 0 && s.sinceBest() >= config.patience()) {
        restore(net, best);
        return new Result(net, s, End.NO_IMPROVEMENT);
      }
      if (s.epoch() < config.maxEpochs() && stop.stopRequested(s.totalEpochs())) {
        return new Result(net, s, End.STOP_REQUESTED);
      }
    }
    restore(net, best);
    return new Result(net, s, End.EPOCHS_DONE);
  }

  private boolean reached(double value) {
    return Metrics.higherIsBetter(config.metric())
        ? value >= config.threshold()
        : value <= config.threshold();
  }

  private static void restore(MultiLayerNetwork net, INDArray best) {
    if (best != null) {
      net.setParams(best);
    }
  }

  /** Predictions in the label's units. */
  double[] predict(MultiLayerNetwork net, INDArray x) {
    return unscaled(net.output(x, false));
  }

  private double[] unscaled(INDArray out) {
    double[] p = new double[(int) out.size(0)];
    for (int i = 0; i < p.length; i++) {
      p[i] = scaler.unscaleLabel(out.getDouble(i, 0));
    }
    return p;
  }

  static int[] range(int from, int to) {
    return IntStream.range(from, to).toArray();
  }

  static double[] slice(double[] a, int from, int to) {
    return java.util.Arrays.copyOfRange(a, from, to);
  }

  private static int[] shuffled(int n, Random rnd) {
    int[] a = range(0, n);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
