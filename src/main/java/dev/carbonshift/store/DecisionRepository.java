package dev.carbonshift.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The log of every decision and its reason, kept for reports and for the MAPE-K loop. */
public final class DecisionRepository {
  private static final int MAX_TEXT = 4000;
  private final Jdbc jdbc;

  public DecisionRepository(Database db) {
    this.jdbc = db.jdbc();
  }

  public long record(Instant at, String jobId, String category, String decision, String reason) {
    return jdbc.inTransaction(c -> insert(c, at, jobId, category, decision, reason));
  }

  static long insert(
      Connection c, Instant at, String jobId, String category, String decision, String reason)
      throws SQLException {
    return Jdbc.insert(
        c,
        "INSERT INTO decisions (at, job_id, category, decision, reason) VALUES (?,?,?,?,?)",
        at,
        jobId,
        category,
        clip(decision, 400),
        clip(reason, MAX_TEXT));
  }

  public List<Decision> forJob(String jobId) {
    return jdbc.query(
        "SELECT * FROM decisions WHERE job_id = ? ORDER BY id", DecisionRepository::map, jobId);
  }

  public List<Decision> between(Instant from, Instant to) {
    return jdbc.query(
        "SELECT * FROM decisions WHERE at >= ? AND at < ? ORDER BY id",
        DecisionRepository::map,
        from,
        to);
  }

  private static Decision map(ResultSet rs) throws SQLException {
    return new Decision(
        rs.getLong("id"),
        Jdbc.instant(rs, "at"),
        rs.getString("job_id"),
        rs.getString("category"),
        rs.getString("decision"),
        rs.getString("reason"));
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
