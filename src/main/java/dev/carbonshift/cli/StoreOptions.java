package dev.carbonshift.cli;

import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.Database;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that use the knowledge store and the region catalog. */
public final class StoreOptions {
  @Option(
      names = "--db",
      paramLabel = "PATH",
      description =
          "H2 store file, without .mv.db (default: $CARBONSHIFT_DB, else ${DEFAULT-VALUE} under"
              + " the working directory)",
      defaultValue = "${env:CARBONSHIFT_DB:-.carbonshift/carbonshift}")
  String db;

  @Option(
      names = "--regions",
      paramLabel = "DIR",
      description = "folder of region files (default: ./regions, else the bundled ones)")
  String regions;

  Database open(Context ctx) {
    return Database.file(ctx.resolve(db));
  }

  Path regionsDir(Context ctx) {
    return regions == null ? ctx.defaultDir("regions") : ctx.resolve(regions);
  }

  RegionCatalog catalog(Context ctx) {
    return RegionCatalog.load(regionsDir(ctx));
  }
}
