package dev.carbonshift.train;

import dev.carbonshift.job.DatasetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Scores a stored version on the test split of any dataset, e.g. another run's test split. */
final class Evaluator {
  private Evaluator() {}

  static Map<String, Double> onTestSplit(ModelVersion v, DatasetSpec spec, Path baseDir) {
    PreparedData d = DatasetBuilder.build(spec, baseDir);
    Weights.verify(v);
    try {
      MultiLayerNetwork net =
          ModelSerializer.restoreMultiLayerNetwork(v.modelFile().toFile(), false);
      Standardizer scaler = Standardizer.load(v.directory());
      boolean sequence = StartingPoint.isSequence(net);
      INDArray out =
          net.output(
              scaler.inputs(d, EpochLoop.range(d.validationEnd(), d.size()), sequence), false);
      double[] predicted = new double[(int) out.size(0)];
      for (int i = 0; i < predicted.length; i++) {
        predicted[i] = scaler.unscaleLabel(out.getDouble(i, 0));
      }
      return d.score(predicted, d.validationEnd(), d.size());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + v.ref(), e);
    }
  }
}
