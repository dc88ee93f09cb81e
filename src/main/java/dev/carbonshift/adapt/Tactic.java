package dev.carbonshift.adapt;

import dev.carbonshift.job.Strategy;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the loop may do about a production model, lightest first. */
public enum Tactic {
  SKIP("skip"),
  INCREMENTAL("incremental"),
  TRANSFER("transfer"),
  FULL("full"),
  SWITCH_LIGHT("switch-light"),
  SWITCH_HEAVY("switch-heavy");

  private final String word;

  Tactic(String word) {
    this.word = word;
  }

  /** How policy files and the knowledge spell it. */
  public String word() {
    return word;
  }

  public boolean trains() {
    return this == INCREMENTAL || this == TRANSFER || this == FULL;
  }

  /** The strategy a retraining by this tactic trains with (scratch for a full one). */
  public Strategy strategy() {
    return switch (this) {
      case INCREMENTAL -> Strategy.INCREMENTAL;
      case TRANSFER -> Strategy.TRANSFER;
      default -> Strategy.SCRATCH;
    };
  }

  /** The next stronger retraining, for escalation when this one did not restore accuracy. */
  public Tactic stronger() {
    return switch (this) {
      case SKIP -> INCREMENTAL;
      // transfer keeps the frozen layers that did not help: a failed incremental goes to full
      case INCREMENTAL, TRANSFER, FULL -> FULL;
      case SWITCH_LIGHT -> SWITCH_HEAVY;
      case SWITCH_HEAVY -> FULL;
    };
  }

  public static Optional<Tactic> parse(String s) {
    String w = s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(t -> t.word.equals(w)).findFirst();
  }

  /** The accepted spellings, for error messages. */
  public static String accepted() {
    return Arrays.stream(values()).map(Tactic::word).collect(Collectors.joining(", "));
  }
}
