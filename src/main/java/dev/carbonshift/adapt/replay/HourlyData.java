package dev.carbonshift.adapt.replay;

import dev.carbonshift.carbon.trace.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A trace as the hourly series the forecasters read: the mean of each hour's points (a 15- or
 * 30-minute trace becomes hourly, so that 24 lags and 24 steps ahead mean a day everywhere),
 * written once as a two-column CSV.
 */
final class HourlyData {
  static final String TIME = "Time";
  static final String LABEL = "Carbon Intensity";
  private static final DateTimeFormatter FMT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  final long startEpoch;
  final double[] values;
  final Path csv;

  private HourlyData(long startEpoch, double[] values, Path csv) {
    this.startEpoch = startEpoch;
    this.values = values;
    this.csv = csv;
  }

  static HourlyData of(Trace trace, Path dir) {
    long first = Math.floorDiv(trace.start().getEpochSecond() + 3599, 3600) * 3600;
    long last = Math.floorDiv(trace.end().getEpochSecond(), 3600) * 3600;
    int n = (int) ((last - first) / 3600);
    double[] v = new double[n];
    for (int h = 0; h < n; h++) {
      double sum = 0;
      int k = 0;
      for (int m = 0; m < 60; m += 5) {
        double x = trace.gramsPerKwhAt(Instant.ofEpochSecond(first + h * 3600L + m * 60L));
        if (Double.isFinite(x)) {
          sum += x;
          k++;
        }
      }
      v[h] = k == 0 ? (h > 0 ? v[h - 1] : trace.meanGramsPerKwh()) : sum / k;
    }
    Path csv = dir.resolve("hourly.csv");
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write(TIME + "," + LABEL + "\n");
      for (int h = 0; h < n; h++) {
        w.write(
            LocalDateTime.ofEpochSecond(first + h * 3600L, 0, ZoneOffset.UTC).format(FMT)
                + ","
                + String.format(Locale.ROOT, "%.4f", v[h])
                + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + csv, e);
    }
    return new HourlyData(first, v, csv);
  }

  /**
   * The rows of [from, to) alone, as a CSV named {@code name} beside the full one: a day's
   * forecasts read three days, not the whole trace.
   */
  Path slice(LocalDateTime from, LocalDateTime to, String name) {
    Path out = csv.resolveSibling(name);
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write(TIME + "," + LABEL + "\n");
      for (int h = Math.max(0, index(from)); h < Math.min(values.length, index(to)); h++) {
        w.write(
            LocalDateTime.ofEpochSecond(startEpoch + h * 3600L, 0, ZoneOffset.UTC).format(FMT)
                + ","
                + String.format(Locale.ROOT, "%.4f", values[h])
                + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
    return out;
  }

  int index(LocalDateTime t) {
    return (int) ((t.toEpochSecond(ZoneOffset.UTC) - startEpoch) / 3600);
  }

  /** Values of the hours in [from, to). */
  double[] between(LocalDateTime from, LocalDateTime to) {
    int a = Math.max(0, index(from));
    int b = Math.min(values.length, index(to));
    return b <= a ? new double[0] : java.util.Arrays.copyOfRange(values, a, b);
  }

  LocalDateTime first() {
    return LocalDateTime.ofEpochSecond(startEpoch, 0, ZoneOffset.UTC);
  }

  LocalDateTime end() {
    return first().plusHours(values.length);
  }
}
