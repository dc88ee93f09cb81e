package dev.carbonshift.cli;

import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.DaemonConfig;
import dev.carbonshift.daemon.ScaledClock;
import dev.carbonshift.job.ParsedJob;
import dev.carbonshift.region.Region;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run Carbonshift end to end, offline, on the embedded defaults: the daemon in this process"
          + " on a clock running --speed times faster than the wall, an H2 store under --out, the"
          + " bundled regions and real traces, and the demo jobs of jobs/demo/ trained for real at"
          + " their planned times; writes report.html, emissions.csv and summary.json.",
      "A demo that was interrupted (killed, Ctrl-C) is resumed by the next one on the same --out;"
          + " a finished one is started afresh."
    })
final class DemoCommand implements Callable<Integer> {
  /** The demo's story starts here: a Sunday evening, the traces replayed at that date. */
  static final String DEFAULT_START = "2026-10-18T18:00:00Z";

  private final Context ctx;

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "output folder (default: ${DEFAULT-VALUE})",
      defaultValue = "out")
  String outDir;

  @Option(
      names = "--speed",
      paramLabel = "X",
      description =
          "the daemon's clock runs X times faster than the wall (default: ${DEFAULT-VALUE})",
      defaultValue = "600")
  double speed;

  @Option(
      names = "--start",
      paramLabel = "INSTANT",
      description =
          "the demo clock's first instant, ISO-8601 UTC, or 'now' (default: ${DEFAULT-VALUE})",
      defaultValue = DEFAULT_START)
  String start;

  @Option(
      names = "--jobs",
      paramLabel = "DIR",
      description = "the descriptors to submit (default: jobs/demo)")
  String jobsDir;

  @Option(
      names = "--fresh",
      description = "start afresh even when the last demo on --out was interrupted")
  boolean fresh;

  @Option(
      names = "--give-up-after",
      paramLabel = "DURATION",
      description = "stop when the demo's clock has run this long (default: ${DEFAULT-VALUE})",
      defaultValue = "72h")
  String giveUpAfter;

  DemoCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    long wallStart = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    if (!(speed >= 1) || !Double.isFinite(speed)) {
      throw new InvalidInputException(null, 0, "--speed", "must be a number >= 1, not " + speed);
    }
    Instant origin = origin();
    Duration giveUp = duration("--give-up-after", giveUpAfter);
    Path jobs = jobsDir == null ? ctx.defaultDir("jobs").resolve("demo") : ctx.resolve(jobsDir);
    if (!Files.isDirectory(jobs)) {
      throw new InvalidInputException(null, 0, "--jobs", "no such folder: " + jobs);
    }
    List<Path> descriptors = DemoRun.descriptors(jobs);
    if (descriptors.isEmpty()) {
      throw new InvalidInputException(null, 0, "--jobs", "no descriptors (*.yaml) in " + jobs);
    }
    DemoFolder folder = DemoFolder.open(ctx.resolve(outDir));
    DemoFolder.Start begun;
    try (Carbonshift parts = Carbonshift.open(config(folder), ctx.clock())) {
      begun = folder.begin(fresh, origin, parts.owner()); // before the store is opened
    }
    Instant clockStart = begun instanceof DemoFolder.Start.Resume r ? r.at() : origin;
    Instant storyStart = begun instanceof DemoFolder.Start.Resume r ? r.origin() : origin;
    ScaledClock clock = ScaledClock.heldAt(clockStart, speed, ctx.clock());
    Carbonshift cs = Carbonshift.open(config(folder), clock);
    try {
      out.printf("== Carbonshift demo: store %s.mv.db%n", folder.store());
      if (begun instanceof DemoFolder.Start.Resume r) {
        out.printf(
            "resuming the demo interrupted at %s (its store is reused; --fresh starts over)%n",
            DemoProgress.when(r.at()));
      } else if (begun instanceof DemoFolder.Start.Fresh f && f.replaced() != null) {
        out.printf("starting afresh: %s in %s replaced%n", f.replaced(), folder.dir());
      }
      out.printf(
          "the daemon runs in this process on a clock %.0f times faster than the wall, from %s"
              + " (UTC); offline: each region's intensity is its bundled real trace replayed at"
              + " that date%n%n",
          speed, DemoProgress.when(clockStart) + " " + clockStart.toString().substring(0, 10));
      DemoRun.printRegions(cs, out);
      Map<Path, ParsedJob> parsed = new LinkedHashMap<>();
      for (Path f : descriptors) {
        parsed.put(f, cs.intake().validate(f));
      }
      warnTraceless(cs, parsed.values(), out);
      out.printf(
          "%n== %d demo jobs from %s, through the same intake as POST /jobs%n",
          descriptors.size(), jobs);
      out.flush();
      boolean done =
          new DemoRun(
                  cs, clock, folder, parsed, out, System.console() != null, storyStart.plus(giveUp))
              .run();
      Instant end = cs.clock().instant();
      DemoSummary.Outcome o =
          DemoSummary.write(cs, folder.dir(), storyStart, end, speed, DemoRun.wall(wallStart), out);
      folder.finished(end);
      if (!done || o.succeeded() < o.jobs()) {
        out.printf(
            "not every demo job succeeded: see bin/carbonshift status --db %s%n", folder.store());
        out.flush();
        return Main.INTERNAL;
      }
      return Main.OK;
    } finally {
      closeStore(cs);
    }
  }

  /**
   * Closes the store after the results are written. On a heavily loaded machine its clean shutdown
   * has been seen to fail now and then; H2's file is safe without it and the next demo replaces it,
   * so that is said on stderr rather than failing a demo whose files are all written.
   */
  private void closeStore(Carbonshift cs) {
    try {
      cs.close();
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      spec.commandLine()
          .getErr()
          .printf("warning: the demo's store did not shut down cleanly: %s%n", root);
      spec.commandLine().getErr().flush();
    }
  }

  private DaemonConfig config(DemoFolder folder) {
    Map<String, String> flags =
        Map.of(
            "db", folder.store().toString(),
            "dataDir", folder.models().toString(),
            "port", "0");
    DaemonConfig c =
        DaemonConfig.load(Optional.empty(), ctx.env(), flags, StoreOptions.places(ctx));
    // The daemon's periods on the demo's clock: at 600x, 20 minutes are 2 s of wall time. A dead
    // run is then found after an hour of the demo's time, a few seconds of the wall's.
    return new DaemonConfig(
        c.db(),
        c.regionsDir(),
        c.dataDir(),
        c.hardwareDir(),
        c.bind(),
        c.port(),
        c.apiToken(),
        c.dbPassword(),
        Duration.ofHours(1),
        Duration.ofHours(3),
        Duration.ofMinutes(20),
        3,
        Duration.ofHours(2),
        Duration.ofHours(2),
        Optional.empty(),
        c.jobsFolderScanEvery(),
        c.maxBodyBytes(),
        c.schedulerThreads(),
        c.env());
  }

  /** Says so when a demo job may run in a region that has only its flat yearly average. */
  private static void warnTraceless(
      Carbonshift cs, java.util.Collection<ParsedJob> parsed, PrintWriter out) {
    for (ParsedJob p : parsed) {
      for (Region r : cs.catalog().all()) {
        if (r.trace() == null && p.spec().allows(r.id())) {
          out.printf(
              "note: %s may run in %s, which has no trace offline: its flat yearly average may"
                  + " win every window%n",
              p.spec().name(), r.id());
        }
      }
    }
  }

  private Instant origin() {
    if (start.equalsIgnoreCase("now")) {
      return ctx.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }
    try {
      return Instant.parse(start);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          null,
          0,
          "--start",
          "'" + start + "' is not an instant; e.g. " + DEFAULT_START + " or now");
    }
  }

  private static Duration duration(String option, String text) {
    try {
      Duration d = dev.carbonshift.config.Durations.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException();
      }
      return d;
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          null, 0, option, "'" + text + "' is not a positive duration (e.g. 48h)");
    }
  }
}
