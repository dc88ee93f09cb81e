package dev.carbonshift.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.job.JobState;
import dev.carbonshift.plan.Reason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Placements of jobs. A job has at most one current placement; re-planning keeps the earlier ones
 * as history, so a report can show how a job moved and why.
 */
public final class PlacementRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> NOTES = new TypeReference<>() {};

  private final Jdbc jdbc;

  public PlacementRepository(Database db) {
    this.jdbc = db.jdbc();
  }

  /** Makes {@code p} the job's current placement and records the decision. */
  public long save(PlacementRecord p) {
    Reason why = p.reason();
    Reason.Taken taken = why.cleanestTaken();
    return jdbc.inTransaction(
        c -> {
          Jdbc.update(
              c,
              "UPDATE placements SET is_current = FALSE WHERE job_id = ? AND is_current",
              p.jobId());
          long id =
              Jdbc.insert(
                  c,
                  "INSERT INTO placements (job_id, planned_at, region, start_at, end_at, slices,"
                      + " expected_kwh, expected_g_co2e, baseline_g_co2e, reason, fallback,"
                      + " outcome, method, cleanest_taken_region, cleanest_taken_start,"
                      + " intensity_fallback, reason_notes, is_current)"
                      + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,TRUE)",
                  p.jobId(),
                  p.plannedAt(),
                  p.region(),
                  p.start(),
                  p.end(),
                  p.slicesJson(),
                  p.expectedKwh(),
                  p.expectedGCo2e(),
                  p.baselineGCo2e(),
                  why.summary(),
                  p.fallback(),
                  why.outcome(),
                  why.method(),
                  taken == null ? null : taken.regionId(),
                  taken == null ? null : taken.start(),
                  why.intensityFallback(),
                  notesJson(why.notes()));
          DecisionRepository.insert(
              c,
              p.plannedAt(),
              p.jobId(),
              "placement",
              p.region() + " at " + p.start(),
              why.text() + (p.fallback() == null ? "" : "; fallback: " + p.fallback()));
          return id;
        });
  }

  public Optional<PlacementRecord> current(String jobId) {
    return jdbc.queryOne(
        "SELECT * FROM placements WHERE job_id = ? AND is_current",
        PlacementRepository::map,
        jobId);
  }

  /**
   * The current placement of every job in one of {@code states}, by job id, in one query: a
   * planning round reads thousands of them.
   */
  public Map<String, PlacementRecord> currentOfJobsIn(JobState... states) {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < states.length; i++) {
      in.append(i == 0 ? "?" : ",?");
    }
    Map<String, PlacementRecord> out = new HashMap<>();
    for (PlacementRecord r :
        jdbc.query(
            "SELECT p.* FROM placements p JOIN jobs j ON j.id = p.job_id"
                + " WHERE p.is_current AND j.state IN ("
                + in
                + ")",
            PlacementRepository::map,
            (Object[]) states)) {
      out.put(r.jobId(), r);
    }
    return out;
  }

  /**
   * The current placement of every job in {@code state} whose (first) start is at or before {@code
   * by}, by job id.
   */
  public Map<String, PlacementRecord> currentStartingBy(JobState state, Instant by) {
    Map<String, PlacementRecord> out = new HashMap<>();
    for (PlacementRecord r :
        jdbc.query(
            "SELECT p.* FROM placements p JOIN jobs j ON j.id = p.job_id"
                + " WHERE p.is_current AND j.state = ? AND p.start_at <= ?",
            PlacementRepository::map,
            state,
            by)) {
      out.put(r.jobId(), r);
    }
    return out;
  }

  public List<PlacementRecord> history(String jobId) {
    return jdbc.query(
        "SELECT * FROM placements WHERE job_id = ? ORDER BY id", PlacementRepository::map, jobId);
  }

  private static PlacementRecord map(ResultSet rs) throws SQLException {
    return new PlacementRecord(
        rs.getLong("id"),
        rs.getString("job_id"),
        Jdbc.instant(rs, "planned_at"),
        rs.getString("region"),
        Jdbc.instant(rs, "start_at"),
        Jdbc.instant(rs, "end_at"),
        rs.getString("slices"),
        rs.getDouble("expected_kwh"),
        rs.getDouble("expected_g_co2e"),
        rs.getDouble("baseline_g_co2e"),
        reason(rs),
        rs.getString("fallback"));
  }

  /** The typed reason of a row; a row stored before V16 has its whole text in {@code reason}. */
  private static Reason reason(ResultSet rs) throws SQLException {
    String outcome = rs.getString("outcome");
    if (outcome == null) {
      return Reason.recorded(rs.getString("reason"));
    }
    String region = rs.getString("cleanest_taken_region");
    return new Reason(
        outcome(outcome),
        rs.getString("reason"),
        region == null ? null : new Reason.Taken(region, Jdbc.instant(rs, "cleanest_taken_start")),
        rs.getString("intensity_fallback"),
        notes(rs.getString("reason_notes")),
        rs.getString("method"));
  }

  private static Reason.Outcome outcome(String name) {
    try {
      return Reason.Outcome.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new StoreException(
          "placements.outcome: "
              + name
              + " is none of "
              + Arrays.toString(Reason.Outcome.values())
              + " (stored by a newer version?)",
          e);
    }
  }

  private static String notesJson(List<String> notes) {
    try {
      return notes.isEmpty() ? null : JSON.writeValueAsString(notes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("notes of a reason: " + e.getMessage(), e);
    }
  }

  private static List<String> notes(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readValue(json, NOTES);
    } catch (JsonProcessingException e) {
      throw new StoreException("placements.reason_notes: not a JSON array of strings: " + json, e);
    }
  }
}
