package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.carbonshift.job.IllegalStateTransitionException;
import dev.carbonshift.job.JobParser;
import dev.carbonshift.job.JobState;
import dev.carbonshift.job.ParsedJob;
import dev.carbonshift.plan.Reason;
import dev.carbonshift.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every backend of the knowledge store must do with jobs, their decisions and placements: the
 * same tests on each {@link StoreBackend} (H2 in memory, H2 in a file under two JVM time zones far
 * from UTC, PostgreSQL), one fresh, empty store per test.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class StoreContract {
  static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");

  /** Non-ASCII, tabs, trailing spaces, CRLF and no final newline: all must come back as written. */
  static final String DESCRIPTOR =
      "# Ziel: Prognose in gCO₂eq/kWh — grün, ≤ 100 g 🌱 \n"
          + "name: ci-forecaster-es\r\n"
          + "kind: train\t\n"
          + "team: grid-analytics   \n"
          + "deadline: 2026-03-02T06:00:00.789Z\n"
          + "earliestStart: 2026-03-01T12:00:00.456Z\n"
          + "regions: [es, no]\n"
          + "interruptible: true\n"
          + "priority: 3";

  @Parameter StoreBackend backend;
  @TempDir Path dir;

  protected TestClock clock;
  protected StoreBackend.Fresh store;
  protected Database db;
  protected JobRepository jobs;
  protected DecisionRepository decisions;
  protected PlacementRepository placements;

  @BeforeEach
  void openStore() {
    clock = new TestClock(T0);
    store = backend.fresh(dir);
    db = store.db();
    jobs = new JobRepository(db, clock);
    decisions = new DecisionRepository(db);
    placements = new PlacementRepository(db);
  }

  @AfterEach
  void closeStore() {
    if (store != null) { // null when the test was skipped for want of a server
      store.close();
    }
  }

  protected ParsedJob parsed(String text) {
    return new JobParser(Set.of("es", "no", "gb"), clock, cron -> null)
        .parse("job.yaml", text, Path.of("jobs", "job.yaml"));
  }

  protected ParsedJob parsed() {
    return parsed(DESCRIPTOR);
  }

  @Test
  void a_job_comes_back_as_stored_with_instants_exact_to_the_millisecond() {
    StoredJob inserted = jobs.insert("job-1", parsed());

    StoredJob found = jobs.find("job-1").orElseThrow();
    assertThat(found).isEqualTo(inserted);
    assertThat(found.submittedAt()).isEqualTo(T0);
    assertThat(found.updatedAt()).isEqualTo(T0);
    assertThat(found.earliestStart()).isEqualTo(Instant.parse("2026-03-01T12:00:00.456Z"));
    assertThat(found.deadline()).isEqualTo(Instant.parse("2026-03-02T06:00:00.789Z"));
    assertThat(found.state()).isEqualTo(JobState.QUEUED);
    assertThat(found.name()).isEqualTo("ci-forecaster-es");
    assertThat(found.team()).isEqualTo("grid-analytics");
    assertThat(found.homeRegion()).isEqualTo("es");
    assertThat(found.interruptible()).isTrue();
    assertThat(found.priority()).isEqualTo(3);
    assertThat(found.descriptorFormat()).isEqualTo("yaml");
    assertThat(found.sourceFile()).isEqualTo(Path.of("jobs", "job.yaml").toString());
    assertThat(found.rowVersion()).isZero();
  }

  @Test
  void a_relative_deadline_is_stored_resolved_against_the_submission_time() {
    jobs.insert("job-1", parsed("name: j\nkind: train\nregions: [gb]\ndeadline: 6h\n"));

    StoredJob found = jobs.find("job-1").orElseThrow();
    assertThat(found.earliestStart()).isEqualTo(T0);
    assertThat(found.deadline()).isEqualTo(T0.plus(Duration.ofHours(6)));
  }

  @Test
  void the_descriptor_text_is_kept_byte_for_byte() {
    jobs.insert("job-1", parsed());

    assertThat(jobs.find("job-1").orElseThrow().descriptor()).isEqualTo(DESCRIPTOR);
  }

  @Test
  void a_missing_job_is_empty() {
    assertThat(jobs.find("job-nope")).isEmpty();
    assertThat(jobs.all()).isEmpty();
  }

  @Test
  void all_lists_jobs_oldest_first_and_in_state_filters_by_state() {
    jobs.insert("job-b", parsed());
    clock.advance(Duration.ofMillis(1));
    jobs.insert("job-a", parsed());
    clock.advance(Duration.ofMinutes(1));
    jobs.insert("job-c", parsed());
    jobs.transition("job-c", JobState.PLANNED, "planned");

    assertThat(jobs.all()).extracting(StoredJob::id).containsExactly("job-b", "job-a", "job-c");
    assertThat(jobs.inState(JobState.QUEUED))
        .extracting(StoredJob::id)
        .containsExactly("job-b", "job-a");
    assertThat(jobs.inState(JobState.PLANNED, JobState.RUNNING))
        .extracting(StoredJob::id)
        .containsExactly("job-c");
    assertThat(jobs.inState(JobState.SUCCEEDED)).isEmpty();
  }

  @Test
  void transitions_update_the_job_and_record_each_decision_in_order() {
    jobs.insert("job-1", parsed());
    clock.advance(Duration.ofMinutes(1));
    jobs.transition("job-1", JobState.PLANNED, "greenest window in no");
    clock.advance(Duration.ofHours(2));
    jobs.transition("job-1", JobState.RUNNING, "window opened");
    clock.advance(Duration.ofMillis(3_600_007));
    StoredJob done = jobs.transition("job-1", JobState.SUCCEEDED, "mae 7.9 below 8.0");

    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.stateReason()).isEqualTo("mae 7.9 below 8.0");
    assertThat(done.rowVersion()).isEqualTo(3);
    assertThat(done.updatedAt()).isEqualTo(Instant.parse("2026-03-01T13:16:30.130Z"));
    assertThat(done.submittedAt()).isEqualTo(T0);
    assertThat(jobs.find("job-1")).contains(done);
    List<Decision> log = decisions.forJob("job-1");
    assertThat(log)
        .extracting(Decision::category, Decision::decision, Decision::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("state", "QUEUED", "submitted from jobs/job.yaml"),
            org.assertj.core.groups.Tuple.tuple(
                "state", "QUEUED -> PLANNED", "greenest window in no"),
            org.assertj.core.groups.Tuple.tuple("state", "PLANNED -> RUNNING", "window opened"),
            org.assertj.core.groups.Tuple.tuple(
                "state", "RUNNING -> SUCCEEDED", "mae 7.9 below 8.0"));
    assertThat(log)
        .extracting(Decision::at)
        .containsExactly(
            T0,
            Instant.parse("2026-03-01T10:16:30.123Z"),
            Instant.parse("2026-03-01T12:16:30.123Z"),
            Instant.parse("2026-03-01T13:16:30.130Z"));
  }

  @Test
  void a_refused_transition_leaves_the_row_and_the_log_unchanged() {
    jobs.insert("job-1", parsed());
    StoredJob before = jobs.find("job-1").orElseThrow();
    clock.advance(Duration.ofMinutes(5));

    assertThatThrownBy(() -> jobs.transition("job-1", JobState.SUCCEEDED, "too soon"))
        .isInstanceOf(IllegalStateTransitionException.class)
        .hasMessageContaining("QUEUED")
        .hasMessageContaining("SUCCEEDED");
    assertThat(jobs.find("job-1")).contains(before);
    assertThat(decisions.forJob("job-1")).hasSize(1);
  }

  @Test
  void moving_a_job_that_does_not_exist_is_a_store_error() {
    assertThatThrownBy(() -> jobs.transition("job-nope", JobState.CANCELLED, "x"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("job-nope");
  }

  @Test
  void a_change_made_behind_the_repository_s_back_is_detected_and_nothing_is_written() {
    jobs.insert("job-1", parsed());
    // The repository reads the clock after it has read the row and before it writes: bump the
    // row's version there, as another daemon would, to force the conflict deterministically.
    clock.onRead(
        () ->
            db.jdbc()
                .update("UPDATE jobs SET row_version = row_version + 1 WHERE id = ?", "job-1"));

    assertThatThrownBy(() -> jobs.transition("job-1", JobState.PLANNED, "planned"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("job-1 changed");
    StoredJob after = jobs.find("job-1").orElseThrow();
    assertThat(after.state()).isEqualTo(JobState.QUEUED);
    assertThat(after.rowVersion()).isEqualTo(1);
    assertThat(decisions.forJob("job-1")).extracting(Decision::decision).containsExactly("QUEUED");
  }

  private static PlacementRecord placement(String region, Instant plannedAt, Instant start) {
    return new PlacementRecord(
        0,
        "job-1",
        plannedAt,
        region,
        start,
        start.plus(Duration.ofHours(2)),
        region.equals("gb") ? "[{\"start\":\"" + start + "\"}]" : null,
        0.5,
        12.25,
        80.5,
        region.equals("gb")
            ? new Reason(
                Reason.Outcome.LOWEST_EMISSIONS,
                "lowest mean intensity in gb",
                new Reason.Taken("no", Instant.parse("2026-03-01T14:00:00Z")),
                "no forecast for GB: its yearly mean",
                List.of("default estimate", "deadline beyond the horizon"),
                "exact (capacity never bound)")
            : Reason.of(Reason.Outcome.NO_CAPACITY, "lowest mean intensity in " + region),
        region.equals("gb") ? "yearly average for gb" : null);
  }

  @Test
  void a_new_placement_replaces_the_current_one_and_history_keeps_both() {
    jobs.insert("job-1", parsed());
    PlacementRecord first = placement("no", T0, Instant.parse("2026-03-01T14:00:00.001Z"));
    PlacementRecord second =
        placement("gb", T0.plusSeconds(300), Instant.parse("2026-03-01T18:30:00.999Z"));

    long firstId = placements.save(first);
    assertThat(placements.current("job-1"))
        .hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(firstId));
    long secondId = placements.save(second);

    PlacementRecord current = placements.current("job-1").orElseThrow();
    assertThat(current).usingRecursiveComparison().ignoringFields("id").isEqualTo(second);
    assertThat(current.id()).isEqualTo(secondId);
    assertThat(placements.history("job-1"))
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("id")
        .containsExactly(first, second);
    assertThat(decisions.forJob("job-1"))
        .filteredOn(d -> d.category().equals("placement"))
        .extracting(Decision::decision, Decision::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "no at 2026-03-01T14:00:00.001Z", "lowest mean intensity in no"),
            org.assertj.core.groups.Tuple.tuple(
                "gb at 2026-03-01T18:30:00.999Z",
                "lowest mean intensity in gb; capacity: the cleanest option (no from"
                    + " 2026-03-01T14:00:00Z) was taken by others; no forecast for GB: its yearly"
                    + " mean; default estimate; deadline beyond the horizon [exact (capacity never"
                    + " bound)]; fallback: yearly average for gb"));
  }

  /** A placements row written in SQL, as an older or a newer version would have left it. */
  private void insertPlacementRow(String reason, String outcome, String reasonNotes) {
    jobs.insert("job-1", parsed());
    db.jdbc()
        .insert(
            "INSERT INTO placements (job_id, planned_at, region, start_at, end_at, slices,"
                + " expected_kwh, expected_g_co2e, baseline_g_co2e, reason, fallback, outcome,"
                + " reason_notes, is_current) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,TRUE)",
            "job-1",
            T0,
            "es",
            T0,
            T0.plusSeconds(3600),
            null,
            0.5,
            12.25,
            80.5,
            reason,
            null,
            outcome,
            reasonNotes);
  }

  @Test
  void a_placement_stored_before_reasons_had_parts_reads_back_with_its_whole_text() {
    // before V16 the whole text went into reason, and the columns V16 adds stay NULL
    String text = "lowest expected emissions among es, no; split into 2 slices [heuristic]";
    insertPlacementRow(text, null, null);

    Reason r = placements.current("job-1").orElseThrow().reason();

    assertThat(r.outcome()).isEqualTo(Reason.Outcome.RECORDED);
    assertThat(r.summary()).isEqualTo(text);
    assertThat(r.text()).isEqualTo(text);
    assertThat(r.method()).isNull();
    assertThat(r.intensityFallback()).isNull();
    assertThat(r.cleanestTaken()).isNull();
    assertThat(r.notes()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"outcome", "reason_notes"})
  void a_placement_whose_reason_parts_cannot_be_read_names_the_column(String column) {
    insertPlacementRow(
        "lowest expected emissions among es, no",
        column.equals("outcome") ? "CHOSEN_BY_A_NEWER_VERSION" : "LOWEST_EMISSIONS",
        column.equals("reason_notes") ? "{\"not\": \"a list\"}" : null);

    assertThatThrownBy(() -> placements.current("job-1"))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("placements." + column + ": ");
  }

  @Test
  void a_job_without_placements_has_no_current_one() {
    jobs.insert("job-1", parsed());

    assertThat(placements.current("job-1")).isEmpty();
    assertThat(placements.history("job-1")).isEmpty();
  }

  @Test
  void decisions_between_two_instants_include_the_start_and_exclude_the_end() {
    Instant t1 = Instant.parse("2026-03-01T00:00:00.001Z");
    Instant t2 = Instant.parse("2026-03-01T00:00:00.002Z");
    Instant t3 = Instant.parse("2026-03-01T00:00:00.003Z");
    decisions.record(t1, null, "tactic", "retrain", "drift in es");
    decisions.record(t3, null, "fallback", "yearly", "no forecast for fr");
    decisions.record(t2, null, "tactic", "skip", "no drift");

    assertThat(decisions.between(t1, t3))
        .extracting(Decision::at, Decision::decision)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(t1, "retrain"),
            org.assertj.core.groups.Tuple.tuple(t2, "skip"));
    assertThat(decisions.between(t3, t3.plusMillis(1)))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.jobId()).isNull();
              assertThat(d.category()).isEqualTo("fallback");
              assertThat(d.reason()).isEqualTo("no forecast for fr");
            });
    assertThat(decisions.between(t3.plusMillis(1), t3.plusSeconds(60))).isEmpty();
  }

  @Test
  void a_new_process_opening_the_same_store_sees_jobs_states_and_decisions() {
    assumeTrue(backend.persistent(), "an in-memory store has no second process");
    jobs.insert("job-1", parsed());
    clock.advance(Duration.ofMinutes(1));
    jobs.transition("job-1", JobState.CANCELLED, "cancelled by user");

    Database reopened = store.open();
    JobRepository again = new JobRepository(reopened, clock);

    StoredJob job = again.find("job-1").orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.CANCELLED);
    assertThat(job.submittedAt()).isEqualTo(T0);
    assertThat(job.descriptor()).isEqualTo(DESCRIPTOR);
    assertThat(again.all()).extracting(StoredJob::id).containsExactly("job-1");
    assertThat(new DecisionRepository(reopened).forJob("job-1"))
        .extracting(Decision::decision)
        .containsExactly("QUEUED", "QUEUED -> CANCELLED");
  }

  @Test
  void the_database_session_really_runs_in_the_backend_s_time_zone() {
    assumeTrue(backend.zone() != null, "this backend runs in the JVM's own zone");
    String local =
        db.jdbc()
            .queryOne(
                "SELECT CAST(TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' AS TIMESTAMP)",
                rs -> rs.getString(1))
            .orElseThrow();

    String expected =
        LocalDateTime.ofInstant(Instant.parse("2026-01-01T00:00:00Z"), backend.zone())
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    assertThat(local).startsWith(expected);
    assertThat(backend.zone().getRules().getOffset(T0)).isNotEqualTo(ZoneOffset.UTC);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // in Newfoundland time: its UTC wall-clock time, 02:15, does not exist locally (the
        // clocks jump 02:00 -> 03:00)
        "2026-03-08T02:15:00.321Z",
        // local 01:30 happens twice when the clocks go back; this is the first (NDT) one
        "2026-11-01T04:00:00.123Z",
        // and this the second (NST) one
        "2026-11-01T05:00:00.123Z",
        // its UTC wall-clock time, 01:30, is the local hour that happens twice
        "2026-11-01T01:30:00.999Z"
      })
  void instants_around_daylight_saving_changes_round_trip_exactly(String text) {
    Instant t = Instant.parse(text);
    clock.set(t);
    jobs.insert("job-1", parsed("name: j\nkind: train\nregions: [gb]\n"));

    StoredJob found = jobs.find("job-1").orElseThrow();
    assertThat(found.submittedAt()).isEqualTo(t);
    assertThat(found.earliestStart()).isEqualTo(t);
    assertThat(decisions.between(t, t.plusMillis(1))).hasSize(1);
  }
}
