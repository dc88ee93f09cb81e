package dev.carbonshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.DeadRuns;
import dev.carbonshift.daemon.LiveRuns;
import dev.carbonshift.daemon.api.DaemonClient;
import dev.carbonshift.store.Decision;
import dev.carbonshift.store.StoredJob;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show every job and its state, or one job with its placement and decisions.")
final class StatusCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "JOB", description = "job id; all jobs if omitted")
  String jobId;

  StatusCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    try (Carbonshift cs = store.openToRead(ctx)) {
      PrintWriter out = spec.commandLine().getOut();
      Optional<DaemonClient> daemon = Via.daemon(cs, store, spec.commandLine().getErr());
      if (daemon.isPresent()) {
        if (jobId == null) {
          printJobs(daemon.get().jobs(), out);
        } else {
          JsonNode j =
              daemon
                  .get()
                  .job(jobId)
                  .orElseThrow(
                      () -> new InvalidInputException(null, 0, "JOB", "no job '" + jobId + "'"));
          out.println(j.toPrettyString());
        }
        out.flush();
        return Main.OK;
      }
      if (jobId == null) {
        JobTable.print(cs.jobs(), cs.placements(), stale(cs), out);
      } else {
        one(cs, out);
      }
      out.flush();
      return Main.OK;
    }
  }

  /**
   * RUNNING jobs whose run is dead, found as the daemon's sweep would, but only shown: with no
   * daemon running, a killed {@code demo} or {@code train} would otherwise look alive for ever.
   */
  private static java.util.Map<String, String> stale(Carbonshift cs) {
    return new DeadRuns(cs.runs(), cs.jobs(), new LiveRuns(), cs.clock(), cs.config().deadAfter())
        .stale();
  }

  private static void printJobs(JsonNode jobs, PrintWriter out) {
    if (jobs.isEmpty()) {
      out.println("no jobs");
      return;
    }
    Table t = new Table("ID", "NAME", "TEAM", "STATE", "PLACEMENT", "REASON");
    for (JsonNode j : jobs) {
      t.row(
          j.path("id").asText(),
          j.path("name").asText(),
          j.path("team").asText("-"),
          j.path("state").asText(),
          j.path("region").isTextual()
              ? j.path("region").asText() + " @ " + j.path("start").asText()
              : "-",
          j.path("reason").asText(""));
    }
    t.print(out);
  }

  private void one(Carbonshift cs, PrintWriter out) {
    StoredJob j =
        cs.jobs()
            .find(jobId)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        null, 0, "JOB", "no job '" + jobId + "' in " + store.shownDb()));
    out.printf("%s  %s  (%s, %s, team %s)%n", j.id(), j.name(), j.kind(), j.strategy(), j.team());
    out.printf("state:     %s — %s%n", j.state(), j.stateReason());
    String why = stale(cs).get(j.id());
    if (why != null) {
      out.printf(
          "stale:     %s; no run is live ('train FILE' resumes it, a daemon re-queues it)%n", why);
    }
    out.printf(
        "submitted: %s%s%n",
        j.submittedAt(), j.sourceFile() == null ? "" : " from " + j.sourceFile());
    out.printf(
        "window:    %s .. %s%n",
        j.earliestStart(), j.deadline() == null ? "no deadline" : j.deadline());
    out.printf("home:      %s%s%n", j.homeRegion(), j.interruptible() ? " (interruptible)" : "");
    if (j.schedule() != null) {
      out.printf("schedule:  %s%n", j.schedule());
    }
    cs.placements()
        .current(j.id())
        .ifPresent(
            p ->
                out.printf(
                    "placement: %s %s .. %s, %.3f kWh, %.0f gCO2e (at once at home: %.0f)%n  reason: %s%s%n",
                    p.region(),
                    p.start(),
                    p.end(),
                    p.expectedKwh(),
                    p.expectedGCo2e(),
                    p.baselineGCo2e(),
                    p.reason().text(),
                    p.fallback() == null ? "" : "\n  fallback: " + p.fallback()));
    out.println("decisions:");
    for (Decision d : cs.decisions().forJob(j.id())) {
      out.printf("  %s  %-9s %s — %s%n", d.at(), d.category(), d.decision(), d.reason());
    }
  }
}
