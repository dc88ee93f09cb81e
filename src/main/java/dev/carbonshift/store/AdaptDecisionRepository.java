package dev.carbonshift.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The self-adaptation loop's decisions: its knowledge of what it tried and what came of it. */
public final class AdaptDecisionRepository {
  private static final int MAX_TEXT = 4000;
  private final Jdbc jdbc;

  public AdaptDecisionRepository(Database db) {
    this.jdbc = db.jdbc();
  }

  /** Stores a decision; returns it with its id. */
  public AdaptDecision record(AdaptDecision d) {
    long id =
        jdbc.insert(
            "INSERT INTO adapt_decisions (at, model, variant, version, tactic, rule_name, reason,"
                + " inputs, deadline, job_id, kwh, kg_co2e, metric_before, metric_after, outcome)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            d.at(),
            d.model(),
            d.variant(),
            d.version(),
            d.tactic(),
            d.rule(),
            clip(d.reason()),
            clip(d.inputs()),
            d.deadline(),
            d.jobId(),
            d.kwh(),
            d.kgCo2e(),
            d.metricBefore(),
            d.metricAfter(),
            d.outcome());
    return d.withId(id);
  }

  /** Records the cost and outcome of a decision once its job is done. */
  public void outcome(long id, Double kwh, Double kg, Double before, Double after, String result) {
    jdbc.update(
        "UPDATE adapt_decisions SET kwh = ?, kg_co2e = ?, metric_before = ?, metric_after = ?,"
            + " outcome = ? WHERE id = ?",
        kwh,
        kg,
        before,
        after,
        result,
        id);
  }

  /** Decisions about {@code model}, or about every model when it is null, oldest first. */
  public List<AdaptDecision> list(String model) {
    return model == null
        ? jdbc.query("SELECT * FROM adapt_decisions ORDER BY id", AdaptDecisionRepository::map)
        : jdbc.query(
            "SELECT * FROM adapt_decisions WHERE model = ? ORDER BY id",
            AdaptDecisionRepository::map,
            model);
  }

  /** Decisions still waiting for their job's outcome. */
  public List<AdaptDecision> pending() {
    return jdbc.query(
        "SELECT * FROM adapt_decisions WHERE outcome = ? ORDER BY id",
        AdaptDecisionRepository::map,
        AdaptDecision.PENDING);
  }

  public Optional<AdaptDecision> last(String model, String tactic) {
    return jdbc.queryOne(
        "SELECT * FROM adapt_decisions WHERE model = ? AND tactic = ? AND outcome <> ?"
            + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
        AdaptDecisionRepository::map,
        model,
        tactic,
        AdaptDecision.PENDING);
  }

  private static AdaptDecision map(ResultSet rs) throws SQLException {
    int v = rs.getInt("version");
    Integer version = rs.wasNull() ? null : v;
    return new AdaptDecision(
        rs.getLong("id"),
        Jdbc.instant(rs, "at"),
        rs.getString("model"),
        rs.getString("variant"),
        version,
        rs.getString("tactic"),
        rs.getString("rule_name"),
        rs.getString("reason"),
        rs.getString("inputs"),
        Jdbc.instant(rs, "deadline"),
        rs.getString("job_id"),
        Jdbc.nullableDouble(rs, "kwh"),
        Jdbc.nullableDouble(rs, "kg_co2e"),
        Jdbc.nullableDouble(rs, "metric_before"),
        Jdbc.nullableDouble(rs, "metric_after"),
        rs.getString("outcome"));
  }

  private static String clip(String s) {
    return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
  }
}
