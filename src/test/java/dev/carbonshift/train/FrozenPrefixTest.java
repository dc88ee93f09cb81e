package dev.carbonshift.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.NetworkSpec;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** A transfer's frozen layers are run once per phase, and never in a mini-batch's passes. */
class FrozenPrefixTest {
  private static final NetworkSpec SPEC =
      new NetworkSpec("mlp", List.of(16, 8), "relu", 0, "adam", 0.01, 5, 32, 0, 3, 2, null);

  private static MultiLayerNetwork frozenTwo() {
    MultiLayerNetwork base = Networks.build(SPEC, 4, 12);
    return new TransferLearning.Builder(base)
        .fineTuneConfiguration(
            new FineTuneConfiguration.Builder()
                .updater(Networks.updater("adam", 0.01))
                .seed(3)
                .build())
        .setFeatureExtractor(1)
        .build();
  }

  @Test
  void each_batch_fits_only_the_layers_above_the_frozen_ones() {
    MultiLayerNetwork net = frozenTwo();
    Nd4j.getRandom().setSeed(5);
    INDArray x = Nd4j.rand(DataType.FLOAT, 64, 12);
    FrozenPrefix p =
        FrozenPrefix.of(net, x, x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 8)));

    assertThat(p).isNotNull();
    assertThat(p.frozen()).isEqualTo(2);
    // the network a mini-batch runs through: the output layer (8 weights + bias), nothing frozen
    assertThat(p.head().getnLayers()).isEqualTo(1);
    assertThat(p.head().numParams()).isEqualTo(9);
    assertThat(net.numParams()).isEqualTo(12 * 16 + 16 + 16 * 8 + 8 + 9);
  }

  @Test
  void fitting_the_head_on_features_takes_the_same_steps_as_dl4j_fitting_the_frozen_network() {
    MultiLayerNetwork viaHead = frozenTwo();
    MultiLayerNetwork whole = frozenTwo();
    assertThat(viaHead.params()).isEqualTo(whole.params());
    INDArray frozenBefore = FrozenPrefix.frozenParams(viaHead);
    Nd4j.getRandom().setSeed(5);
    INDArray x = Nd4j.rand(DataType.FLOAT, 64, 12);
    INDArray y = Nd4j.rand(DataType.FLOAT, 64, 1);
    FrozenPrefix p = FrozenPrefix.of(viaHead, x, x);
    for (int step = 0; step < 12; step++) {
      int[] rows = new int[16];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = (step * 16 + i * 5) % 64;
      }
      INDArray labels = y.getRows(rows);
      p.fit(rows, labels);
      whole.fit(new DataSet(x.getRows(rows), labels));
    }
    p.pushTo();

    assertThat(viaHead.getIterationCount()).isEqualTo(whole.getIterationCount());
    double maxDiff = viaHead.params().sub(whole.params()).amaxNumber().doubleValue();
    assertThat(maxDiff).isLessThan(1e-5);
    assertThat(viaHead.params()).isNotEqualTo(frozenTwo().params());
    assertThat(FrozenPrefix.frozenParams(viaHead)).isEqualTo(frozenBefore);
    // the head's Adam moments went back too, so a checkpointed run resumes with them
    assertThat(
            viaHead
                .getUpdater()
                .getStateViewArray()
                .sub(whole.getUpdater().getStateViewArray())
                .amaxNumber()
                .doubleValue())
        .isLessThan(1e-5);
  }

  @Test
  void a_network_without_frozen_layers_is_fitted_whole() {
    MultiLayerNetwork net = Networks.build(SPEC, 4, 12);
    INDArray x = Nd4j.rand(DataType.FLOAT, 8, 12);
    assertThat(FrozenPrefix.of(net, x, x)).isNull();
  }
}
