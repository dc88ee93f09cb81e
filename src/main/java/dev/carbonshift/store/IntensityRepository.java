package dev.carbonshift.store;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.ForecastCache;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Points;
import dev.carbonshift.carbon.Signal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Fetched carbon intensities in the {@code intensity_points} table: one row per zone, source,
 * signal, kind and start, replaced when fetched again. Only values and their labels are stored,
 * never anything of the request that fetched them.
 */
public final class IntensityRepository implements ForecastCache {
  private static final String OVERLAPPING =
      "SELECT * FROM intensity_points WHERE zone = ? AND source = ? AND end_at > ? AND start_at < ?"
          + " ORDER BY start_at";

  private final Jdbc jdbc;
  private final String upsert;

  public IntensityRepository(Database db) {
    this.jdbc = db.jdbc();
    this.upsert =
        db.dialect()
            .upsert(
                "intensity_points",
                List.of("zone", "source", "signal", "kind", "start_at"),
                List.of(
                    "zone",
                    "source",
                    "signal",
                    "kind",
                    "start_at",
                    "end_at",
                    "g_per_kwh",
                    "factor",
                    "fetched_at"));
  }

  private record Row(IntensityPoint point, Instant fetchedAt) {}

  @Override
  public void save(Forecast forecast, Instant fetchedAt) {
    jdbc.inTransaction(
        c -> {
          for (IntensityPoint p : forecast.points()) {
            Jdbc.update(
                c,
                upsert,
                p.zone(),
                p.source(),
                p.signal(),
                p.kind(),
                p.start(),
                p.end(),
                p.gramsPerKwh(),
                p.factor(),
                fetchedAt);
          }
          return null;
        });
  }

  /**
   * The stored points overlapping the window, one per slot: an actual before an estimate before a
   * forecast, and of those the most recently fetched. All carry one signal (the first stored).
   */
  @Override
  public Optional<Stored> freshest(String zone, String source, Instant from, Instant to) {
    List<Row> rows = jdbc.query(OVERLAPPING, IntensityRepository::row, zone, source, from, to);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Signal signal = rows.get(0).point().signal();
    List<Row> ranked =
        rows.stream()
            .filter(r -> r.point().signal() == signal)
            .sorted(
                Comparator.comparingInt((Row r) -> rank(r.point().kind()))
                    .thenComparing(Row::fetchedAt, Comparator.reverseOrder()))
            .toList();
    List<IntensityPoint> points = Points.merge(ranked.stream().map(Row::point).toList(), from, to);
    Instant fetchedAt = ranked.stream().map(Row::fetchedAt).max(Comparator.naturalOrder()).get();
    return Optional.of(new Stored(new Forecast(zone, fetchedAt, points), fetchedAt));
  }

  /** Measured beats estimated beats forecast. */
  private static int rank(IntensityKind kind) {
    return switch (kind) {
      case ACTUAL -> 0;
      case ESTIMATE -> 1;
      case FORECAST -> 2;
    };
  }

  /** How many points are stored for a zone and source. */
  public int count(String zone, String source) {
    return jdbc.queryOne(
            "SELECT COUNT(*) AS n FROM intensity_points WHERE zone = ? AND source = ?",
            rs -> rs.getInt("n"),
            zone,
            source)
        .orElse(0);
  }

  private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Row(
        new IntensityPoint(
            rs.getString("zone"),
            Jdbc.instant(rs, "start_at"),
            Jdbc.instant(rs, "end_at"),
            rs.getDouble("g_per_kwh"),
            IntensityKind.valueOf(rs.getString("kind")),
            Signal.valueOf(rs.getString("signal")),
            EmissionFactor.valueOf(rs.getString("factor")),
            rs.getString("source")),
        Jdbc.instant(rs, "fetched_at"));
  }
}
