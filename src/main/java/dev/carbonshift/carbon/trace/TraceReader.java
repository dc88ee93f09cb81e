package dev.carbonshift.carbon.trace;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.config.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the two real trace formats, plain or gzipped, as they come: Electricity Maps data-portal
 * exports ({@code Datetime (UTC),...,Carbon Intensity gCO₂eq/kWh (direct),... (LCA),...}) and
 * two-column {@code Time,Carbon Intensity} files. Steps may be ragged; a gap (a step more than
 * twice the usual one), a duplicate or out-of-order time, a non-numeric or negative value is an
 * error naming file and line, unless {@link Options#fillGaps} asks for gaps to be filled by linear
 * interpolation, which the trace then reports in its notes.
 */
public final class TraceReader {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

  /** How to read: which emission factors to take from an export, and whether to fill gaps. */
  public record Options(EmissionFactor factor, boolean fillGaps) {
    public static final Options DEFAULT = new Options(EmissionFactor.DIRECT, false);
  }

  private TraceReader() {}

  /** The zone a trace file is for: {@code ES_2022_hourly.csv.gz} → ES, {@code DE.csv} → DE. */
  public static String zoneOf(Path file) {
    String n = file.getFileName().toString();
    n = n.replaceFirst("(?i)\\.gz$", "").replaceFirst("(?i)\\.csv$", "");
    return n.replaceFirst("_\\d{4}_hourly$", "");
  }

  public static Trace read(Path file, Options options) {
    try (InputStream raw = Files.newInputStream(file)) {
      InputStream in =
          file.toString().toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      return read(file.toString(), zoneOf(file), in, options);
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), 0, null, "cannot read: " + e.getMessage());
    }
  }

  /** Reads every trace file ({@code *.csv}, {@code *.csv.gz}) of a folder, keyed by zone. */
  public static Map<String, Trace> readFolder(Path dir, Options options) {
    Map<String, Trace> out = new HashMap<>();
    try (var s = Files.list(dir)) {
      for (Path p : s.filter(TraceReader::isTraceFile).sorted().toList()) {
        Trace t = read(p, options);
        if (out.put(t.zone(), t) != null) {
          throw new InvalidInputException(p.toString(), 0, null, "second trace for " + t.zone());
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException(dir.toString(), 0, null, "cannot list: " + e.getMessage());
    }
    return out;
  }

  public static boolean isTraceFile(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.csv(\\.gz)?$");
  }

  static Trace read(String file, String zone, InputStream in, Options options) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = r.readLine();
    if (header == null) {
      throw new InvalidInputException(file, 1, null, "empty trace file");
    }
    header = header.replace("\uFEFF", "");
    List<String> cols = CsvLine.split(header);
    int timeCol = column(cols, file, "Datetime (UTC)", "Time");
    EmissionFactor factor;
    int valueCol;
    if (cols.get(timeCol).equals("Time")) {
      valueCol = column(cols, file, "Carbon Intensity");
      factor = EmissionFactor.LIFECYCLE;
    } else {
      factor = options.factor();
      String want = factor == EmissionFactor.DIRECT ? "(direct)" : "(LCA)";
      valueCol = -1;
      for (int i = 0; i < cols.size(); i++) {
        if (cols.get(i).startsWith("Carbon Intensity") && cols.get(i).endsWith(want)) {
          valueCol = i;
        }
      }
      if (valueCol < 0) {
        throw new InvalidInputException(
            file, 1, null, "no 'Carbon Intensity ... " + want + "' column");
      }
    }
    List<long[]> rows = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    String line;
    int lineNo = 1;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = CsvLine.split(line);
      if (cells.size() <= Math.max(timeCol, valueCol)) {
        throw new InvalidInputException(
            file, lineNo, null, "expected " + cols.size() + " columns, found " + cells.size());
      }
      long t = parseTime(file, lineNo, cols.get(timeCol), cells.get(timeCol));
      double v = parseValue(file, lineNo, cols.get(valueCol), cells.get(valueCol));
      rows.add(new long[] {t, lineNo});
      values.add(v);
    }
    if (rows.isEmpty()) {
      throw new InvalidInputException(file, 2, null, "no data rows");
    }
    return Gaps.check(file, zone, rows, values, factor, options.fillGaps());
  }

  private static int column(List<String> cols, String file, String... names) {
    for (String n : names) {
      int i = cols.indexOf(n);
      if (i >= 0) {
        return i;
      }
    }
    throw new InvalidInputException(
        file, 1, null, "not a trace: expected a column named " + String.join(" or ", names));
  }

  private static long parseTime(String file, int line, String col, String cell) {
    try {
      return LocalDateTime.parse(cell.trim(), TIME).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          file, line, col, "'" + cell + "' is not a time like 2022-01-01 00:00:00");
    }
  }

  private static double parseValue(String file, int line, String col, String cell) {
    double v;
    try {
      v = Double.parseDouble(cell.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(file, line, col, "'" + cell + "' is not a number");
    }
    if (!Double.isFinite(v) || v < 0) {
      throw new InvalidInputException(file, line, col, "intensity must be >= 0, got " + cell);
    }
    if (v > IntensityPoint.MAX_GRAMS_PER_KWH) {
      throw new InvalidInputException(
          file,
          line,
          col,
          "intensity "
              + cell
              + " is beyond the physical bound of "
              + Math.round(IntensityPoint.MAX_GRAMS_PER_KWH)
              + " g/kWh");
    }
    return v;
  }

  static Duration modalStep(long[] times) {
    Map<Long, Integer> counts = new HashMap<>();
    for (int i = 1; i < times.length; i++) {
      counts.merge(times[i] - times[i - 1], 1, Integer::sum);
    }
    return Duration.ofSeconds(
        counts.entrySet().stream()
            .max(
                Map.Entry.<Long, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(Map.Entry::getKey)
            .orElse(3600L));
  }
}
