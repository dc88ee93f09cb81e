package dev.carbonshift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.store.AdaptDecision;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code decisions [MODEL]}: the MAPE-K knowledge, one decision a line. */
@Command(
    name = "decisions",
    mixinStandardHelpOptions = true,
    description = "The self-adaptation loop's decisions: inputs, tactic, reason, cost and outcome.")
final class DecisionsCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "MODEL", description = "only this model's decisions")
  String model;

  @Option(names = "--json", description = "print the decisions as JSON (as GET /decisions)")
  boolean json;

  DecisionsCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    List<AdaptDecision> all;
    try (Carbonshift cs = store.open(ctx)) {
      all = cs.adaptDecisions().list(model);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper().writeValueAsString(all.stream().map(AdaptDecision::view).toList()));
    } else if (all.isEmpty()) {
      out.println(model == null ? "no decisions yet" : "no decisions about " + model);
    } else {
      for (AdaptDecision d : all) {
        out.println(
            String.format(
                Locale.ROOT,
                "#%d %s %s%s: %s -> %s%s%s%s%n    why: %s%n    saw: %s",
                d.id(),
                d.at(),
                d.model(),
                d.version() == null ? "" : ":" + d.version(),
                d.tactic(),
                d.outcome(),
                d.jobId() == null ? "" : " (job " + d.jobId() + ")",
                d.kwh() == null
                    ? ""
                    : String.format(Locale.ROOT, ", %.4g kWh, %.4g kgCO2e", d.kwh(), d.kgCo2e()),
                d.metricAfter() == null
                    ? ""
                    : String.format(
                        Locale.ROOT, ", MAE %.3f -> %.3f", d.metricBefore(), d.metricAfter()),
                d.reason(),
                d.inputs()));
      }
    }
    out.flush();
    return Main.OK;
  }
}
