package dev.carbonshift.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Zero-mean, unit-variance scaling per feature column and for the label, fitted on the training
 * split only (so validation and test never leak into it) and stored as {@code normalizer.json}
 * beside each model, because a model is meaningless without the scaling it was trained on.
 */
record Standardizer(double[] featureMean, double[] featureStd, double labelMean, double labelStd) {

  static final String FILE = "normalizer.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  static Standardizer fit(PreparedData d) {
    int f = d.featureCount();
    double[] sum = new double[f];
    double[] sq = new double[f];
    long count = 0;
    for (int i = 0; i < d.trainEnd(); i++) {
      double[] x = d.inputs()[i];
      for (int j = 0; j < x.length; j++) {
        sum[j % f] += x[j];
        sq[j % f] += x[j] * x[j];
      }
      count += d.steps();
    }
    double[] mean = new double[f];
    double[] std = new double[f];
    for (int j = 0; j < f; j++) {
      // a residual's inputs are departures from the naive forecast: scaled, not centred, so zero
      // stays zero (the naive forecast itself) at every level of the series
      mean[j] = d.residual() ? 0.0 : sum[j] / count;
      std[j] = safeStd(sq[j] / count - (sum[j] / count) * (sum[j] / count));
    }
    double ls = 0;
    double lsq = 0;
    for (int i = 0; i < d.trainEnd(); i++) {
      ls += d.labels()[i];
      lsq += d.labels()[i] * d.labels()[i];
    }
    double lm = ls / d.trainEnd();
    double spread = safeStd(lsq / d.trainEnd() - lm * lm);
    // a residual over a named naive forecast is not centred: zero output is the naive forecast
    return new Standardizer(mean, std, d.residual() ? 0.0 : lm, spread);
  }

  private static double safeStd(double variance) {
    double s = Math.sqrt(Math.max(variance, 0));
    // a constant column carries no information; dividing by 1 keeps it finite
    return s < 1e-9 ? 1.0 : s;
  }

  /** Scaled inputs of the given samples: 2-D for an MLP, [n, features, steps] for an LSTM. */
  INDArray inputs(PreparedData d, int[] samples, boolean sequence) {
    int n = samples.length;
    int f = d.featureCount();
    int steps = d.steps();
    if (f != featureMean.length) {
      throw new DatasetException(
          "the dataset has " + f + " feature columns, the model expects " + featureMean.length);
    }
    // filled in Java and handed over once: one native call per batch, not one per value
    float[] flat = new float[n * f * steps];
    for (int i = 0; i < n; i++) {
      double[] x = d.inputs()[samples[i]];
      for (int j = 0; j < x.length; j++) {
        int feature = j % f;
        int step = j / f;
        int at = sequence ? (i * f + feature) * steps + step : i * f * steps + j;
        flat[at] = (float) ((x[j] - featureMean[feature]) / featureStd[feature]);
      }
    }
    return sequence
        ? Nd4j.create(flat, new long[] {n, f, steps}, 'c')
        : Nd4j.create(flat, new long[] {n, (long) f * steps}, 'c');
  }

  INDArray labels(PreparedData d, int[] samples) {
    float[] flat = new float[samples.length];
    for (int i = 0; i < samples.length; i++) {
      flat[i] = (float) ((d.labels()[samples[i]] - labelMean) / labelStd);
    }
    return Nd4j.create(flat, new long[] {samples.length, 1}, 'c');
  }

  double unscaleLabel(double scaled) {
    return scaled * labelStd + labelMean;
  }

  void save(Path dir) throws IOException {
    JSON.writeValue(dir.resolve(FILE).toFile(), this);
  }

  static Standardizer load(Path dir) throws IOException {
    return JSON.readValue(dir.resolve(FILE).toFile(), Standardizer.class);
  }
}
