package dev.carbonshift.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Training a network whose leading layers are frozen without running those layers in every step.
 * Their outputs do not change while they are frozen, so they are computed once, for every training
 * and validation sample, and only the layers above them (the head) are fitted on those features:
 * neither the forward nor the backward pass of a mini-batch touches a frozen layer. (DL4J's own
 * back-propagation already stops at the first frozen layer; its forward pass does not skip them.)
 * The head shares nothing with the full network: {@link #pushTo} copies its parameters, updater
 * state and step counters back, so that checkpoints and the returned model are the full network,
 * and a run resumed from a checkpoint takes the same steps.
 */
final class FrozenPrefix {
  private final MultiLayerNetwork full;
  private final MultiLayerNetwork head;
  private final int frozen;
  private final long frozenParams;
  private final float[] trainFeatures;
  private final int width;
  private final INDArray validationFeatures;

  private FrozenPrefix(
      MultiLayerNetwork full,
      MultiLayerNetwork head,
      int frozen,
      long frozenParams,
      INDArray trainFeatures,
      INDArray validationFeatures) {
    this.full = full;
    this.head = head;
    this.frozen = frozen;
    this.frozenParams = frozenParams;
    // kept on the Java side: a batch is one native call, not one per row
    this.trainFeatures = trainFeatures.castTo(DataType.FLOAT).dup('c').data().asFloat();
    this.width = (int) trainFeatures.size(1);
    this.validationFeatures = validationFeatures;
  }

  /** Leading layers of {@code net} that are frozen. */
  static int frozenLayers(MultiLayerNetwork net) {
    int k = 0;
    for (Layer l : net.getLayers()) {
      if (!(l instanceof FrozenLayer)) {
        break;
      }
      k++;
    }
    return k;
  }

  /**
   * The head of {@code net} above its frozen layers, with the frozen layers' outputs for {@code
   * trainX} and {@code validationX}; null when nothing is frozen, everything is, or the frozen
   * layers' outputs are not one row per sample (recurrent layers), in which case the whole network
   * is fitted.
   */
  static FrozenPrefix of(MultiLayerNetwork net, INDArray trainX, INDArray validationX) {
    int k = frozenLayers(net);
    if (k == 0 || k >= net.getnLayers()) {
      return null;
    }
    MultiLayerConfiguration fc = net.getLayerWiseConfigurations();
    List<NeuralNetConfiguration> confs = new ArrayList<>();
    for (int i = k; i < net.getnLayers(); i++) {
      confs.add(fc.getConf(i).clone());
    }
    MultiLayerConfiguration.Builder hb =
        new MultiLayerConfiguration.Builder()
            .confs(confs)
            .dataType(fc.getDataType())
            .backpropType(fc.getBackpropType());
    for (Map.Entry<Integer, InputPreProcessor> e : fc.getInputPreProcessors().entrySet()) {
      if (e.getKey() < k) {
        return null;
      }
      hb.inputPreProcessor(e.getKey() - k, e.getValue().clone());
    }
    INDArray trainF = features(net, k, trainX);
    INDArray valF = features(net, k, validationX);
    if (trainF.rank() != 2 || valF.rank() != 2) {
      return null;
    }
    MultiLayerNetwork head = new MultiLayerNetwork(hb.build());
    head.init();
    long frozenParams = 0;
    for (int i = 0; i < k; i++) {
      frozenParams += net.getLayer(i).numParams();
    }
    FrozenPrefix p = new FrozenPrefix(net, head, k, frozenParams, trainF, valF);
    if (!p.pullFrom()) {
      return null;
    }
    return p;
  }

  private static INDArray features(MultiLayerNetwork net, int k, INDArray x) {
    return net.feedForwardToLayer(k - 1, x, false).get(k).dup();
  }

  /** The network each mini-batch fits: only the layers above the frozen ones. */
  MultiLayerNetwork head() {
    return head;
  }

  int frozen() {
    return frozen;
  }

  /** Fits one mini-batch of training samples (indices into the training split); its loss. */
  double fit(int[] samples, INDArray labels) {
    float[] flat = new float[samples.length * width];
    for (int i = 0; i < samples.length; i++) {
      System.arraycopy(trainFeatures, samples[i] * width, flat, i * width, width);
    }
    INDArray x = Nd4j.create(flat, new long[] {samples.length, width}, 'c');
    head.fit(new DataSet(x.castTo(labels.dataType()), labels));
    return head.score();
  }

  /** The head's output for every validation sample, scaled. */
  INDArray validationOutput() {
    return head.output(validationFeatures, false);
  }

  /** Copies the full network's head parameters, updater state and counters into the head. */
  private boolean pullFrom() {
    head.setParams(tail(full.params()).dup());
    INDArray fullState = full.getUpdater() == null ? null : full.getUpdater().getStateViewArray();
    INDArray headState = head.getUpdater().getStateViewArray();
    if (fullState == null || headState == null) {
      return fullState == headState;
    }
    if (fullState.length() != headState.length()) {
      return false;
    }
    headState.assign(fullState.reshape(headState.shape()));
    head.setIterationCount(full.getIterationCount());
    head.setEpochCount(full.getEpochCount());
    return true;
  }

  /** Copies the head's parameters, updater state and counters back into the full network. */
  void pushTo() {
    INDArray all = full.params().dup().reshape(1, full.numParams());
    INDArray kept = all.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(0, frozenParams));
    full.setParams(Nd4j.hstack(kept, head.params().dup().reshape(1, head.numParams())));
    INDArray headState = head.getUpdater().getStateViewArray();
    if (headState != null) {
      INDArray fullState = full.getUpdater().getStateViewArray();
      fullState.assign(headState.reshape(fullState.shape()));
    }
    full.setIterationCount(head.getIterationCount());
    full.setEpochCount(head.getEpochCount());
  }

  private INDArray tail(INDArray flat) {
    INDArray row = flat.reshape(1, flat.length());
    return row.get(NDArrayIndex.point(0), NDArrayIndex.interval(frozenParams, flat.length()));
  }

  /** Visible for tests: a network's frozen layers' parameters, flattened. */
  static INDArray frozenParams(MultiLayerNetwork net) {
    int k = frozenLayers(net);
    List<INDArray> ps = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      ps.add(net.getLayer(i).params().dup().reshape(1, net.getLayer(i).numParams()));
    }
    return ps.isEmpty() ? Nd4j.empty() : Nd4j.hstack(ps);
  }
}
