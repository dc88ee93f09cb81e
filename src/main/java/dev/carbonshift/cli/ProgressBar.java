package dev.carbonshift.cli;

import dev.carbonshift.train.EpochProgress;
import java.io.PrintWriter;
import java.util.Locale;

/** One line redrawn after each epoch: phase, epoch, loss, validation metric and energy so far. */
final class ProgressBar {
  private static final int WIDTH = 24;
  private final PrintWriter out;
  private boolean drawn;

  ProgressBar(PrintWriter out) {
    this.out = out;
  }

  void update(EpochProgress p) {
    int filled = (int) Math.round(WIDTH * (double) p.epoch() / Math.max(1, p.maxEpochs()));
    String bar = "#".repeat(Math.min(WIDTH, filled)) + ".".repeat(Math.max(0, WIDTH - filled));
    out.printf(
        Locale.ROOT,
        "\r%s[%s] epoch %d/%d  loss %.4f  val %s %.4f  %.6f kWh ",
        p.phase() == 1 ? "fine-tune " : "",
        bar,
        p.epoch(),
        p.maxEpochs(),
        p.trainLoss(),
        p.metric(),
        p.validationMetric(),
        p.kwhSoFar());
    out.flush();
    drawn = true;
  }

  void finish() {
    if (drawn) {
      out.println();
      out.flush();
    }
  }
}
