package dev.carbonshift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.carbonshift.adapt.Policy;
import dev.carbonshift.adapt.PolicyParser;
import dev.carbonshift.adapt.replay.Replay;
import dev.carbonshift.adapt.replay.ReplayPolicy;
import dev.carbonshift.adapt.replay.ReplayResult;
import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.trace.TraceReader;
import dev.carbonshift.config.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code adapt-replay}: a real trace as a data stream under one retraining policy. */
@Command(
    name = "adapt-replay",
    mixinStandardHelpOptions = true,
    description =
        "Replay a carbon-intensity trace day by day under a retraining policy, training for real.")
public final class AdaptReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--trace", required = true, description = "Trace CSV(.gz), any bundled format.")
  Path trace;

  @Option(names = "--from", required = true, description = "First replayed day, yyyy-MM-dd.")
  String from;

  @Option(names = "--days", required = true, description = "Days to replay.")
  int days;

  @Option(
      names = "--policy",
      required = true,
      description = "periodic-full, periodic-incremental or mapek.")
  String policy;

  @Option(names = "--policy-file", description = "Rules for mapek (default: the bundled policy).")
  Path policyFile;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of every network.")
  long seed;

  @Option(
      names = "--watts-per-core",
      defaultValue = "10",
      description = "Power charged per busy core (default ${DEFAULT-VALUE} W).")
  double wattsPerCore;

  @Option(names = "--json", description = "Write the result as JSON to this file.")
  Path json;

  @Override
  public Integer call() {
    return Failures.reported(
        "adapt-replay",
        spec,
        (out, err) -> {
          ReplayPolicy p =
              ReplayPolicy.parse(policy)
                  .orElseThrow(
                      () ->
                          new InvalidInputException(
                              null,
                              0,
                              "--policy",
                              "'"
                                  + policy
                                  + "' is not periodic-full, periodic-incremental or mapek"));
          if (days < 1) {
            throw new InvalidInputException(null, 0, "--days", "must be at least 1");
          }
          LocalDate start;
          try {
            start = LocalDate.parse(from);
          } catch (DateTimeParseException e) {
            throw new InvalidInputException(null, 0, "--from", "'" + from + "' is not yyyy-MM-dd");
          }
          Policy rules =
              policyFile == null ? PolicyParser.bundled() : PolicyParser.read(policyFile);
          Path work = Files.createTempDirectory("carbonshift-adapt-");
          PrintWriter log = err;
          ReplayResult r =
              new Replay(
                      new Replay.Config(trace, start, days, p, rules, seed, work, wattsPerCore),
                      TraceReader.read(trace, new TraceReader.Options(EmissionFactor.DIRECT, true)),
                      log)
                  .run();
          out.println(summary(r));
          if (json != null) {
            new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(json.toFile(), r);
          }
          return 0;
        });
  }

  static String summary(ReplayResult r) {
    return String.format(
        Locale.ROOT,
        "%s on %s from %s, %d days: MAE %.2f g/kWh (naive %.2f), %d retrains (%d promoted),"
            + " %d switches, training %.4g kWh and %.4g kgCO2e as placed, loop %.3g kWh"
            + " (%.2f%% of training); energy by %s",
        r.policy(),
        r.trace(),
        r.from(),
        r.days(),
        r.mae(),
        r.naiveMae(),
        r.retrains(),
        r.promotions(),
        r.switches(),
        r.trainingKwh(),
        r.trainingKgCo2e(),
        r.loopKwh(),
        r.loopSharePct(),
        r.meter());
  }
}
