package dev.carbonshift.report;

import dev.carbonshift.config.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a report covers: the runs that ended from the start of {@code from} to the end of {@code to}
 * (UTC days, both included), grouped by {@code by}, written as {@code format}.
 *
 * @param runId the run whose intensity curve the HTML report draws, or null for the run that
 *     avoided most
 */
public record ReportQuery(
    LocalDate from,
    LocalDate to,
    List<Dimension> by,
    ReportFormat format,
    Embodied embodied,
    Long runId) {

  public ReportQuery {
    by = List.copyOf(by);
  }

  /** Where the bad value came from in messages: the CLI option or the query parameter. */
  public enum Origin {
    CLI("--"),
    HTTP("");

    private final String prefix;

    Origin(String prefix) {
      this.prefix = prefix;
    }
  }

  /** Half-open period in instants: start of {@code from} to start of the day after {@code to}. */
  public Instant start() {
    return from.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public Instant end() {
    return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * Parses the user's strings; a bad value fails with the field named and the accepted values
   * listed. Blank {@code by} groups nothing (one row, the totals); blank {@code format} is CSV.
   */
  public static ReportQuery parse(
      String from, String to, String by, String format, Embodied embodied, Origin origin) {
    LocalDate f = date(from, "from", origin);
    LocalDate t = date(to, "to", origin);
    if (t.isBefore(f)) {
      throw bad(origin, "to", t + " is before from " + f + "; to must be on or after from");
    }
    return new ReportQuery(f, t, dimensions(by, origin), format(format, origin), embodied, null);
  }

  public ReportQuery withRun(Long run) {
    return new ReportQuery(from, to, by, format, embodied, run);
  }

  public ReportQuery withFormat(ReportFormat f) {
    return new ReportQuery(from, to, by, f, embodied, runId);
  }

  /**
   * Embodied figures from the user's gCO2e per GPU-hour and per CPU-hour (blank keeps the default).
   */
  public static Embodied embodied(String gpu, String cpu, Origin origin) {
    return Embodied.of(grams(gpu, "embodied-gpu", origin), grams(cpu, "embodied-cpu", origin));
  }

  /** The run whose curve to draw, or null for the default. */
  public static Long run(String run, Origin origin) {
    if (run == null || run.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(run.strip());
    } catch (NumberFormatException e) {
      throw bad(origin, "run", "'" + run + "' is not a run id (a whole number)");
    }
  }

  private static Double grams(String s, String field, Origin origin) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      double v = Double.parseDouble(s.strip());
      if (v >= 0 && Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw bad(origin, field, "'" + s + "' is not a number of gCO2e per device-hour >= 0");
  }

  private static LocalDate date(String s, String field, Origin origin) {
    if (s == null || s.isBlank()) {
      throw bad(origin, field, "missing; give a date as YYYY-MM-DD, e.g. 2026-01-31");
    }
    try {
      return LocalDate.parse(s.strip());
    } catch (DateTimeParseException e) {
      throw bad(origin, field, "'" + s + "' is not a date; give YYYY-MM-DD, e.g. 2026-01-31");
    }
  }

  static List<Dimension> dimensions(String by, Origin origin) {
    List<Dimension> out = new ArrayList<>();
    if (by == null || by.isBlank()) {
      return out;
    }
    for (String part : by.split(",", -1)) {
      String p = part.strip().toUpperCase(Locale.ROOT);
      Dimension d =
          Arrays.stream(Dimension.values())
              .filter(x -> x.name().equals(p))
              .findFirst()
              .orElseThrow(
                  () ->
                      bad(
                          origin,
                          "by",
                          "unknown grouping '"
                              + part.strip()
                              + "'; accepted: "
                              + accepted(Dimension.values())
                              + ", comma-separated"));
      if (out.contains(d)) {
        throw bad(origin, "by", "'" + d.label() + "' is given twice");
      }
      out.add(d);
    }
    return out;
  }

  static ReportFormat format(String format, Origin origin) {
    if (format == null || format.isBlank()) {
      return ReportFormat.CSV;
    }
    String f = format.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(ReportFormat.values())
        .filter(x -> x.name().equals(f))
        .findFirst()
        .orElseThrow(
            () ->
                bad(
                    origin,
                    "format",
                    "unknown format '"
                        + format.strip()
                        + "'; accepted: "
                        + accepted(ReportFormat.values())));
  }

  private static String accepted(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(v -> v.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  private static InvalidInputException bad(Origin origin, String field, String problem) {
    return new InvalidInputException(null, 0, origin.prefix + field, problem);
  }
}
