package dev.carbonshift.sim;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.carbon.trace.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** What a policy is told about the future at each moment of a replay. */
public sealed interface ForecastMode {
  Duration HORIZON = Duration.ofHours(72);

  /** The forecast for a trace's zone as issued at {@code issuedAt}, reaching {@link #HORIZON}. */
  Forecast issue(Trace trace, Instant issuedAt);

  String label();

  /** The trace itself: forecasts are exact. */
  record Perfect() implements ForecastMode {
    @Override
    public Forecast issue(Trace trace, Instant issuedAt) {
      return build(trace, issuedAt, (i, v) -> v);
    }

    @Override
    public String label() {
      return "perfect";
    }
  }

  /** Same time yesterday (the trace's value 24 h earlier, or the first value before that). */
  record Persistence() implements ForecastMode {
    @Override
    public Forecast issue(Trace trace, Instant issuedAt) {
      return build(
          trace,
          issuedAt,
          (i, v) -> {
            long t = trace.startEpochSeconds()[i] - 86_400;
            int j = trace.indexAt(Math.max(t, trace.startEpochSeconds()[0]));
            return trace.gramsPerKwh()[Math.max(0, j)];
          });
    }

    @Override
    public String label() {
      return "persistence";
    }
  }

  /**
   * The trace plus Gaussian noise of {@code sigma} × the trace's mean, as Let's Wait Awhile models
   * forecast error; the same seed, zone and issue time give the same forecast.
   */
  record Noisy(double sigma, long seed) implements ForecastMode {
    @Override
    public Forecast issue(Trace trace, Instant issuedAt) {
      Random rnd =
          new Random(seed * 31 + trace.zone().hashCode() * 17L + issuedAt.getEpochSecond());
      double sd = sigma * trace.meanGramsPerKwh();
      return build(trace, issuedAt, (i, v) -> Math.max(0, v + rnd.nextGaussian() * sd));
    }

    @Override
    public String label() {
      return "noisy:" + sigma;
    }
  }

  /** {@code perfect}, {@code persistence} or {@code noisy:SIGMA}. */
  static ForecastMode parse(String text, long seed) {
    if (text.equals("perfect")) {
      return new Perfect();
    }
    if (text.equals("persistence")) {
      return new Persistence();
    }
    if (text.startsWith("noisy:")) {
      double sigma;
      try {
        sigma = Double.parseDouble(text.substring(6));
      } catch (NumberFormatException e) {
        sigma = -1;
      }
      if (sigma < 0 || !Double.isFinite(sigma)) {
        throw new IllegalArgumentException(
            "--forecast noisy:SIGMA needs SIGMA >= 0 (e.g. noisy:0.1), got " + text);
      }
      return new Noisy(sigma, seed);
    }
    throw new IllegalArgumentException(
        "--forecast must be perfect, persistence or noisy:SIGMA, got " + text);
  }

  /** Per-point value map: point index, true value → forecast value. */
  interface Values {
    double at(int index, double actual);
  }

  private static Forecast build(Trace trace, Instant issuedAt, Values values) {
    long from = issuedAt.getEpochSecond();
    long to = from + HORIZON.toSeconds();
    List<IntensityPoint> pts = new ArrayList<>();
    int i = Math.max(0, trace.indexAt(from));
    long[] s = trace.startEpochSeconds();
    for (; i < s.length && s[i] < to; i++) {
      long end = i + 1 < s.length ? s[i + 1] : s[i] + trace.step().toSeconds();
      if (end <= from) {
        continue;
      }
      pts.add(
          new IntensityPoint(
              trace.zone(),
              Instant.ofEpochSecond(s[i]),
              Instant.ofEpochSecond(end),
              values.at(i, trace.gramsPerKwh()[i]),
              IntensityKind.FORECAST,
              Signal.AVERAGE,
              trace.factor() == null ? EmissionFactor.DIRECT : trace.factor(),
              "simulate"));
    }
    return new Forecast(trace.zone(), issuedAt, pts);
  }
}
