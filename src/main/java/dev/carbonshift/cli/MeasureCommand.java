package dev.carbonshift.cli;

import dev.carbonshift.account.IntensityTimeline;
import dev.carbonshift.account.RunAccount;
import dev.carbonshift.account.RunAccounting;
import dev.carbonshift.account.RunEnergy;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityOver;
import dev.carbonshift.carbon.YearlyAverages;
import dev.carbonshift.config.Durations;
import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ComponentEnergy;
import dev.carbonshift.energy.SampledSession;
import dev.carbonshift.energy.detect.MeterOptions;
import dev.carbonshift.energy.detect.Meters;
import dev.carbonshift.energy.detect.Scope;
import dev.carbonshift.energy.model.CpuTimeSource;
import dev.carbonshift.energy.model.ProcessTreeScope;
import dev.carbonshift.energy.model.TdpTables;
import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.report.CodeCarbonCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code carbonshift measure [options] -- COMMAND...}: runs a command under the energy meter and
 * prints its duration, energy per component and method (with every assumption), and its kgCO2e in a
 * region at that region's yearly average intensity. Exits with the command's exit code.
 */
@Command(
    name = "measure",
    mixinStandardHelpOptions = true,
    description = {
      "Run a command under the energy meter; print its duration, energy by component and method,"
          + " and kgCO2e in a region.",
      "Example: carbonshift measure --region es -- python train.py"
    })
public final class MeasureCommand implements Callable<Integer> {
  /** Exit code when the command cannot be started, as shells use. */
  static final int CANNOT_RUN = 127;

  enum ScopeOption {
    process,
    machine
  }

  private final Context ctx;

  @Option(
      names = "--region",
      paramLabel = "ID",
      description = "region to charge the energy to (its zone and PUE)")
  String region;

  @Option(
      names = "--home",
      paramLabel = "ID",
      description = "home region for a baseline: the same energy there")
  String home;

