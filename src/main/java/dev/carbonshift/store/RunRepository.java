package dev.carbonshift.store;

import dev.carbonshift.account.Emissions;
import dev.carbonshift.account.RunAccount;
import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ComponentEnergy;
import dev.carbonshift.energy.EnergySample;
import dev.carbonshift.energy.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs of jobs: started, heartbeating, then finished with their energy accounting (IT energy per
 * component and method, PUE, facility energy, intensity seen, kgCO2e, baseline, avoided) and their
 * samples, thinned for charts.
 */
public final class RunRepository {
  /** Samples kept per sensor series; cumulative, so thinning loses no energy. */
  public static final int SAMPLES_PER_SERIES = 500;

  private final Jdbc jdbc;

  public RunRepository(Database db) {
    this.jdbc = db.jdbc();
  }

  public long start(String jobId, String region, Instant startedAt) {
    return start(jobId, region, startedAt, null, 0);
  }

  /**
   * Starts a run owned by {@code owner} (the process that will heartbeat it), as slice {@code
   * sliceIndex} of its job's placement.
   */
  public long start(String jobId, String region, Instant startedAt, String owner, int sliceIndex) {
    return jdbc.insert(
        "INSERT INTO runs (job_id, region, state, started_at, heartbeat_at, owner, slice_index)"
            + " VALUES (?,?,?,?,?,?,?)",
        jobId,
        region,
        RunState.RUNNING,
        startedAt,
        startedAt,
        owner,
        sliceIndex);
  }

  /** Heartbeats every listed run that is still running; returns how many were. */
  public int heartbeat(List<Long> runIds, Instant at) {
    int n = 0;
    for (long id : runIds) {
      n +=
          jdbc.update(
              "UPDATE runs SET heartbeat_at = ? WHERE id = ? AND state = ?",
              at,
              id,
              RunState.RUNNING);
    }
    return n;
  }

  /** Runs still marked RUNNING whose last heartbeat is before {@code before}. */
  public List<RunRecord> silentSince(Instant before) {
    return jdbc.query(
        "SELECT * FROM runs WHERE state = ? AND heartbeat_at < ? ORDER BY id",
        RunRepository::map,
        RunState.RUNNING,
        before);
  }

  /** Records why a run ended, e.g. the slice end it stopped at. */
  public void endReason(long runId, String reason) {
    jdbc.update("UPDATE runs SET end_reason = ? WHERE id = ?", clip(reason, 2000), runId);
  }

  /** Where the run's last checkpoint stands, in epochs over the whole job. */
  public void epochsDone(long runId, int epochs) {
    jdbc.update("UPDATE runs SET epochs_done = ? WHERE id = ?", epochs, runId);
  }

  /** The first epoch this run completed (over the whole job), recorded once. */
  public void firstEpoch(long runId, int epoch) {
    jdbc.update(
        "UPDATE runs SET first_epoch = ? WHERE id = ? AND first_epoch IS NULL", epoch, runId);
  }

  public void heartbeat(long runId, Instant at) {
    expectOne(
        jdbc.update(
            "UPDATE runs SET heartbeat_at = ? WHERE id = ? AND state = ?",
            at,
            runId,
            RunState.RUNNING),
        "no running run " + runId);
  }

  public void checkpoint(long runId, String path) {
    expectOne(
        jdbc.update("UPDATE runs SET checkpoint_path = ? WHERE id = ?", path, runId),
        "no run " + runId);
  }

  public void recordModel(long runId, long modelVersionId, String metricName, double metricValue) {
    expectOne(
        jdbc.update(
            "UPDATE runs SET model_version_id = ?, metric_name = ?, metric_value = ? WHERE id = ?",
            modelVersionId,
            metricName,
            metricValue,
            runId),
        "no run " + runId);
  }

  /** Ends a run that has no energy figure (e.g. it failed before its meter started). */
  public void finish(long runId, RunState state, Instant endedAt) {
    jdbc.inTransaction(c -> close(c, runId, state, endedAt));
  }

