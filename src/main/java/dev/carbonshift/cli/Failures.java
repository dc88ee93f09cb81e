package dev.carbonshift.cli;

import dev.carbonshift.config.InvalidInputException;
import java.io.PrintWriter;

/**
 * How the offline verbs ({@code simulate}, {@code adapt-replay}, {@code bench}) end when their work
 * fails: bad input by its own message, exit {@link Main#BAD_INPUT}; anything else as "VERB failed:
 * ...", exit {@link Main#INTERNAL}.
 */
final class Failures {
  /** A verb's work; its result is the exit code. */
  interface Work {
    int run() throws Exception;
  }

  private Failures() {}

  static int reported(String verb, PrintWriter err, Work work) {
    try {
      return work.run();
    } catch (InvalidInputException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return Main.BAD_INPUT;
    } catch (Exception e) {
      err.println(verb + " failed: " + e);
      return Main.INTERNAL;
    }
  }
}
