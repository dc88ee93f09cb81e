package dev.carbonshift.daemon.api;

import dev.carbonshift.job.JobState;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.Jdbc;
import dev.carbonshift.store.RunState;
import java.util.EnumMap;
import java.util.Map;

/**
 * Two aggregate queries for the metrics. They belong in JobRepository ({@code countByState}) and
 * RunRepository ({@code totalsByState}); kept here until those grow them.
 */
final class StoreCounts {
  private final Jdbc jdbc;

  StoreCounts(Database db) {
    this.jdbc = db.jdbc();
  }

  record Snapshot(
      Map<JobState, Long> jobsByState,
      Map<RunState, Long> runsByState,
      double facilityKwh,
      double kgCo2e,
      double avoidedKgCo2e) {
    static final Snapshot EMPTY =
        new Snapshot(new EnumMap<>(JobState.class), new EnumMap<>(RunState.class), 0, 0, 0);

    double jobs(JobState s) {
      return jobsByState.getOrDefault(s, 0L);
    }

    double runs(RunState s) {
      return runsByState.getOrDefault(s, 0L);
    }
  }

  Snapshot read() {
    Map<JobState, Long> jobs = new EnumMap<>(JobState.class);
    jdbc.query(
        "SELECT state, COUNT(*) FROM jobs GROUP BY state",
        rs -> jobs.put(JobState.valueOf(rs.getString(1)), rs.getLong(2)));
    Map<RunState, Long> runs = new EnumMap<>(RunState.class);
    double[] sums = new double[3];
    jdbc.query(
        "SELECT state, COUNT(*), COALESCE(SUM(COALESCE(facility_kwh, it_kwh)), 0),"
            + " COALESCE(SUM(kg_co2e), 0), COALESCE(SUM(avoided_kg_co2e), 0)"
            + " FROM runs GROUP BY state",
        rs -> {
          RunState s = RunState.valueOf(rs.getString(1));
          runs.put(s, rs.getLong(2));
          if (s.isFinal()) {
            sums[0] += rs.getDouble(3);
            sums[1] += rs.getDouble(4);
            sums[2] += rs.getDouble(5);
          }
          return s;
        });
    return new Snapshot(jobs, runs, sums[0], sums[1], sums[2]);
  }
}
