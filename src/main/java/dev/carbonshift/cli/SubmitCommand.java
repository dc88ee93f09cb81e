package dev.carbonshift.cli;

import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.daemon.BatchRejectedException;
import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.daemon.api.DaemonClient;
import dev.carbonshift.job.JobParser;
import dev.carbonshift.job.ParsedJob;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.train.DatasetCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Validate job descriptors and queue them.",
      "Every file is checked before any is stored: one bad file and nothing is queued."
    })
final class SubmitCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "job descriptors (YAML or JSON)")
  List<String> files;

  SubmitCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<Path> paths = files.stream().map(ctx::resolve).toList();
    try (Carbonshift cs = store.open(ctx)) {
      PrintWriter out = spec.commandLine().getOut();
      checkDatasets(cs, paths);
      Optional<DaemonClient> daemon = Via.daemon(cs, store, spec.commandLine().getErr());
      if (daemon.isPresent()) {
        return throughDaemon(cs, daemon.get(), paths, out);
      }
      List<StoredJob> stored = cs.intake().submit(paths, files);
      for (StoredJob j : stored) {
        out.printf("%s  %-28s %s%n", j.id(), j.name(), j.state());
      }
      out.flush();
      return Main.OK;
    }
  }

  /**
   * What {@code train} would fail on, for every file before any is queued: a dataset outside the
   * dataset roots, missing, unreadable, or without the columns, rows and window the job asks for.
   */
  private void checkDatasets(Carbonshift cs, List<Path> paths) {
    JobParser parser = JobIntake.parserFor(cs.catalog(), ctx.clock());
    DatasetCheck check = cs.datasetCheck();
    List<InvalidInputException> errors = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      try {
        ParsedJob job = parser.parse(paths.get(i), files.get(i));
        check.check(job, files.get(i));
      } catch (InvalidInputException e) {
        errors.add(e);
      }
    }
    if (!errors.isEmpty()) {
      throw new BatchRejectedException(errors);
    }
  }

  /** Every file validated here first, so that one bad file still queues nothing. */
  private int throughDaemon(
      Carbonshift cs, DaemonClient daemon, List<Path> paths, PrintWriter out) {
    JobParser parser = JobIntake.parserFor(cs.catalog(), ctx.clock());
    List<InvalidInputException> errors = new ArrayList<>();
    List<ParsedJob> parsed = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      try {
        parsed.add(parser.parse(paths.get(i), files.get(i)));
      } catch (InvalidInputException e) {
        errors.add(e);
      }
    }
    if (!errors.isEmpty()) {
      throw new BatchRejectedException(errors);
    }
    for (int i = 0; i < parsed.size(); i++) {
      String id = daemon.submit(files.get(i), parsed.get(i).text(), paths.get(i));
      String state = parsed.get(i).spec().schedule() != null ? "RECURRING" : "QUEUED";
      out.printf("%s  %-28s %s%n", id, parsed.get(i).spec().name(), state);
    }
    out.flush();
    return Main.OK;
  }
}
