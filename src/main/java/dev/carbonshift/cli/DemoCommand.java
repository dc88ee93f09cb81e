package dev.carbonshift.cli;

import dev.carbonshift.carbon.chain.CarbonSources;
import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.daemon.PlanningService;
import dev.carbonshift.daemon.QueuePlanner;
import dev.carbonshift.plan.Placement;
import dev.carbonshift.plan.PlanSettings;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.IntensityRepository;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.PlacementRepository;
import dev.carbonshift.store.StoredJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
    Files.createDirectories(dir);
    Path dbBase = dir.resolve("carbonshift");
    Files.deleteIfExists(dir.resolve("carbonshift.mv.db"));
    Files.deleteIfExists(dir.resolve("carbonshift.trace.db"));
    Database db = Database.file(dbBase);
    out.printf("== Carbonshift demo (store: %s.mv.db)%n%n", dbBase);

    RegionCatalog catalog = RegionCatalog.load(ctx.defaultDir("regions"));
    out.printf("== %d regions from %s%n", catalog.all().size(), catalog.dir());
    for (var r : catalog.all()) {
      out.printf(
          "  %-12s zone %-12s PUE %.2f  capacity %d%n", r.id(), r.zone(), r.pue(), r.capacity());
    }

    List<Path> jobFiles;
    try (Stream<Path> s = Files.list(ctx.defaultDir("jobs"))) {
      jobFiles = s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
    }
    JobRepository jobs = new JobRepository(db, ctx.clock());
    List<StoredJob> stored = new JobIntake(catalog, jobs, ctx.clock()).submit(jobFiles);
    out.printf(
        "%n== submitted %d example jobs, each validated before it was stored%n", stored.size());
    JobTable.print(db, ctx.clock(), out);

    out.printf(
        "%n== planning: lowest-carbon region and window per job, within deadline and capacity%n");
    // One set of sources for planning and accounting: the traces are read once.
    try (CarbonSources sources =
        CarbonSources.fromEnvironment(
            ctx.env(), ctx.clock(), catalog, new IntensityRepository(db))) {
      PlanningService planning =
          new PlanningService(catalog, sources, ctx.clock(), PlanSettings.DEFAULT);
      List<Placement> placed =
          new QueuePlanner(jobs, new PlacementRepository(db), planning, catalog, ctx.clock())
              .planRound();
      double planned = placed.stream().mapToDouble(Placement::gCo2e).sum();
      double baseline = placed.stream().mapToDouble(Placement::baselineGCo2e).sum();
      JobTable.print(db, ctx.clock(), out);
      out.printf(
          Locale.ROOT,
          "expected %.0f gCO2e vs %.0f gCO2e at once at home: %.0f%% less%n",
          planned,
          baseline,
          baseline > 0 ? 100 * (baseline - planned) / baseline : 0);
      out.flush();

      out.printf(
          "%n== training with Deeplearning4j, measured; offline, each job runs now and is"
              + " accounted at the intensities of its placed window%n");
      DemoRuns.runAll(ctx, db, catalog, sources, dir, out, spec.commandLine().getErr());
    }
    out.flush();
    return Main.OK;
  }
}
