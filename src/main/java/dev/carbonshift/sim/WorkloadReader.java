package dev.carbonshift.sim;

import dev.carbonshift.carbon.trace.CsvLine;
import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.job.JobParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads a workload: Carbonshift's own CSV ({@code job,submitted,duration_h,power_kw,deadline_h,
 * interruptible,home,regions}, optionally followed by {@code gpus}) or a GAIA/Alibaba arrival trace
 * ({@code arrival_time,length,cpus}), told apart by the header. A bad row is an error naming file,
 * line and column.
 */
public final class WorkloadReader {
  static final List<String> OWN =
      List.of(
          "job",
          "submitted",
          "duration_h",
          "power_kw",
          "deadline_h",
          "interruptible",
          "home",
          "regions");

  /** The optional last column of the own format: GPUs each job holds (empty or 0: none). */
  static final String GPUS = "gpus";

  static final List<String> ARRIVALS = List.of("arrival_time", "length", "cpus");

  private WorkloadReader() {}

  /** Longest run a workload row may ask for: a year. */
  static final double MAX_DURATION_H = 8760;

  /** Latest deadline a workload row may give, after its submission: ten years. */
  static final double MAX_DEADLINE_H = 87_600;

  /** Largest power of one job: 100 MW. */
  static final double MAX_POWER_KW = 100_000;

  /** A workload's jobs, with the line each came from (empty for arrival traces). */
  public record Workload(List<SimJob> jobs, Map<String, Integer> lines) {}

  public static List<SimJob> read(Path file, ArrivalOptions arrivals) {
    return readWithLines(file, arrivals).jobs();
  }

  public static Workload readWithLines(Path file, ArrivalOptions arrivals) {
    try (InputStream raw = Files.newInputStream(file)) {
      InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = r.readLine();
      if (header == null) {
        throw new InvalidInputException(file.toString(), 1, null, "empty workload file");
      }
      List<String> cols = CsvLine.split(header.replace("\uFEFF", "").trim());
      List<String[]> rows = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        rows.add(line.isBlank() ? null : CsvLine.split(line).toArray(String[]::new));
      }
      if (cols.equals(OWN)) {
        return own(file.toString(), rows, false);
      }
      if (cols.size() == OWN.size() + 1
          && cols.subList(0, OWN.size()).equals(OWN)
          && cols.get(OWN.size()).equals(GPUS)) {
        return own(file.toString(), rows, true);
      }
      if (cols.equals(ARRIVALS)) {
        return new Workload(ArrivalConverter.convert(file.toString(), rows, arrivals), Map.of());
      }
      throw new InvalidInputException(
          file.toString(),
          1,
          null,
          "unknown header; expected "
              + String.join(",", OWN)
              + " (optionally followed by ,"
              + GPUS
              + ") or "
              + String.join(",", ARRIVALS));
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), 0, null, "cannot read: " + e.getMessage());
    }
  }

  private static Workload own(String file, List<String[]> rows, boolean withGpus) {
    List<SimJob> out = new ArrayList<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      String[] c = rows.get(i);
      int line = i + 2;
      if (c == null) {
        continue;
      }
      if (c.length < OWN.size()) {
        throw new InvalidInputException(
            file, line, OWN.get(c.length), "missing column (" + c.length + " of 8 given)");
      }
      String id = c[0].trim();
      if (id.isEmpty()) {
        throw new InvalidInputException(file, line, "job", "is empty");
      }
      Integer first = lines.putIfAbsent(id, line);
      if (first != null) {
        throw new InvalidInputException(
            file, line, "job", "duplicate job id '" + id + "' (first on line " + first + ")");
      }
      Instant submitted;
      try {
        submitted = Instant.parse(c[1].trim());
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            file, line, "submitted", "'" + c[1] + "' is not an ISO-8601 UTC instant");
      }
      double hours =
          atMost(
              file, line, "duration_h", positive(file, line, "duration_h", c[2]), MAX_DURATION_H);
      double powerKw =
          atMost(file, line, "power_kw", number(file, line, "power_kw", c[3]), MAX_POWER_KW);
      double deadlineH =
          atMost(file, line, "deadline_h", number(file, line, "deadline_h", c[4]), MAX_DEADLINE_H);
      String flag = c[5].trim().toLowerCase(java.util.Locale.ROOT);
      if (!flag.equals("true") && !flag.equals("false")) {
        throw new InvalidInputException(file, line, "interruptible", "must be true or false");
      }
      String home = c[6].trim();
      if (home.isEmpty()) {
        throw new InvalidInputException(file, line, "home", "is empty");
      }
      Set<String> regions =
          c[7].trim().equals("*") || c[7].isBlank()
              ? Set.of()
              : Set.copyOf(Arrays.asList(c[7].trim().split("\\|")));
      int gpus = withGpus && c.length > OWN.size() ? gpus(file, line, c[OWN.size()]) : 0;
      out.add(
          new SimJob(
              id,
              submitted,
              hoursToDuration(hours),
              powerKw,
              submitted.plus(hoursToDuration(deadlineH)),
              flag.equals("true"),
              home,
              regions,
              gpus));
    }
    return new Workload(out, lines);
  }

  /** A job's GPUs: a whole number from 0 (none, as an empty cell) to {@link JobParser#MAX_GPUS}. */
  private static int gpus(String file, int line, String cell) {
    String t = cell.trim();
    if (t.isEmpty()) {
      return 0;
    }
    try {
      int v = Integer.parseInt(t);
      if (v < 0 || v > JobParser.MAX_GPUS) {
        throw new InvalidInputException(
            file,
            line,
            GPUS,
            "must be a whole number from 0 to " + JobParser.MAX_GPUS + ", got " + cell);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(file, line, GPUS, "'" + cell + "' is not a whole number");
    }
  }

  private static double atMost(String file, int line, String col, double v, double max) {
    if (v > max) {
      throw new InvalidInputException(
          file, line, col, "must be at most " + (long) max + ", got " + v);
    }
    return v;
  }

  static Duration hoursToDuration(double hours) {
    return Duration.ofSeconds(Math.round(hours * 3600));
  }

  static double number(String file, int line, String col, String cell) {
    try {
      double v = Double.parseDouble(cell.trim());
      if (!Double.isFinite(v) || v < 0) {
        throw new InvalidInputException(file, line, col, "must be >= 0, got " + cell);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(file, line, col, "'" + cell + "' is not a number");
    }
  }

  static double positive(String file, int line, String col, String cell) {
    double v = number(file, line, col, cell);
    if (v <= 0) {
      throw new InvalidInputException(file, line, col, "must be > 0, got " + cell);
    }
    return v;
  }
}
