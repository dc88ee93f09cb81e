package dev.carbonshift.train;

import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.energy.ModelledMeter;
import dev.carbonshift.job.DatasetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the self-adaptation loop needs from a stored version, without reaching into the trainer: its
 * predictions on any rows of a dataset, its score on another run's held-out window, and the one
 * energy meter every policy is measured with.
 */
public final class Forecasts {
  /** Recently restored networks: a daily monitor reads the same few versions again and again. */
  private static final int CACHED = 4;

  private static final java.util.Map<String, Loaded> LOADED =
      new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Loaded> e) {
          return size() > CACHED;
        }
      };

  private record Loaded(MultiLayerNetwork net, Standardizer scaler) {}

  private Forecasts() {}

  /**
   * The version's network and scaling, verified on first load; again while its file is unchanged.
   */
  private static synchronized Loaded load(ModelVersion v) throws IOException {
    java.nio.file.Path f = v.modelFile();
    String key =
        f.toAbsolutePath()
            + "|"
            + java.nio.file.Files.size(f)
            + "|"
            + java.nio.file.Files.getLastModifiedTime(f).toMillis()
            + "|"
            + v.weightsSha256();
    Loaded l = LOADED.get(key);
    if (l == null) {
      Weights.verify(v);
      l =
          new Loaded(
              ModelSerializer.restoreMultiLayerNetwork(f.toFile(), false),
              Standardizer.load(v.directory()));
      LOADED.put(key, l);
    }
    return l;
  }

  /**
   * A version's predictions on every sample of {@code spec}, in the label's units.
   *
   * @param targetTimes when each sample's label was observed (ISO, UTC)
   * @param naive the last value known at forecast time (persistence; for a day-ahead hourly
   *     forecaster, the same hour yesterday), or NaN when the label is not an input
   * @param latestInputs the newest row of each sample's inputs, one value per feature
   */
  public record Predictions(
      String[] targetTimes,
      double[] predicted,
      double[] actual,
      double[] naive,
      double[][] latestInputs) {
    public int size() {
      return actual.length;
    }
  }

  public static Predictions predict(ModelVersion v, DatasetSpec spec, Path baseDir) {
    PreparedData d = DatasetBuilder.samples(spec, baseDir);
    try {
      Loaded l = load(v);
      MultiLayerNetwork net = l.net();
      Standardizer scaler = l.scaler();
      boolean sequence = StartingPoint.isSequence(net);
      int n = d.size();
      INDArray out = net.output(scaler.inputs(d, EpochLoop.range(0, n), sequence), false);
      double[] predicted = new double[n];
      double[] actual = new double[n];
      double[] naive = new double[n];
      double[][] latest = new double[n][];
      int features = d.featureCount();
      int steps = d.steps();
      boolean anchored = false;
      for (double a : d.anchors()) {
        anchored |= a != 0;
      }
      for (int i = 0; i < n; i++) {
        predicted[i] = scaler.unscaleLabel(out.getDouble(i, 0)) + d.anchors()[i];
        actual[i] = d.labels()[i] + d.anchors()[i];
        naive[i] = anchored ? d.anchors()[i] : Double.NaN;
        latest[i] = new double[features];
        System.arraycopy(d.inputs()[i], (steps - 1) * features, latest[i], 0, features);
      }
      return new Predictions(d.targetTimes().clone(), predicted, actual, naive, latest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + v.ref(), e);
    }
  }

  /** A version's metrics on the held-out (test) split of {@code spec}: another run's window. */
  public static Map<String, Double> onTestSplit(ModelVersion v, DatasetSpec spec, Path baseDir) {
    return Evaluator.onTestSplit(v, spec, baseDir);
  }

  /**
   * Watts per busy core × CPU time of the thread that starts each session, with ND4J confined to
   * the calling thread: the measure that holds while other work shares the machine.
   */
  public static EnergyMeter threadCpuMeter(Clock clock, double wattsPerCore) {
    CpuTimeMeter.confineNd4jToCallingThread();
    return CpuTimeMeter.ofTrainingThread(clock, wattsPerCore);
  }

  /** What {@link #threadCpuMeter} reads, for a report's method line. */
  public static String method(EnergyMeter meter) {
    return meter instanceof ModelledMeter m ? m.method() : meter.name();
  }
}
