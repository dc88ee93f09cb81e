package dev.carbonshift.train;

import dev.carbonshift.job.NetworkSpec;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Builds DL4J networks from a descriptor's declarative {@link NetworkSpec}. */
final class Networks {
  private Networks() {}

  static boolean isSequence(NetworkSpec spec) {
    return "lstm".equalsIgnoreCase(spec.type());
  }

  /** A fresh, initialised regression network with one output; LSTMs read [n, features, steps]. */
  static MultiLayerNetwork build(NetworkSpec spec, int featureCount, int flatInputs) {
    return build(spec, featureCount, flatInputs, false);
  }

  /**
   * @param residual a residual over a naive forecast: no layer has a bias and the output starts at
   *     zero, so the network is zero for zero inputs and scales with them (a series at a tenth of
   *     its level gets a tenth of the correction, never a constant offset learned at another level;
   *     an LSTM keeps its gates' biases)
   */
  static MultiLayerNetwork build(
      NetworkSpec spec, int featureCount, int flatInputs, boolean residual) {
    List<Integer> hidden =
        spec.layers() == null || spec.layers().isEmpty() ? List.of(16) : spec.layers();
    boolean lstm = isSequence(spec);
    if (!lstm && !"mlp".equalsIgnoreCase(spec.type()) && spec.type() != null) {
      throw new IllegalArgumentException("network.type must be mlp or lstm, not " + spec.type());
    }
    Activation act = activation(spec.activation(), lstm ? Activation.TANH : Activation.RELU);
    NeuralNetConfiguration.ListBuilder list =
        new NeuralNetConfiguration.Builder()
            .seed(spec.seed())
            .weightInit(WeightInit.XAVIER)
            .updater(updater(spec.updater(), spec.learningRate()))
            .list();
    int nIn = lstm ? featureCount : flatInputs;
    for (int i = 0; i < hidden.size(); i++) {
      int nOut = hidden.get(i);
      Layer layer;
      if (lstm) {
        // (DL4J's LSTM always has a bias; only the dense layers and the output drop theirs)
        LSTM cell = new LSTM.Builder().nIn(nIn).nOut(nOut).activation(act).build();
        // the last recurrent layer hands only its final step to the dense head
        layer = i == hidden.size() - 1 ? new LastTimeStep(cell) : cell;
      } else {
        DenseLayer.Builder dense =
            new DenseLayer.Builder().nIn(nIn).nOut(nOut).activation(act).hasBias(!residual);
        if (spec.dropout() > 0) {
          // DL4J's dropOut takes the probability of keeping an activation
          dense.dropOut(1.0 - spec.dropout());
        }
        layer = dense.build();
      }
      list.layer(layer);
      nIn = nOut;
    }
    list.layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .nIn(nIn)
            .nOut(1)
            .activation(Activation.IDENTITY)
            .weightInit(residual ? WeightInit.ZERO : WeightInit.XAVIER)
            .hasBias(!residual)
            .build());
    MultiLayerConfiguration conf = list.build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  static OutputLayer outputLayer(int nIn) {
    return new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
        .nIn(nIn)
        .nOut(1)
        .activation(Activation.IDENTITY)
        .weightInit(WeightInit.XAVIER)
        .build();
  }

  /** The same network with every frozen layer thawed, weights kept, for fine-tuning at a rate. */
  static MultiLayerNetwork thawed(MultiLayerNetwork net, double learningRate) {
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
    for (NeuralNetConfiguration layerConf : conf.getConfs()) {
      if (layerConf.getLayer() instanceof FrozenLayer frozen) {
        layerConf.setLayer(frozen.getLayer());
      }
    }
    MultiLayerNetwork out = new MultiLayerNetwork(conf);
    out.init();
    out.setParams(net.params().dup());
    out.setLearningRate(learningRate);
    return out;
  }

  static IUpdater updater(String name, double learningRate) {
    double lr = learningRate > 0 ? learningRate : 1e-3;
    String n = name == null ? "adam" : name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "adam" -> new Adam(lr);
      case "sgd" -> new Sgd(lr);
      case "nesterovs" -> new Nesterovs(lr, 0.9);
      case "rmsprop" -> new RmsProp(lr);
      default ->
          throw new IllegalArgumentException(
              "network.updater must be adam, sgd, nesterovs or rmsprop, not " + name);
    };
  }

  private static Activation activation(String name, Activation fallback) {
    if (name == null || name.isBlank()) {
      return fallback;
    }
    try {
      return Activation.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("network.activation: unknown activation " + name, e);
    }
  }
}
