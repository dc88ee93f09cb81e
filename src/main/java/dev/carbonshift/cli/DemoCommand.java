package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.DaemonConfig;
import dev.carbonshift.plan.Placement;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.StoredJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run Carbonshift end to end, offline, on the embedded defaults:",
      "a fresh H2 store under out/, the bundled regions, real traces and example jobs."
    })
final class DemoCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "output folder (default: ${DEFAULT-VALUE})",
      defaultValue = "out")
  String outDir;

  DemoCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = ctx.resolve(outDir);
    refuseForeignStore(dir);
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(MARK), "written by carbonshift demo; its store may be replaced\n");
    Path dbBase = dir.resolve("carbonshift");
    Files.deleteIfExists(dir.resolve("carbonshift.mv.db"));
    Files.deleteIfExists(dir.resolve("carbonshift.trace.db"));
    DaemonConfig config =
        DaemonConfig.load(
            Optional.empty(),
            ctx.env(),
            Map.of("db", dbBase.toString(), "dataDir", dir.resolve("models").toString()),
            StoreOptions.places(ctx));
    try (Carbonshift cs = Carbonshift.open(config, ctx.clock())) {
      return run(cs, dir, dbBase, out);
    }
  }

  /** Marks a folder as the demo's own, so that a later demo may start its store afresh. */
  static final String MARK = ".carbonshift-demo";

  /**
   * The demo starts its store afresh, so it refuses a folder holding a store or models it did not
   * create ({@code --out .carbonshift} would wipe the user's queue and write into their models).
   */
  private static void refuseForeignStore(Path dir) throws IOException {
    if (!Files.isDirectory(dir) || Files.exists(dir.resolve(MARK))) {
      return;
    }
    List<String> found;
    try (Stream<Path> s = Files.list(dir)) {
      found =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".mv.db") || n.endsWith(".lock.db") || n.equals("models"))
              .sorted()
              .toList();
    }
    if (!found.isEmpty()) {
      throw new dev.carbonshift.config.InvalidInputException(
          null,
          0,
          "--out",
          dir
              + " holds a store the demo did not create ("
              + String.join(", ", found)
              + "); the demo starts its store afresh and would lose it. Give --out an empty or"
              + " new folder");
    }
  }

  private int run(Carbonshift cs, Path dir, Path dbBase, PrintWriter out) throws IOException {
    out.printf("== Carbonshift demo (store: %s.mv.db)%n%n", dbBase);
    RegionCatalog catalog = cs.catalog();
    out.printf("== %d regions from %s%n", catalog.all().size(), catalog.dir());
    for (var r : catalog.all()) {
      out.printf(
          "  %-12s zone %-12s PUE %.2f  capacity %d%n", r.id(), r.zone(), r.pue(), r.capacity());
    }

    List<Path> jobFiles;
    try (Stream<Path> s = Files.list(ctx.defaultDir("jobs"))) {
      jobFiles = s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
    }
    List<StoredJob> stored = cs.intake().submit(jobFiles);
    out.printf(
        "%n== submitted %d example jobs, each validated before it was stored%n", stored.size());
    JobTable.print(cs.jobs(), cs.placements(), out);
    for (StoredJob j : stored) {
      if (j.recurring()) {
        StoredJob first = cs.intake().submitOccurrence(j);
        out.printf(
            "  %s recurs on '%s': its first run is submitted now as %s%n",
            j.name(), j.schedule(), first.id());
      }
    }

    out.printf(
        "%n== planning: lowest-carbon region and window per job, within deadline and capacity%n");
    {
      List<Placement> placed = cs.queuePlanner().planRound();
      double planned = placed.stream().mapToDouble(Placement::gCo2e).sum();
      double baseline = placed.stream().mapToDouble(Placement::baselineGCo2e).sum();
      JobTable.print(cs.jobs(), cs.placements(), out);
      out.printf(
          Locale.ROOT,
          "expected %.0f gCO2e vs %.0f gCO2e at once at home: %.0f%% less%n",
          planned,
          baseline,
          baseline > 0 ? 100 * (baseline - planned) / baseline : 0);
      out.flush();

      out.printf(
          "%n== training with Deeplearning4j, measured; offline, each job runs now (not at its"
              + " placed window) and is accounted at the intensities it really ran at%n");
      DemoRuns.runAll(cs, dir, out, spec.commandLine().getErr());
    }
    out.flush();
    return Main.OK;
  }
}