  /** Ends a run with its accounting and samples, in one transaction. */
  public void finish(long runId, RunState state, RunAccount a, List<EnergySample> samples) {
    jdbc.inTransaction(
        c -> {
          close(c, runId, state, a.end());
          Optional<Emissions> e = a.emissions();
          Optional<Emissions> b = a.baseline();
          Jdbc.update(
              c,
              "UPDATE runs SET it_kwh = ?, pue = ?, facility_kwh = ?, intensity_g_per_kwh = ?,"
                  + " intensity_kind = ?, intensity_actual_share = ?, intensity_source = ?,"
                  + " kg_co2e = ?, baseline_region = ?, baseline_pue = ?, baseline_g_per_kwh = ?,"
                  + " baseline_intensity_kind = ?, baseline_kg_co2e = ?, avoided_kg_co2e = ?,"
                  + " energy_method = ?, sampling_interval_ms = ?, details = ? WHERE id = ?",
              a.itKwh(),
              e.map(Emissions::pue).orElse(null),
              e.map(Emissions::facilityKwh).orElse(null),
              e.map(x -> x.intensity().gramsPerKwh()).orElse(null),
              e.map(x -> x.intensity().basis().name()).orElse(null),
              e.map(x -> x.intensity().actualShare()).orElse(null),
              e.map(x -> clip(x.intensity().source(), 400)).orElse(null),
              e.map(Emissions::kgCo2e).orElse(null),
              b.map(Emissions::region).orElse(null),
              b.map(Emissions::pue).orElse(null),
              b.map(x -> x.intensity().gramsPerKwh()).orElse(null),
              b.map(x -> x.intensity().basis().name()).orElse(null),
              b.map(Emissions::kgCo2e).orElse(null),
              a.avoidedKgCo2e().isPresent() ? a.avoidedKgCo2e().getAsDouble() : null,
              clip(a.methodSummary(), 200),
              a.samplingInterval().toMillis(),
              String.join("\n", a.notes()),
              runId);
          for (ComponentEnergy l : a.lines()) {
            Jdbc.update(
                c,
                "INSERT INTO run_energy (run_id, component, method, it_kwh, detail) VALUES (?,?,?,?,?)",
                runId,
                l.component(),
                l.method(),
                l.kwh(),
                clip(l.detail(), 8000));
          }
          insertSamples(c, runId, thin(samples, SAMPLES_PER_SERIES));
          return null;
        });
  }

