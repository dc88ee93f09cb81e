package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.store.StoredJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
      List<StoredJob> stored = cs.intake().submit(paths, files);
      PrintWriter out = spec.commandLine().getOut();
      for (StoredJob j : stored) {
        out.printf("%s  %-28s %s%n", j.id(), j.name(), j.state());
      }
      out.flush();
      return Main.OK;
    }
  }
}
