package dev.carbonshift.report;

import dev.carbonshift.energy.ComponentEnergy;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.Jdbc;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.RunRepository;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a report needs from the knowledge store in a few set queries (no query per run): the
 * finished runs of every job that has a run ending in the period, their energy lines, the model
 * versions, the stored signal and factor of each source, and intensity points for a curve.
 */
final class StoreReader {
  /**
   * The jobs with a run ending in the period, as a derived table joined on {@code runs.job_id}'s
   * index (an {@code IN (SELECT ...)} here made H2 rescan the runs for every row).
   */
  private static final String JOBS_IN_PERIOD =
      " JOIN (SELECT DISTINCT job_id FROM runs WHERE ended_at >= ? AND ended_at < ?) p"
          + " ON p.job_id = r.job_id";

  private final Database db;

  StoreReader(Database db) {
    this.db = db;
  }

  List<RunFact> runs(Instant from, Instant to) {
    Map<Long, List<RunFact.Line>> lines = lines(from, to);
    List<RunFact> runs =
        lazily(
            "SELECT r.id, r.job_id, j.name, j.team, j.model, j.strategy, r.region,"
                + " j.home_region, r.state, r.started_at, r.ended_at, j.submitted_at, j.deadline,"
                + " r.it_kwh, r.pue, r.facility_kwh, r.intensity_g_per_kwh, r.intensity_kind,"
                + " r.intensity_actual_share, r.intensity_source, r.kg_co2e, r.baseline_region,"
                + " r.baseline_pue, r.baseline_g_per_kwh, r.baseline_kg_co2e, r.avoided_kg_co2e,"
                + " r.baseline_intensity_kind, r.energy_method, r.sampling_interval_ms,"
                + " r.model_version_id, r.details"
                + " FROM runs r"
                + JOBS_IN_PERIOD
                + " JOIN jobs j ON j.id = r.job_id"
                + " WHERE r.ended_at IS NOT NULL",
            rs -> {
              long id = rs.getLong("id");
              Instant ended = Jdbc.instant(rs, "ended_at");
              long mv = rs.getLong("model_version_id");
              Long version = rs.wasNull() ? null : mv;
              // the accounting columns as the run repository reads them
              RunRecord.Accounting a = RunRepository.accounting(rs);
              return new RunFact(
                  id,
                  rs.getString("job_id"),
                  rs.getString("name"),
                  rs.getString("team"),
                  rs.getString("model"),
                  rs.getString("strategy"),
                  rs.getString("region"),
                  rs.getString("home_region"),
                  rs.getString("state"),
                  Jdbc.instant(rs, "started_at"),
                  ended,
                  Jdbc.instant(rs, "submitted_at"),
                  Jdbc.instant(rs, "deadline"),
                  !ended.isBefore(from) && ended.isBefore(to),
                  a == null ? null : a.itKwh(),
                  a == null ? null : a.pue(),
                  a == null ? null : a.facilityKwh(),
                  a == null ? null : a.intensityGramsPerKwh(),
                  a == null ? null : a.intensityKind(),
                  a == null ? null : a.intensityActualShare(),
                  a == null ? null : a.intensitySource(),
                  a == null ? null : a.kgCo2e(),
                  a == null ? null : a.baselineRegion(),
                  a == null ? null : a.baselinePue(),
                  a == null ? null : a.baselineGramsPerKwh(),
                  a == null ? null : a.baselineKgCo2e(),
                  a == null ? null : a.avoidedKgCo2e(),
                  version,
                  lines.getOrDefault(id, List.of()),
                  rs.getString("details"));
            },
            from,
            to);
    // sorted here: an ORDER BY over a large result makes H2 buffer it to disk
    List<RunFact> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparing(RunFact::endedAt).thenComparingLong(RunFact::runId));
    return sorted;
  }

  /**
   * Runs a query with H2's lazy execution, so that a large result streams instead of being buffered
   * to disk past H2's in-memory row limit; other databases run it as it is.
   */
  private <T> List<T> lazily(String sql, Jdbc.RowMapper<T> mapper, Object... params) {
    return db.jdbc()
        .inTransaction(
            c -> {
              if (!"H2".equals(c.getMetaData().getDatabaseProductName())) {
                return Jdbc.query(c, sql, mapper, params);
              }
              try (Statement s = c.createStatement()) {
                s.execute("SET LAZY_QUERY_EXECUTION TRUE");
              }
              try {
                return Jdbc.query(c, sql, mapper, params);
              } finally {
                try (Statement s = c.createStatement()) {
                  s.execute("SET LAZY_QUERY_EXECUTION FALSE");
                }
              }
            });
  }

  private Map<Long, List<RunFact.Line>> lines(Instant from, Instant to) {
    Map<Long, List<RunFact.Line>> out = new HashMap<>();
    lazily(
        "SELECT e.run_id, e.component, e.method, e.it_kwh, e.detail FROM runs r"
            + JOBS_IN_PERIOD
            + " JOIN run_energy e ON e.run_id = r.id WHERE r.ended_at IS NOT NULL",
        rs -> {
          ComponentEnergy e = RunRepository.energyLine(rs);
          String detail = e.detail();
          // one sensor per line of the detail: the devices metered
          int devices = detail == null || detail.isBlank() ? 1 : (int) detail.lines().count();
          out.computeIfAbsent(rs.getLong("run_id"), k -> new ArrayList<>())
              .add(new RunFact.Line(e.component(), e.method(), e.kwh(), devices));
          return null;
        },
        from,
        to);
    return out;
  }

  List<VersionFact> versions() {
    return db.jdbc()
        .query(
            "SELECT id, name, version, parent_name, parent_version, strategy, job_id, row_from,"
                + " row_to, kwh, created_at FROM model_versions ORDER BY name, version",
            rs -> {
              int pv = rs.getInt("parent_version");
              Integer parent = rs.wasNull() ? null : pv;
              return new VersionFact(
                  rs.getLong("id"),
                  rs.getString("name"),
                  rs.getInt("version"),
                  rs.getString("parent_name") == null && parent != null
                      ? rs.getString("name")
                      : rs.getString("parent_name"),
                  parent,
                  rs.getString("strategy"),
                  rs.getString("job_id"),
                  rs.getLong("row_from"),
                  rs.getLong("row_to"),
                  rs.getDouble("kwh"),
                  Jdbc.instant(rs, "created_at"));
            });
  }

  /** Signal and factor of each source label as stored with its fetched points. */
  Map<String, SourceKinds.Kinds> storedKinds() {
    Map<String, SourceKinds.Kinds> out = new HashMap<>();
    db.jdbc()
        .query(
            "SELECT DISTINCT source, signal, factor FROM intensity_points",
            rs -> {
              out.merge(
                  rs.getString(1),
                  new SourceKinds.Kinds(rs.getString(2), rs.getString(3), "as stored"),
                  (a, b) -> a.mixedWith(b));
              return null;
            });
    return out;
  }

  /** A point of an intensity curve. */
  record Point(Instant start, Instant end, double gramsPerKwh, String kind, String source) {}

  /** Stored intensities of a zone overlapping the window, best kind first for each start. */
  List<Point> curve(String zone, Instant from, Instant to) {
    List<Point> all =
        db.jdbc()
            .query(
                "SELECT start_at, end_at, g_per_kwh, kind, source FROM intensity_points"
                    + " WHERE zone = ? AND end_at > ? AND start_at < ? ORDER BY start_at,"
                    + " CASE kind WHEN 'ACTUAL' THEN 0 WHEN 'FORECAST' THEN 1 ELSE 2 END,"
                    + " fetched_at DESC",
                rs ->
                    new Point(
                        Jdbc.instant(rs, "start_at"),
                        Jdbc.instant(rs, "end_at"),
                        rs.getDouble("g_per_kwh"),
                        rs.getString("kind"),
                        rs.getString("source")),
                zone,
                from,
                to);
    List<Point> out = new ArrayList<>();
    for (Point p : all) {
      if (out.isEmpty() || !out.get(out.size() - 1).start().equals(p.start())) {
        out.add(p);
      }
    }
    return out;
  }
}