  /** One batch: a long run keeps a few thousand points. */
  private static void insertSamples(Connection c, long runId, List<EnergySample> samples)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO run_samples (run_id, series, at, component, method, joules, watts)"
                + " VALUES (?,?,?,?,?,?,?)")) {
      for (EnergySample s : samples) {
        ps.setLong(1, runId);
        ps.setString(2, clip(s.series(), 64));
        ps.setObject(3, s.at().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setString(4, s.component().name());
        ps.setString(5, s.method().name());
        ps.setDouble(6, s.joules());
        if (Double.isFinite(s.watts())) {
          ps.setDouble(7, s.watts());
        } else {
          ps.setNull(7, Types.DOUBLE);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static Void close(Connection c, long runId, RunState state, Instant endedAt)
      throws SQLException {
    if (!state.isFinal()) {
      throw new IllegalArgumentException("a run ends in a final state, not " + state);
    }
    int n =
        Jdbc.update(
            c,
            "UPDATE runs SET state = ?, ended_at = ? WHERE id = ? AND state = ?",
            state,
            endedAt,
            runId,
            RunState.RUNNING);
    if (n != 1) {
      String now =
          Jdbc.query(c, "SELECT state FROM runs WHERE id = ?", rs -> rs.getString(1), runId)
              .stream()
              .findFirst()
              .orElse(null);
      throw new StoreException(
          now == null
              ? "no run " + runId
              : "run " + runId + " is already " + now + ", not RUNNING");
    }
    return null;
  }

  public Optional<RunRecord> find(long runId) {
    return jdbc.queryOne("SELECT * FROM runs WHERE id = ?", rs -> map(rs), runId)
        .map(this::withEnergy);
  }

  public List<RunRecord> forJob(String jobId) {
    return jdbc
        .query("SELECT * FROM runs WHERE job_id = ? ORDER BY id", RunRepository::map, jobId)
        .stream()
        .map(this::withEnergy)
        .toList();
  }

  public List<RunRecord> running() {
    return jdbc.query(
        "SELECT * FROM runs WHERE state = ? ORDER BY id", RunRepository::map, RunState.RUNNING);
  }

  /** The stored samples of a run, by series then time. */
  public List<EnergySample> samples(long runId) {
    return jdbc.query(
        "SELECT * FROM run_samples WHERE run_id = ? ORDER BY series, at",
        rs -> {
          Double w = Jdbc.nullableDouble(rs, "watts");
          return new EnergySample(
              Jdbc.instant(rs, "at"),
              rs.getString("series"),
              Component.valueOf(rs.getString("component")),
              Method.valueOf(rs.getString("method")),
              rs.getDouble("joules"),
              w == null ? Double.NaN : w);
        },
        runId);
  }

  /**
   * At most {@code perSeries} points per series, evenly picked, first and last kept; each kept
   * point's watts becomes the mean power since the previous kept point.
   */
  static List<EnergySample> thin(List<EnergySample> samples, int perSeries) {
    Map<String, List<EnergySample>> bySeries = new LinkedHashMap<>();
    samples.forEach(s -> bySeries.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(s));
    List<EnergySample> out = new ArrayList<>();
    for (List<EnergySample> series : bySeries.values()) {
      int n = series.size();
      int step = (int) Math.ceil((double) n / perSeries);
      EnergySample prev = null;
      for (int i = 0; i < n; i++) {
        if (i % step != 0 && i != n - 1) {
          continue;
        }
        EnergySample s = series.get(i);
        if (prev != null && step > 1) {
          double secs = Duration.between(prev.at(), s.at()).toNanos() / 1e9;
          double w = secs > 0 ? (s.joules() - prev.joules()) / secs : s.watts();
          s = new EnergySample(s.at(), s.series(), s.component(), s.method(), s.joules(), w);
        }
        if (prev == null || s.at().isAfter(prev.at())) {
          out.add(s);
          prev = s;
        }
      }
    }
    return out;
  }

  private RunRecord withEnergy(RunRecord r) {
    if (r.accounting() == null) {
      return r;
    }
    List<ComponentEnergy> lines =
        jdbc.query("SELECT * FROM run_energy WHERE run_id = ?", RunRepository::energyLine, r.id());
    List<ComponentEnergy> ordered =
        lines.stream()
            .sorted(
                java.util.Comparator.comparing(ComponentEnergy::component)
                    .thenComparing(ComponentEnergy::method))
            .toList();
    RunRecord.Accounting a = r.accounting();
    return new RunRecord(
        r.id(),
        r.jobId(),
        r.region(),
        r.state(),
        r.startedAt(),
        r.endedAt(),
        r.heartbeatAt(),
        r.checkpointPath(),
        r.modelVersionId(),
        r.metricName(),
        r.metricValue(),
        new RunRecord.Accounting(
            ordered,
            a.itKwh(),
            a.pue(),
            a.facilityKwh(),
            a.intensityGramsPerKwh(),
            a.intensityKind(),
            a.intensityActualShare(),
            a.intensitySource(),
            a.kgCo2e(),
            a.baselineRegion(),
            a.baselinePue(),
            a.baselineGramsPerKwh(),
            a.baselineIntensityKind(),
            a.baselineKgCo2e(),
            a.avoidedKgCo2e(),
            a.energyMethod(),
            a.samplingInterval(),
            a.notes()),
        r.owner(),
        r.sliceIndex(),
        r.endReason());
  }

  /**
   * One row of {@code run_energy} (columns component, method, it_kwh, detail): the one mapping of
   * that table, also used by the reports' bulk reads.
   */
  public static ComponentEnergy energyLine(ResultSet rs) throws SQLException {
    return ComponentEnergy.ofKwh(
        Component.valueOf(rs.getString("component")),
        Method.valueOf(rs.getString("method")),
        rs.getDouble("it_kwh"),
        rs.getString("detail"));
  }

  /**
   * A run row's accounting, or null while the run has none: the one reading of the accounting
   * columns, for the repository and the reports alike.
   */
  public static RunRecord.Accounting accounting(ResultSet rs) throws SQLException {
    Double itKwh = Jdbc.nullableDouble(rs, "it_kwh");
    long ms = rs.getLong("sampling_interval_ms");
    Duration interval = rs.wasNull() ? null : Duration.ofMillis(ms);
    return itKwh == null
        ? null
        : new RunRecord.Accounting(
            List.of(),
            itKwh,
            Jdbc.nullableDouble(rs, "pue"),
            Jdbc.nullableDouble(rs, "facility_kwh"),
            Jdbc.nullableDouble(rs, "intensity_g_per_kwh"),
            rs.getString("intensity_kind"),
            Jdbc.nullableDouble(rs, "intensity_actual_share"),
            rs.getString("intensity_source"),
            Jdbc.nullableDouble(rs, "kg_co2e"),
            rs.getString("baseline_region"),
            Jdbc.nullableDouble(rs, "baseline_pue"),
            Jdbc.nullableDouble(rs, "baseline_g_per_kwh"),
            rs.getString("baseline_intensity_kind"),
            Jdbc.nullableDouble(rs, "baseline_kg_co2e"),
            Jdbc.nullableDouble(rs, "avoided_kg_co2e"),
            rs.getString("energy_method"),
            interval,
            rs.getString("details"));
  }

  private static RunRecord map(ResultSet rs) throws SQLException {
    long mv = rs.getLong("model_version_id");
    Long modelVersion = rs.wasNull() ? null : mv;
    RunRecord.Accounting accounting = accounting(rs);
    return new RunRecord(
        rs.getLong("id"),
        rs.getString("job_id"),
        rs.getString("region"),
        RunState.valueOf(rs.getString("state")),
        Jdbc.instant(rs, "started_at"),
        Jdbc.instant(rs, "ended_at"),
        Jdbc.instant(rs, "heartbeat_at"),
        rs.getString("checkpoint_path"),
        modelVersion,
        rs.getString("metric_name"),
        Jdbc.nullableDouble(rs, "metric_value"),
        accounting,
        rs.getString("owner"),
        rs.getInt("slice_index"),
        rs.getString("end_reason"));
  }

  private static void expectOne(int updated, String otherwise) {
    if (updated != 1) {
      throw new StoreException(otherwise);
    }
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
