package dev.carbonshift.cli;

import dev.carbonshift.config.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How the offline verbs ({@code simulate}, {@code adapt-replay}, {@code bench}) end when their work
 * fails: bad input by its own message, exit {@link Main#BAD_INPUT}; anything else as "VERB failed:
 * ...", exit {@link Main#INTERNAL}.
 */
final class Failures {
  /** A verb's work, printing to the command line's writers; its result is the exit code. */
  interface Work {
    int run(PrintWriter out, PrintWriter err) throws Exception;
  }

  private Failures() {}

  static int reported(String verb, CommandSpec spec, Work work) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return work.run(out, err);
    } catch (InvalidInputException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return Main.BAD_INPUT;
    } catch (Exception e) {
      err.println(verb + " failed: " + e);
      return Main.INTERNAL;
    }
  }
}
