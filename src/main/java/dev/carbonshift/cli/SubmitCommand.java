package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.api.DaemonClient;
import dev.carbonshift.job.ParsedJob;
import dev.carbonshift.store.StoredJob;
import java.io.PrintWriter;
import java.nio.file.Path;
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
      // every file, descriptor and dataset, checked here first: one bad file and nothing is queued,
      // whichever way the jobs then go
      List<ParsedJob> parsed = cs.intake().validateAll(paths, files);
      Optional<DaemonClient> daemon = Via.daemon(cs, store, spec.commandLine().getErr());
      if (daemon.isPresent()) {
        return throughDaemon(daemon.get(), parsed, paths, out);
      }
      List<StoredJob> stored = cs.intake().submit(paths, files);
      for (StoredJob j : stored) {
        out.printf("%s  %-28s %s%n", j.id(), j.name(), j.state());
      }
      out.flush();
      return Main.OK;
    }
  }

  /** The daemon checks each one again, through the same intake, as it does every submission. */
  private int throughDaemon(
      DaemonClient daemon, List<ParsedJob> parsed, List<Path> paths, PrintWriter out) {
    for (int i = 0; i < parsed.size(); i++) {
      String id = daemon.submit(files.get(i), parsed.get(i).text(), paths.get(i));
      String state = parsed.get(i).spec().schedule() != null ? "RECURRING" : "QUEUED";
      out.printf("%s  %-28s %s%n", id, parsed.get(i).spec().name(), state);
    }
    out.flush();
    return Main.OK;
  }
}
