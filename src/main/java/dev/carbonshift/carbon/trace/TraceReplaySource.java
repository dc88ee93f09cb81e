package dev.carbonshift.carbon.trace;

import dev.carbonshift.carbon.CarbonSource;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.carbon.Unavailable;
import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.region.Region;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The offline source: a region's real historical trace replayed for the present, so the daemon and
 * the demo run with no network and no keys. Replayed points are labelled {@code trace:<file>}:
 * forecasts after now, actuals before.
 */
public final class TraceReplaySource implements CarbonSource {
  public static final String NAME = "trace";
  public static final String LABEL_PREFIX = "trace:";

  private final Function<Region, Optional<Path>> traceOf;
  private final TraceReader.Options options;
  private final Replay replay;
  private final Clock clock;
  private final Map<Path, Trace> loaded = new ConcurrentHashMap<>();

  /**
   * @param traceOf the trace file of a region, e.g. {@code RegionCatalog::traceOf}
   */
  public TraceReplaySource(
      Function<Region, Optional<Path>> traceOf,
      TraceReader.Options options,
      Replay replay,
      Clock clock) {
    this.traceOf = traceOf;
    this.options = options;
    this.replay = replay;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ForecastResult forecast(Region region, Instant from, Instant to) {
    Optional<Path> file = traceOf.apply(region);
    if (file.isEmpty()) {
      return new Unavailable(region.zone(), NAME, "region " + region.id() + " names no trace");
    }
    Trace trace;
    try {
      trace = loaded.computeIfAbsent(file.get(), p -> TraceReader.read(p, options));
    } catch (InvalidInputException e) {
      return new Unavailable(region.zone(), NAME, "cannot use the trace: " + e.getMessage());
    }
    Instant now = clock.instant();
    List<IntensityPoint> points = replayed(trace, region.zone(), from, to, now);
    if (points.isEmpty()) {
      return new Unavailable(
          region.zone(), NAME, "trace " + label(trace) + " has nothing for " + from + " .. " + to);
    }
    return new Forecast(region.zone(), now, points);
  }

  @Override
  public String describe(Forecast forecast) {
    String label = forecast.points().get(0).source();
    String file = label.substring(LABEL_PREFIX.length());
    Trace trace =
        loaded.values().stream().filter(t -> label(t).equals(file)).findFirst().orElse(null);
    String how = trace == null ? "" : " " + replay.describe(trace, forecast.start());
    return "trace " + file + " replayed" + how;
  }

  List<IntensityPoint> replayed(Trace trace, String zone, Instant from, Instant to, Instant now) {
    List<IntensityPoint> out = new ArrayList<>();
    String source = LABEL_PREFIX + label(trace);
    Instant cursor = from;
    while (cursor.isBefore(to)) {
      // the mapping changes only at midnight (a new day-of-year), so segments stop there
      Instant nextMidnight =
          cursor
              .atZone(ZoneOffset.UTC)
              .toLocalDate()
              .plusDays(1)
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant();
      Instant m = replay.map(trace, cursor);
      if (m == null) {
        cursor = min(nextMidnight, to);
        continue;
      }
      int i = trace.indexAt(m.getEpochSecond());
      Duration left = Duration.between(m, Instant.ofEpochSecond(trace.endEpochSecond(i)));
      Instant end = min(min(cursor.plus(left), to), nextMidnight);
      if (cursor.isBefore(now) && end.isAfter(now)) {
        end = now;
      }
      IntensityKind kind = cursor.isBefore(now) ? IntensityKind.ACTUAL : IntensityKind.FORECAST;
      out.add(
          new IntensityPoint(
              zone,
              cursor,
              end,
              trace.gramsPerKwh()[i],
              kind,
              Signal.AVERAGE,
              trace.factor(),
              source));
      cursor = end;
    }
    return out;
  }

  /** The file name of a trace, without folders. */
  static String label(Trace trace) {
    return Path.of(trace.file()).getFileName().toString();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
