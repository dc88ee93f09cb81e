package dev.carbonshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.api.DaemonClient;
import dev.carbonshift.daemon.api.DaemonProblemException;
import dev.carbonshift.job.JobState;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.StoredJob;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel a queued, planned or running job.")
final class CancelCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "JOB", description = "job id, as printed by submit and status")
  String jobId;

  @Option(
      names = "--reason",
      description = "why, kept with the decision (default: ${DEFAULT-VALUE})",
      defaultValue = "cancelled by user")
  String reason;

  CancelCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    try (Carbonshift cs = store.open(ctx)) {
      Optional<DaemonClient> daemon = Via.daemon(cs, store, spec.commandLine().getErr());
      if (daemon.isPresent()) {
        JsonNode j;
        try {
          j = daemon.get().cancel(jobId);
        } catch (DaemonProblemException e) {
          throw new InvalidInputException(null, 0, "JOB", e.getMessage());
        }
        spec.commandLine()
            .getOut()
            .printf(
                "%s  %s  %s%n",
                j.path("id").asText(), j.path("name").asText(), j.path("state").asText());
        spec.commandLine().getOut().flush();
        return Main.OK;
      }
      JobRepository jobs = cs.jobs();
      if (jobs.find(jobId).isEmpty()) {
        throw new InvalidInputException(
            null, 0, "JOB", "no job '" + jobId + "' in " + store.shownDb());
      }
      StoredJob j = jobs.transition(jobId, JobState.CANCELLED, reason);
      spec.commandLine().getOut().printf("%s  %s  %s%n", j.id(), j.name(), j.state());
      spec.commandLine().getOut().flush();
      return Main.OK;
    }
  }
}
