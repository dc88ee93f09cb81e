package dev.carbonshift.cli;

import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.StoredJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    out.flush();
    return Main.OK;
  }
}