  @Option(
      names = "--regions",
      paramLabel = "DIR",
      description = "folder of region files (default: ./regions, else the bundled ones)")
  String regionsDir;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "1s",
      description = "sampling interval, e.g. 1s, 500ms (default: ${DEFAULT-VALUE})")
  String interval;

  @Option(
      names = "--scope",
      defaultValue = "process",
      description =
          "whose CPU time and memory the model counts: process (the command and its descendants)"
              + " or machine (everything); RAPL and NVML always measure whole devices (default: ${DEFAULT-VALUE})")
  ScopeOption scope;

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description = "append a CodeCarbon-compatible emissions.csv row")
  String csv;

  @Option(
      names = "--project",
      defaultValue = "carbonshift",
      description = "project_name in the CSV row")
  String project;

  @Option(
      names = "--nvml-library",
      paramLabel = "PATH",
      description = "NVML library (default: $CARBONSHIFT_NVML_LIBRARY, else libnvidia-ml.so.1)")
  String nvmlLibrary;

  @Option(
      names = "--powercap",
      paramLabel = "DIR",
      defaultValue = "/sys/class/powercap",
      description = "RAPL sysfs folder")
  String powercap;

  @Option(names = "--no-rapl", description = "do not read RAPL")
  boolean noRapl;

  @Option(names = "--no-nvml", description = "do not read NVML")
  boolean noNvml;

  @Option(names = "--overhead", description = "also print what the sampling itself cost")
  boolean overhead;

  @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the command to run, after --")
  List<String> command;

  @Spec CommandSpec spec;

  /** Wall time from starting the command to seeing it exit; NaN while it runs. */
  private volatile double commandSeconds = Double.NaN;

  MeasureCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    Optional<Region> ran = Optional.ofNullable(region).map(this::region);
    Optional<Region> homeRegion = Optional.ofNullable(home).map(this::region);
    MeterOptions options = options();
    TdpTables tables = Meters.tables(options);
    PrintWriter out = spec.commandLine().getOut();

    // The meter opens before the command starts, so the first joules are counted; the model
    // learns the child's pid when it exists.
    AtomicLong pid = new AtomicLong();
    Scope s =
        scope == ScopeOption.machine
            ? new Scope.Machine()
            : new Scope.ProcessTree(
                new ProcessTreeScope(pid::get, CpuTimeSource.reapedChildrenSeconds()));
    SampledSession session = Meters.detect(options.withScope(s), tables).start();
    Process child;
    long startedNanos = System.nanoTime();
    try {
      child = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      session.stop();
      spec.commandLine()
          .getErr()
          .println("measure: cannot run " + command.get(0) + ": " + e.getMessage());
      return CANNOT_RUN;
    }
    pid.set(child.pid());
    AtomicBoolean reported = new AtomicBoolean();
    Thread onSignal =
        new Thread(() -> report(session, child, ran, homeRegion, s, "interrupted", out, reported));
    Runtime.getRuntime().addShutdownHook(onSignal);
    int exit = child.waitFor();
    commandSeconds = (System.nanoTime() - startedNanos) / 1e9;
    report(session, child, ran, homeRegion, s, Integer.toString(exit), out, reported);
    try {
      Runtime.getRuntime().removeShutdownHook(onSignal);
    } catch (IllegalStateException e) { // the JVM is already shutting down
      // the hook reports, once
    }
    return exit;
  }

  private MeterOptions options() {
    Duration every = parseInterval(interval);
    String lib = nvmlLibrary != null ? nvmlLibrary : ctx.env().get("CARBONSHIFT_NVML_LIBRARY");
    MeterOptions o = MeterOptions.defaults(new Scope.Machine(), ctx.env()).withInterval(every);
    if (lib != null && !lib.isBlank()) {
      o = o.withNvmlLibrary(lib);
    }
    if (noNvml) {
      o = o.withNvmlLibrary(null);
    }
    o = o.withPowercap(noRapl ? null : ctx.resolve(powercap), o.powercapReader());
    return MeterSetup.withBundledTables(o, ctx);
  }

  private Duration parseInterval(String text) {
    try {
      String t = text.trim().toLowerCase(Locale.ROOT);
      return t.endsWith("ms")
          ? Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()))
          : Durations.parse(t);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--interval: " + e.getMessage());
    }
  }

  private Region region(String id) {
    Path dir = regionsDir == null ? ctx.defaultDir("regions") : ctx.resolve(regionsDir);
    RegionCatalog catalog = RegionCatalog.load(dir);
    return catalog
        .find(id)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "unknown region '" + id + "'; known: " + String.join(", ", catalog.ids())));
  }

  private synchronized void report(
      SampledSession session,
      Process child,
      Optional<Region> ran,
      Optional<Region> homeRegion,
      Scope s,
      String exit,
      PrintWriter out,
      AtomicBoolean reported) {
    if (!reported.compareAndSet(false, true)) {
      return;
    }
    RunEnergy energy = RunEnergy.of(session.startedAt(), session);
    IntensityTimeline yearly = yearly();
    RunAccount a =
        RunAccounting.account(
            energy,
            ran.map(MeasureCommand::place).orElse(new RunAccounting.Place("-", "-", 1.0)),
            homeRegion.map(h -> new RunAccounting.Home(place(h), energy.start())),
            ran.isPresent() ? yearly : (z, f, t) -> Optional.empty());
    MeasureReport.print(
        out, command, exit, commandSeconds, child.pid(), a, s, session, ran, overhead);
    if (csv != null) {
      try {
        CodeCarbonCsv.append(ctx.resolve(csv), MeasureReport.csvRow(a, s, project, ran));
        out.println("appended a CodeCarbon row to " + ctx.resolve(csv));
      } catch (IOException e) {
        spec.commandLine().getErr().println("measure: cannot write " + csv + ": " + e.getMessage());
      }
    }
    out.flush();
  }

  static RunAccounting.Place place(Region r) {
    return new RunAccounting.Place(r.id(), r.zone(), r.pue());
  }

  /** Each zone's yearly average, marked as an estimate: {@code measure} has no live source. */
  static IntensityTimeline yearly() {
    YearlyAverages y = YearlyAverages.bundled();
    return (zone, from, to) -> {
      var g = y.gramsPerKwh(zone);
      return g.isPresent()
          ? Optional.of(
              new IntensityOver(
                  g.getAsDouble(),
                  IntensityKind.ESTIMATE,
                  0,
                  1,
                  "Electricity Maps yearly average " + y.year()))
          : Optional.empty();
    };
  }

  static boolean measured(RunAccount a, Component c) {
    return a.lines().stream().map(ComponentEnergy::component).anyMatch(c::equals);
  }
}
