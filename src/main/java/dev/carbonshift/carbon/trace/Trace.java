package dev.carbonshift.carbon.trace;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real historical intensity series of one zone, held as parallel arrays (a year of 5-minute data
 * is 105,120 points). Point {@code i} holds from {@code startEpochSeconds[i]} until the next point
 * starts; the last one lasts {@code step}.
 *
 * @param step the most common spacing of the points
 * @param notes what the reader changed, e.g. filled gaps (empty when the file was used as is)
 */
public record Trace(
    String zone,
    String file,
    long[] startEpochSeconds,
    double[] gramsPerKwh,
    Duration step,
    EmissionFactor factor,
    List<String> notes) {

  public Trace {
    if (startEpochSeconds.length != gramsPerKwh.length || startEpochSeconds.length == 0) {
      throw new IllegalArgumentException("a trace needs as many times as values, at least one");
    }
    notes = List.copyOf(notes);
  }

  public int size() {
    return startEpochSeconds.length;
  }

  public Instant start() {
    return Instant.ofEpochSecond(startEpochSeconds[0]);
  }

  public Instant end() {
    return Instant.ofEpochSecond(endEpochSecond(size() - 1));
  }

  long endEpochSecond(int i) {
    return i + 1 < size() ? startEpochSeconds[i + 1] : startEpochSeconds[i] + step.toSeconds();
  }

  /** Index of the point covering {@code epochSecond}, or -1 outside the trace. */
  public int indexAt(long epochSecond) {
    if (epochSecond < startEpochSeconds[0] || epochSecond >= endEpochSecond(size() - 1)) {
      return -1;
    }
    int i = Arrays.binarySearch(startEpochSeconds, epochSecond);
    return i >= 0 ? i : -i - 2;
  }

  /** The intensity at an instant, or NaN outside the trace. */
  public double gramsPerKwhAt(Instant t) {
    int i = indexAt(t.getEpochSecond());
    return i < 0 ? Double.NaN : gramsPerKwh[i];
  }

  /**
   * The points overlapping {@code [from, to)}, as a forecast issued at {@code issuedAt}, labelled
   * with {@code kind} and {@code source}.
   */
  public Forecast slice(
      Instant issuedAt, Instant from, Instant to, IntensityKind kind, String source) {
    List<IntensityPoint> pts = new ArrayList<>();
    int i = Math.max(0, indexAt(from.getEpochSecond()));
    if (from.getEpochSecond() < startEpochSeconds[0]) {
      i = 0;
    }
    for (; i < size() && startEpochSeconds[i] < to.getEpochSecond(); i++) {
      long end = endEpochSecond(i);
      if (end <= from.getEpochSecond()) {
        continue;
      }
      pts.add(
          new IntensityPoint(
              zone,
              Instant.ofEpochSecond(startEpochSeconds[i]),
              Instant.ofEpochSecond(end),
              gramsPerKwh[i],
              kind,
              Signal.AVERAGE,
              factor,
              source));
    }
    return new Forecast(zone, issuedAt, pts);
  }

  /** Time-weighted mean over the whole trace. */
  public double meanGramsPerKwh() {
    double sum = 0;
    long total = 0;
    for (int i = 0; i < size(); i++) {
      long len = endEpochSecond(i) - startEpochSeconds[i];
      sum += gramsPerKwh[i] * len;
      total += len;
    }
    return sum / total;
  }
}
