package dev.carbonshift.daemon;

import dev.carbonshift.store.Database;
import dev.carbonshift.store.Jdbc;
import dev.carbonshift.store.RunState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the store says after the chaos: lost jobs, runs recorded twice, model versions per job,
 * interrupted runs and how they resumed, epochs trained again.
 *
 * @param jobsLost jobs that did not end SUCCEEDED
 * @param runsTwice pairs of runs of one job that both succeeded, or that ran at once (seen RUNNING
 *     together by the bench, or overlapping on their owner's clock)
 * @param jobsWithoutOneVersion jobs with no model version, or more than one
 * @param resumedFromCheckpoint interrupted runs whose job's final run says it resumed from a
 *     checkpoint
 * @param interruptedBeforeAnyCheckpoint interrupted runs killed before their job had trained an
 *     epoch: nothing to resume from, so their job's last run may rightly start afresh
 * @param epochsRepeated whole epochs trained again: where the store said the job stood at a kill
 *     minus where the next run started (the partial epoch in progress at a kill is not counted)
 * @param resumesPastStored resumes that started one epoch past the stored count: the kill fell
 *     between the checkpoint's write and the store's update, so nothing was trained again
 */
public record ChaosFigures(
    int jobsSubmitted,
    int jobsLost,
    int runsTwice,
    int jobsWithoutOneVersion,
    int interruptedRuns,
    int resumedFromCheckpoint,
    int interruptedBeforeAnyCheckpoint,
    int epochsRepeated,
    int resumesPastStored) {

  static final String RESUMED = "resumed from a checkpoint";

  /** A run as this reading needs it; instants are on the clock of the process that wrote them. */
  private record Row(
      long id,
      String jobId,
      RunState state,
      String owner,
      Instant started,
      Instant ended,
      Integer epochsDone,
      Integer firstEpoch,
      String endReason) {}

  /**
   * @param seenTogether pairs of run ids of one job that the bench saw RUNNING at the same moment
   */
  static ChaosFigures read(Database db, List<String> jobIds, Set<String> seenTogether) {
    Jdbc jdbc = db.jdbc();
    Map<String, List<Row>> byJob = new LinkedHashMap<>();
    jobIds.forEach(id -> byJob.put(id, new ArrayList<>()));
    for (Row r :
        jdbc.query(
            "SELECT id, job_id, state, owner, started_at, ended_at, epochs_done, first_epoch,"
                + " end_reason FROM runs ORDER BY id",
            rs ->
                new Row(
                    rs.getLong("id"),
                    rs.getString("job_id"),
                    RunState.valueOf(rs.getString("state")),
                    rs.getString("owner"),
                    Jdbc.instant(rs, "started_at"),
                    Jdbc.instant(rs, "ended_at"),
                    (Integer) rs.getObject("epochs_done"),
                    (Integer) rs.getObject("first_epoch"),
                    rs.getString("end_reason")))) {
      List<Row> rows = byJob.get(r.jobId());
      if (rows != null) {
        rows.add(r);
      }
    }
    int lost = 0;
    int noOneVersion = 0;
    int interrupted = 0;
    int resumed = 0;
    int beforeCheckpoint = 0;
    int repeated = 0;
    int pastStored = 0;
    Set<String> twice = new TreeSet<>(seenTogether);
    for (Map.Entry<String, List<Row>> e : byJob.entrySet()) {
      String jobId = e.getKey();
      List<Row> rows = e.getValue();
      String state =
          jdbc.queryOne("SELECT state FROM jobs WHERE id = ?", rs -> rs.getString(1), jobId)
              .orElse("MISSING");
      if (!"SUCCEEDED".equals(state)) {
        lost++;
      }
      long versions =
          jdbc.queryOne(
                  "SELECT COUNT(*) FROM model_versions WHERE job_id = ?",
                  rs -> rs.getLong(1),
                  jobId)
              .orElse(0L);
      if (versions != 1) {
        noOneVersion++;
      }
      Row last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
      boolean lastResumed =
          last != null
              && last.state() == RunState.SUCCEEDED
              && last.endReason() != null
              && last.endReason().startsWith(RESUMED);
      int stood = 0; // where the store says the job's checkpoint stands, before each run
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        if (r.firstEpoch() != null) {
          repeated += Math.max(0, stood - (r.firstEpoch() - 1));
          pastStored += r.firstEpoch() - 1 > stood ? 1 : 0;
        }
        if (r.epochsDone() != null) {
          stood = r.epochsDone(); // not the max: a job that restarted afresh stands where it is now
        }
        if (r.state() == RunState.INTERRUPTED) {
          interrupted++;
          resumed += lastResumed ? 1 : 0;
          beforeCheckpoint += stood == 0 ? 1 : 0;
        }
        for (int j = i + 1; j < rows.size(); j++) {
          Row o = rows.get(j);
          if (r.state() == RunState.SUCCEEDED && o.state() == RunState.SUCCEEDED) {
            twice.add(r.id() + "+" + o.id());
          }
          if (r.owner() != null && r.owner().equals(o.owner()) && overlap(r, o)) {
            twice.add(r.id() + "+" + o.id());
          }
        }
      }
    }
    return new ChaosFigures(
        jobIds.size(),
        lost,
        twice.size(),
        noOneVersion,
        interrupted,
        resumed,
        beforeCheckpoint,
        repeated,
        pastStored);
  }

  /**
   * Whether two runs of one owner overlap: only then do their start instants share a clock (every
   * daemon start under {@code --speed} begins its scaled clock again at the wall time).
   */
  private static boolean overlap(Row a, Row b) {
    Instant aEnd = a.ended() == null ? Instant.MAX : a.ended();
    Instant bEnd = b.ended() == null ? Instant.MAX : b.ended();
    return a.started().isBefore(bEnd) && b.started().isBefore(aEnd);
  }
}
