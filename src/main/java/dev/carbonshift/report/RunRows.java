package dev.carbonshift.report;

import dev.carbonshift.store.Database;
import dev.carbonshift.store.Jdbc;
import java.time.Instant;
import java.util.List;

/** Reads finished runs with their jobs from the knowledge store. */
public final class RunRows {
  private RunRows() {}

  /** Runs that ended in {@code [from, to)}, oldest first. */
  public static List<RunRow> between(Database db, Instant from, Instant to) {
    return db.jdbc()
        .query(
            "SELECT r.job_id, j.name, j.team, j.model, r.region, j.home_region, r.started_at,"
                + " r.state, r.it_kwh, r.facility_kwh, r.intensity_g_per_kwh, r.intensity_kind,"
                + " r.kg_co2e, r.baseline_kg_co2e, r.avoided_kg_co2e, r.energy_method"
                + " FROM runs r JOIN jobs j ON j.id = r.job_id"
                + " WHERE r.ended_at >= ? AND r.ended_at < ? ORDER BY r.started_at, r.id",
            rs ->
                new RunRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    Jdbc.instant(rs, "started_at"),
                    rs.getString(8),
                    rs.getDouble(9),
                    Jdbc.nullableDouble(rs, "facility_kwh"),
                    Jdbc.nullableDouble(rs, "intensity_g_per_kwh"),
                    rs.getString(12),
                    Jdbc.nullableDouble(rs, "kg_co2e"),
                    Jdbc.nullableDouble(rs, "baseline_kg_co2e"),
                    Jdbc.nullableDouble(rs, "avoided_kg_co2e"),
                    rs.getString(16)),
            from,
            to);
  }
}
