package dev.carbonshift.cli;

import dev.carbonshift.carbon.YearlyAverages;
import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "regions",
    mixinStandardHelpOptions = true,
    description = "List the regions jobs may run in, with their grid zone, PUE and capacity.")
final class RegionsCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  RegionsCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    RegionCatalog catalog;
    try (Carbonshift cs = store.open(ctx)) {
      catalog = cs.catalog();
    }
    YearlyAverages yearly = YearlyAverages.bundled();
    Table t =
        new Table("ID", "NAME", "ZONE", "PUE", "CAPACITY", "GPUS", "YEARLY gCO2/kWh", "SOURCES");
    for (Region r : catalog.all()) {
      var avg = yearly.gramsPerKwh(r.zone());
      t.row(
          r.id(),
          r.name(),
          r.zone(),
          String.format(Locale.ROOT, "%.2f", r.pue()),
          Integer.toString(r.capacity()),
          r.gpus() == null ? "-" : r.gpus().count() + "x " + r.gpus().model(),
          avg.isPresent() ? String.format(Locale.ROOT, "%.0f", avg.getAsDouble()) : "?",
          r.sources().isEmpty() ? "trace, yearly" : String.join(", ", r.sources()));
    }
    PrintWriter out = spec.commandLine().getOut();
    t.print(out);
    out.printf(
        "%d regions from %s (yearly averages: Electricity Maps %d)%n",
        catalog.all().size(), catalog.dir(), yearly.year());
    out.flush();
    return Main.OK;
  }
}
