package dev.carbonshift.cli;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.trace.TraceReader;
import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.sim.ArrivalOptions;
import dev.carbonshift.sim.Policy;
import dev.carbonshift.sim.SimJson;
import dev.carbonshift.sim.SimResult;
import dev.carbonshift.sim.Simulations;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simulate}: replays a workload over historical traces under one policy. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Replay a workload over historical carbon-intensity traces under one policy.")
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--regions", required = true, description = "Folder of region files.")
  Path regions;

  @Option(names = "--traces", required = true, description = "Folder of <ZONE>.csv(.gz) traces.")
  Path traces;

  @Option(names = "--workload", required = true, description = "Workload CSV or arrival trace.")
  Path workload;

  @Option(
      names = "--policy",
      required = true,
      description =
          "run-now, carbon-aware, carbon-aware-anticipating, window-argmin, lowest-slots or"
              + " oracle.")
  String policy;

  @Option(
      names = "--forecast",
      defaultValue = "perfect",
      description = "perfect, persistence or noisy:SIGMA (default ${DEFAULT-VALUE}).")
  String forecast;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of noisy forecasts.")
  long seed;

  @Option(names = "--json", description = "Write the result as JSON to this file.")
  Path json;

  @Option(
      names = "--skip-outside-traces",
      description =
          "Leave out the jobs whose window lies outside the traces (reported) instead of refusing"
              + " the workload.")
  boolean skipOutsideTraces;

  @Option(names = "--fill-gaps", description = "Fill gaps in traces by interpolation (reported).")
  boolean fillGaps;

  @Option(
      names = "--emission-factor",
      defaultValue = "DIRECT",
      description = "direct or lifecycle, for Electricity Maps exports (default direct).")
  String factor;

  @Option(names = "--only-regions", split = ",", description = "Use only these region ids.")
  List<String> onlyRegions;

  @Option(names = "--start", description = "Arrival traces: instant of arrival time 0.")
  Instant start;

  @Option(
      names = "--arrival-unit",
      defaultValue = "auto",
      description = "Arrival traces: s, h or auto (guess from the lengths).")
  String arrivalUnit;

  @Option(names = "--power-per-cpu-w", defaultValue = "50", description = "Arrival traces.")
  double powerPerCpuWatts;

  @Option(names = "--slack-h", defaultValue = "24", description = "Arrival traces: slack hours.")
  double slackHours;

  @Option(names = "--home", description = "Arrival traces: home region of every job.")
  String home;

  @Option(
      names = "--interruptible-share",
      defaultValue = "0",
      description = "Arrival traces: share of jobs that may be interrupted.")
  double interruptibleShare;

  @Override
  public Integer call() {
    return Failures.reported(
        "simulate",
        spec,
        (out, err) -> {
          SimResult r = Simulations.run(toInputs());
          out.println(SimJson.summary(r));
          // gaps filled, fallbacks taken: said where people read, not only in the JSON
          r.notes().forEach(n -> out.println("note: " + n));
          if (json != null) {
            SimJson.write(r, json);
          }
          return 0;
        });
  }

  Simulations.Inputs toInputs() {
    EmissionFactor f =
        switch (factor.toLowerCase(java.util.Locale.ROOT)) {
          case "lifecycle", "lca" -> EmissionFactor.LIFECYCLE;
          case "direct" -> EmissionFactor.DIRECT;
          default ->
              throw new InvalidInputException(
                  null, 0, "--emission-factor", "'" + factor + "' is not direct or lifecycle");
        };
    double unit =
        switch (arrivalUnit) {
          case "s" -> 1;
          case "h" -> 3600;
          case "auto" -> 0;
          default -> throw new IllegalArgumentException("--arrival-unit must be s, h or auto");
        };
    return new Simulations.Inputs(
        regions,
        traces,
        workload,
        Policy.parse(policy),
        forecast,
        seed,
        new TraceReader.Options(f, fillGaps),
        onlyRegions,
        new ArrivalOptions(
            start, unit, powerPerCpuWatts, slackHours, home, interruptibleShare, seed),
        skipOutsideTraces);
  }
}
