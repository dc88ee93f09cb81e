package dev.carbonshift.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How the CLI shows instants: UTC, to the minute, e.g. {@code 2026-03-01T02:00Z}. */
final class Times {
  private Times() {}

  static String show(Instant t) {
    if (t == null) {
      return "-";
    }
    String s = t.truncatedTo(ChronoUnit.MINUTES).toString();
    return s.endsWith(":00Z") ? s.substring(0, s.length() - 4) + "Z" : s;
  }
}
