package dev.carbonshift.cli;

import dev.carbonshift.train.Spread;
import dev.carbonshift.train.TrainingSavingsBench.Comparison;
import dev.carbonshift.train.TrainingSavingsBench.SeedResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The training bench's figures: per comparison, median [min..max] over seeds, and the goals. */
final class BenchReport {
  private BenchReport() {}

  static void print(List<Comparison> results, PrintWriter out) {
    out.println();
    Table t =
        new Table(
            "COMPARISON",
            "SEEDS",
            "ENERGY SAVED %",
            "REUSE MAE",
            "SCRATCH MAE",
            "NAIVE MAE",
            "NAIVE",
            "SEEDS MET GOAL");
    for (Comparison c : results) {
      boolean transfer = c.name().startsWith("transfer");
      double goal = transfer ? 50 : 60;
      boolean below = c.seeds().stream().anyMatch(SeedResult::belowResolution);
      long met =
          c.seeds().stream()
              .filter(s -> s.savedPct() >= goal && s.reuseMae() <= s.scratchMae())
              .count();
      t.row(
          c.name() + (transfer ? "" : " (" + c.nights() + " nights)"),
          Integer.toString(c.seeds().size()),
          below ? "below meter resolution" : of(c, SeedResult::savedPct).show("%.1f"),
          of(c, SeedResult::reuseMae).show("%.2f"),
          of(c, SeedResult::scratchMae).show("%.2f"),
          of(c, SeedResult::naiveMae).show("%.2f"),
          c.seeds().get(0).naive(),
          met + "/" + c.seeds().size() + " (>= " + (int) goal + "% less, MAE <= scratch)");
    }
    t.print(out);
    out.println(
        "MAE: mean over nights of each seed's held-out week (transfer: its held-out 100 days);"
            + " median [min..max] over seeds. NAIVE: the seasonal persistence scored on the same"
            + " window.");
  }

  private static Spread of(Comparison c, ToDoubleFunction<SeedResult> f) {
    return Spread.of(c.seeds().stream().map(s -> f.applyAsDouble(s)).toList());
  }
}
