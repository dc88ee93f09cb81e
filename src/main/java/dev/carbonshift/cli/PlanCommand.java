package dev.carbonshift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carbonshift.carbon.RegionForecast;
import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.daemon.PlanningService;
import dev.carbonshift.job.JobParser;
import dev.carbonshift.job.ParsedJob;
import dev.carbonshift.plan.PlanJob;
import dev.carbonshift.plan.PlanRenderer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Dry run: where and when each job would run, and why, with the expected gCO2e",
      "against running at once at home. Nothing is stored.",
      "Intensities come from each region's source chain; with no API settings in the",
      "environment that is the bundled real traces, replayed at today's day of year."
    })
final class PlanCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "job descriptors (YAML or JSON)")
  List<String> files;

  @Option(names = "--json", description = "print the plan as JSON")
  boolean json;

  PlanCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    PlanningService.Round round;
    try (Carbonshift cs = store.open(ctx)) {
      JobParser parser = JobIntake.parserFor(cs.catalog(), ctx.clock());
      List<PlanJob> jobs = new ArrayList<>();
      for (String f : files) {
        ParsedJob p = parser.parse(ctx.resolve(f), f);
        jobs.add(PlanJob.of(p.spec().name(), p.spec(), ctx.clock().instant()));
      }
      round = cs.dryRunPlanning().plan(jobs, List.of());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper m = new ObjectMapper();
      ObjectNode root = (ObjectNode) m.readTree(PlanRenderer.json(round.result()));
      ArrayNode src = root.putArray("sources");
      for (RegionForecast f : round.forecasts().values()) {
        src.addObject()
            .put("region", f.regionId())
            .put("zone", f.forecast().zone())
            .put("source", f.source())
            .put("fellBack", f.fellBack())
            .put("provenance", f.provenance());
      }
      out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } else {
      out.print(PlanRenderer.table(round.result()));
      out.println("intensities:");
      for (RegionForecast f : round.forecasts().values()) {
        out.printf("  %-12s %s%n", f.regionId(), f.provenance());
      }
    }
    out.flush();
    return Main.OK;
  }
}
