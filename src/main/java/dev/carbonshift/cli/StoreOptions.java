package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.DaemonConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that use the knowledge store and the region catalog; every such
 * command gets its parts from {@link Carbonshift}, the one composition root.
 */
public final class StoreOptions {
  @Option(
      names = "--db",
      paramLabel = "PATH",
      description =
          "H2 store file (with or without .mv.db) or a JDBC URL (default: $CARBONSHIFT_DB, else "
              + DaemonConfig.DEFAULT_DB
              + " under the working directory)")
  String db;

  @Option(
      names = "--regions",
      paramLabel = "DIR",
      description = "folder of region files (default: ./regions, else the bundled ones)")
  String regions;

  /** The settings: defaults, environment, then these options and {@code more} over them. */
  DaemonConfig config(Context ctx, Map<String, String> more) {
    Map<String, String> flags = new LinkedHashMap<>();
    if (db != null) {
      flags.put("db", dbSetting(ctx, db));
    }
    if (regions != null) {
      flags.put("regions", regions);
    }
    flags.putAll(more);
    return DaemonConfig.load(Optional.empty(), ctx.env(), flags, places(ctx));
  }

  /** A path resolved against the working folder; a JDBC URL as given (it is no path). */
  static String dbSetting(Context ctx, String db) {
    return db.startsWith("jdbc:") ? db : ctx.resolve(db).toString();
  }

  static DaemonConfig.Places places(Context ctx) {
    return new DaemonConfig.Places(ctx.workDir(), ctx.home());
  }

  /** Carbonshift's parts for these options; close it when done. */
  Carbonshift open(Context ctx) {
    return open(ctx, Map.of());
  }

  Carbonshift open(Context ctx, Map<String, String> more) {
    return Carbonshift.open(config(ctx, more), ctx.clock());
  }

  /** As {@link #open(Context)}, for a verb that only reads: a read-only store is read as it is. */
  Carbonshift openToRead(Context ctx) {
    return Carbonshift.openToRead(config(ctx, Map.of()), ctx.clock());
  }

  /** The store as the user named it, for messages. */
  String shownDb() {
    return db != null ? db : DaemonConfig.DEFAULT_DB;
  }
}
