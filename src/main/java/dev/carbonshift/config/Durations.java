package dev.carbonshift.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as ISO-8601 ({@code PT6H}, {@code P1D}) or by people ({@code 6h}, {@code
 * 1h30m}).
 */
public final class Durations {
  private static final Pattern HUMAN =
      Pattern.compile(
          "(?:(\\d+(?:\\.\\d+)?)d)?\\s*(?:(\\d+(?:\\.\\d+)?)h)?\\s*(?:(\\d+(?:\\.\\d+)?)m)?\\s*(?:(\\d+(?:\\.\\d+)?)s)?");

  private Durations() {}

  /**
   * Parses a duration; rejects negative and zero ones.
   *
   * @throws IllegalArgumentException with a message fit for the user
   */
  public static Duration parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    if (s.startsWith("-")) {
      throw new IllegalArgumentException("must be positive, got '" + text + "'");
    }
    if (s.startsWith("p")) {
      try {
        d = Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a duration; write e.g. PT6H, 6h, 90m or 1h30m");
      }
    } else {
      Matcher m = HUMAN.matcher(s.replace(" ", ""));
      if (s.isEmpty() || !m.matches() || s.replaceAll("[^a-z]", "").isEmpty()) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a duration; write e.g. PT6H, 6h, 90m or 1h30m");
      }
      double seconds =
          value(m.group(1)) * 86_400
              + value(m.group(2)) * 3_600
              + value(m.group(3)) * 60
              + value(m.group(4));
      d = Duration.ofMillis(Math.round(seconds * 1000));
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("must be positive, got '" + text + "'");
    }
    return d;
  }

  private static double value(String g) {
    return g == null ? 0 : Double.parseDouble(g);
  }
}
