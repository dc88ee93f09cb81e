package dev.carbonshift.adapt.replay;

import java.util.Arrays;
import java.util.Optional;

/** How a replay retrains: every night from scratch, every night incrementally, or by MAPE-K. */
public enum ReplayPolicy {
  PERIODIC_FULL("periodic-full"),
  PERIODIC_INCREMENTAL("periodic-incremental"),
  MAPEK("mapek");

  final String word;

  ReplayPolicy(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public static Optional<ReplayPolicy> parse(String s) {
    return Arrays.stream(values()).filter(p -> p.word.equals(s)).findFirst();
  }
}
