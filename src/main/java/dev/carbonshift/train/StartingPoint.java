package dev.carbonshift.train;

import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.NetworkSpec;
import dev.carbonshift.job.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network a job starts from and the scaling its inputs get: a fresh network (scratch), the
 * parent's weights, updater state and scaling (incremental), or a base model's weights with its
 * feature layers frozen (transfer). Reused layers keep the parent's scaling, because their weights
 * only mean something for inputs scaled the way they were trained on.
 */
record StartingPoint(
    MultiLayerNetwork net,
    Standardizer scaler,
    boolean sequence,
    String parentName,
    Integer parentVersion) {

  static StartingPoint resolve(JobSpec job, PreparedData data, ModelRegistry registry, Path base) {
    NetworkSpec spec = job.network();
    Strategy strategy = job.strategy();
    if (strategy == Strategy.SCRATCH && job.modelFile() == null) {
      Standardizer scaler = Standardizer.fit(data);
      MultiLayerNetwork net =
          Networks.build(spec, data.featureCount(), data.flatInputs(), data.residual());
      return new StartingPoint(net, scaler, Networks.isSequence(spec), null, null);
    }
    String parentName = null;
    Integer parentVersion = null;
    MultiLayerNetwork net;
    Standardizer scaler;
    boolean keepUpdater = strategy != Strategy.TRANSFER;
    if (job.modelFile() != null) {
      Path file = base.resolve(job.modelFile()).normalize();
      net = load(file, keepUpdater);
      Path sibling = file.resolveSibling(Standardizer.FILE);
      scaler = Files.exists(sibling) ? loadScaler(sibling.getParent()) : Standardizer.fit(data);
    } else {
      String defaultName = job.model() == null ? job.name() : job.model();
      ModelRef ref = ModelRef.parse(job.baseModel(), defaultName);
      ModelVersion parent =
          (ref.version() == null
                  ? registry.latest(ref.name())
                  : registry.find(ref.name(), ref.version()))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          strategy.name().toLowerCase()
                              + " needs a stored model: no version "
                              + ref));
      Weights.verify(parent);
      net = load(parent.modelFile(), keepUpdater);
      parentName = parent.name();
      parentVersion = parent.version();
      scaler = loadScaler(parent.directory());
    }
    if (strategy == Strategy.TRANSFER) {
      net = transfer(net, spec);
    } else if (spec != null && spec.learningRate() > 0) {
      // continue with the job's (usually lower) rate, keeping the parent's updater moments
      net.setLearningRate(spec.learningRate());
    }
    boolean sequence = isSequence(net);
    try {
      net.output(scaler.inputs(data, new int[] {0}, sequence), false);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "the starting model does not accept this dataset's inputs ("
              + data.flatInputs()
              + " values): "
              + e.getMessage(),
          e);
    }
    return new StartingPoint(net, scaler, sequence, parentName, parentVersion);
  }

  /**
   * Freezes the first {@code freezeLayers} layers; the layers above them, output layer included,
   * start from the base model's weights and are trained on the new data.
   */
  private static MultiLayerNetwork transfer(MultiLayerNetwork base, NetworkSpec spec) {
    int layers = base.getnLayers();
    Layer out = base.getLayerWiseConfigurations().getConf(layers - 1).getLayer();
    if (!(out instanceof FeedForwardLayer head)) {
      throw new IllegalArgumentException("the base model's last layer is not an output layer");
    }
    TransferLearning.Builder b =
        new TransferLearning.Builder(base)
            .fineTuneConfiguration(
                new FineTuneConfiguration.Builder()
                    .updater(Networks.updater(spec.updater(), spec.learningRate()))
                    .seed(spec.seed())
                    .build());
    // a new head is initialised from ND4J's global generator: seed it, or the same job
    // would start from different weights depending on what the JVM did before
    Nd4j.getRandom().setSeed(spec.seed());
    int freeze = Math.min(Math.max(spec.freezeLayers(), 0), layers - 1);
    if (freeze > 0) {
      // setFeatureExtractor freezes the given layer and every layer below it
      b.setFeatureExtractor(freeze - 1);
    }
    if (head.getNOut() != 1) {
      return b.removeOutputLayer().addLayer(Networks.outputLayer((int) head.getNIn())).build();
    }
    // the base model's head is where the new one starts: its label scaling is kept too, so it
    // already predicts the same quantity, and training starts from the base model's forecast
    // instead of from random weights
    return b.build();
  }

  static boolean isSequence(MultiLayerNetwork net) {
    Layer first = net.getLayerWiseConfigurations().getConf(0).getLayer();
    if (first instanceof FrozenLayer f) {
      first = f.getLayer();
    }
    return first instanceof BaseRecurrentLayer || first instanceof LastTimeStep;
  }

  private static MultiLayerNetwork load(Path file, boolean withUpdater) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no model file " + file);
    }
    try {
      return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), withUpdater);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot read model file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Standardizer loadScaler(Path dir) {
    try {
      return Standardizer.load(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + dir.resolve(Standardizer.FILE), e);
    }
  }
}
