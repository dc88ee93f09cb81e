package dev.carbonshift.store;

import dev.carbonshift.job.JobKind;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.JobState;
import dev.carbonshift.job.ParsedJob;
import dev.carbonshift.job.Strategy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Jobs and their state changes. Every change is checked against {@link JobState}'s transitions,
 * applied only if nobody changed the job in between, and recorded as a decision with its reason.
 */
public final class JobRepository {
  private static final String COLUMNS =
      "id, name, team, kind, strategy, model, state, state_reason, descriptor, descriptor_format,"
          + " source_file, submitted_at, updated_at, earliest_start, deadline, home_region,"
          + " interruptible, priority, schedule, row_version, parent_id";

  private final Jdbc jdbc;
  private final Clock clock;

  public JobRepository(Database db, Clock clock) {
    this.jdbc = db.jdbc();
    this.clock = clock;
  }

  /**
   * Stores a validated job, with the descriptor text exactly as submitted: QUEUED, or RECURRING
   * when it has a {@code schedule} (its cron then submits the jobs that run).
   */
  public StoredJob insert(String id, ParsedJob parsed) {
    return insert(id, parsed, null);
  }

  /**
   * Stores one occurrence of the recurring job {@code parentId} as QUEUED, its relative times
   * resolved now; the occurrence has no schedule of its own.
   */
  public StoredJob insertOccurrence(String id, ParsedJob parsed, String parentId) {
    return insert(id, parsed, java.util.Objects.requireNonNull(parentId, "parentId"), false);
  }

  /** Stores a job to run once, now, as QUEUED, whatever its {@code schedule} (the train verb). */
  public StoredJob insertOnce(String id, ParsedJob parsed) {
    return insert(id, parsed, null, true);
  }

  private StoredJob insert(String id, ParsedJob parsed, String parentId) {
    return insert(id, parsed, parentId, false);
  }

  private StoredJob insert(String id, ParsedJob parsed, String parentId, boolean once) {
    Instant now = clock.instant();
    JobSpec s = parsed.spec();
    boolean recurring = parentId == null && !once && s.schedule() != null;
    JobState state = recurring ? JobState.RECURRING : JobState.QUEUED;
    String how =
        parentId != null
            ? "submitted by the schedule of " + parentId
            : recurring ? "recurring on " + s.schedule() : once ? "to run now" : "submitted";
    Instant earliest = s.earliestStartFor(now);
    Instant deadline = s.deadlineFor(now);
    String file = parsed.file() == null ? null : parsed.file().toString();
    return jdbc.inTransaction(
        c -> {
          Jdbc.update(
              c,
              "INSERT INTO jobs ("
                  + COLUMNS
                  + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?)",
              id,
              s.name(),
              s.team(),
              s.kind(),
              s.strategy(),
              s.model(),
              state,
              how,
              parsed.text(),
              parsed.format(),
              file,
              now,
              now,
              earliest,
              deadline,
              s.home(),
              s.interruptible(),
              s.priority(),
              recurring ? s.schedule() : null,
              parentId);
          DecisionRepository.insert(
              c, now, id, "state", state.name(), how + (file == null ? "" : " from " + file));
          // read back on the same connection: one connection per submission, not two
          return Jdbc.query(
                  c, "SELECT " + COLUMNS + " FROM jobs WHERE id = ?", JobRepository::map, id)
              .get(0);
        });
  }

  public Optional<StoredJob> find(String id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM jobs WHERE id = ?", JobRepository::map, id);
  }

  /** All jobs, oldest first. */
  public List<StoredJob> all() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM jobs ORDER BY submitted_at, id", JobRepository::map);
  }

  public List<StoredJob> inState(JobState... states) {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < states.length; i++) {
      in.append(i == 0 ? "?" : ",?");
    }
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM jobs WHERE state IN (" + in + ") ORDER BY submitted_at, id",
        JobRepository::map,
        (Object[]) states);
  }

  /**
   * Moves a job to {@code to}.
   *
   * @throws dev.carbonshift.job.IllegalStateTransitionException if the state machine forbids it
   * @throws StoreException if the job does not exist or changed concurrently
   */
  public StoredJob transition(String id, JobState to, String reason) {
    return jdbc.inTransaction(c -> transition(c, id, to, reason));
  }

  /** The same, inside a caller's transaction. */
  public StoredJob transition(Connection c, String id, JobState to, String reason)
      throws SQLException {
    StoredJob job =
        Jdbc.query(c, "SELECT " + COLUMNS + " FROM jobs WHERE id = ?", JobRepository::map, id)
            .stream()
            .findFirst()
            .orElseThrow(() -> new StoreException("no job " + id));
    job.state().check(to);
    Instant now = clock.instant();
    int n =
        Jdbc.update(
            c,
            "UPDATE jobs SET state = ?, state_reason = ?, updated_at = ?, row_version = row_version + 1"
                + " WHERE id = ? AND row_version = ?",
            to,
            reason,
            now,
            id,
            job.rowVersion());
    if (n != 1) {
      throw new StoreException("job " + id + " changed while moving it to " + to + "; try again");
    }
    DecisionRepository.insert(c, now, id, "state", job.state() + " -> " + to, reason);
    return Jdbc.query(c, "SELECT " + COLUMNS + " FROM jobs WHERE id = ?", JobRepository::map, id)
        .get(0);
  }

  static StoredJob map(ResultSet rs) throws SQLException {
    return new StoredJob(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("team"),
        JobKind.valueOf(rs.getString("kind")),
        Strategy.valueOf(rs.getString("strategy")),
        rs.getString("model"),
        JobState.valueOf(rs.getString("state")),
        rs.getString("state_reason"),
        rs.getString("descriptor"),
        rs.getString("descriptor_format"),
        rs.getString("source_file"),
        Jdbc.instant(rs, "submitted_at"),
        Jdbc.instant(rs, "updated_at"),
        Jdbc.instant(rs, "earliest_start"),
        Jdbc.instant(rs, "deadline"),
        rs.getString("home_region"),
        rs.getBoolean("interruptible"),
        rs.getInt("priority"),
        rs.getString("schedule"),
        rs.getLong("row_version"),
        rs.getString("parent_id"));
  }
}
