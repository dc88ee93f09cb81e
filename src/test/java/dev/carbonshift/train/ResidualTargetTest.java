package dev.carbonshift.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.DatasetSpec;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.Strategy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code dataset.naive}: the network learns the residual over a named naive forecast, and a fresh
 * network starts from exactly that forecast (real DL4J on the real ES slice of January 2022).
 */
class ResidualTargetTest {
  static final List<Integer> LAGS = List.of(24, 48, 168);

  static DatasetSpec residual(String naive) {
    return new DatasetSpec(
        TrainFixtures.ES,
        List.of(),
        TrainFixtures.ES_LABEL,
        "Datetime (UTC)",
        null,
        null,
        0,
        24,
        1.0,
        null,
        null,
        LAGS,
        naive);
  }

  /** The label column of the fixture read straight from the file, not through the builder. */
  static double[] labelColumn() throws IOException {
    List<Double> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(
                    Files.newInputStream(TrainFixtures.DIR.resolve(TrainFixtures.ES))),
                StandardCharsets.UTF_8))) {
      List<String> header = List.of(r.readLine().split(","));
      int col = header.indexOf(TrainFixtures.ES_LABEL);
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.add(Double.parseDouble(line.split(",")[col]));
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void a_fresh_residual_network_outputs_zero_and_so_forecasts_the_same_hour_yesterday()
      throws IOException {
    PreparedData d = DatasetBuilder.build(residual(DatasetSpec.NAIVE_DAY), TrainFixtures.DIR);
    double[] labels = labelColumn();
    JobSpec job =
        TrainFixtures.job(
            "residual",
            "residual",
            Strategy.SCRATCH,
            null,
            residual(DatasetSpec.NAIVE_DAY),
            TrainFixtures.mlp(1, 0.01, 0),
            null);
    StartingPoint start =
        StartingPoint.resolve(job, d, ModelRegistry.inMemory(), TrainFixtures.DIR);
    MultiLayerNetwork net = start.net();
    int n = d.size();
    INDArray out = net.output(start.scaler().inputs(d, EpochLoop.range(0, n), false), false);
    // the first target is 168 rows in (the longest lag); its naive forecast is 24 rows before it
    assertThat(n).isEqualTo(labels.length - 168);
    double[] predicted = new double[n - d.validationEnd()];
    for (int i = 0; i < n; i++) {
      double level = start.scaler().unscaleLabel(out.getDouble(i, 0)) + d.anchors()[i];
      assertThat(level).as("sample %d", i).isEqualTo(labels[i + 168 - 24]);
      if (i >= d.validationEnd()) {
        predicted[i - d.validationEnd()] = out.getDouble(i, 0);
      }
    }
    // scored as the run scores its test window, a zero network is the seasonal-day baseline
    Map<String, Double> scored = d.score(predicted, d.validationEnd(), n);
    Map<String, Double> naive = d.testWindow().baselines().get(Baselines.SEASONAL_DAY);
    assertThat(scored.get("mae")).isEqualTo(naive.get("mae"));
    assertThat(scored.get("rmse")).isEqualTo(naive.get("rmse"));
    // and each input is a departure from that forecast: the 24-hour lag is it, so it is zero
    for (int i = 0; i < n; i++) {
      assertThat(d.inputs()[i][0]).isZero();
      assertThat(d.inputs()[i][2]).isEqualTo(labels[i] - labels[i + 144]);
    }
  }

  @Test
  void a_residual_over_last_week_anchors_each_label_a_week_back_whatever_the_lags() {
    PreparedData d = DatasetBuilder.build(residual(DatasetSpec.NAIVE_WEEK), TrainFixtures.DIR);
    PreparedData plain = DatasetBuilder.build(residual(DatasetSpec.NAIVE_DAY), TrainFixtures.DIR);
    for (int i = 0; i < d.size(); i++) {
      // the same level, split differently into naive forecast and residual
      assertThat(d.labels()[i] + d.anchors()[i])
          .isCloseTo(
              plain.labels()[i] + plain.anchors()[i], org.assertj.core.data.Offset.offset(1e-9));
      // the 168-hour lag is the naive forecast itself
      assertThat(d.inputs()[i][2]).isZero();
    }
  }
}
