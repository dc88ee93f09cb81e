package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file store under a JVM in Newfoundland time (UTC-3:30, with daylight saving), so an instant
 * converted through local time anywhere would come back shifted or ambiguous.
 */
class NonUtcFileStoreTest extends FileStoreTest {
  private static TimeZone saved;

  @BeforeAll
  static void useNewfoundlandTime() throws ReflectiveOperationException {
    saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
    resetH2ZoneCache();
  }

  @AfterAll
  static void restoreTimeZone() throws ReflectiveOperationException {
    TimeZone.setDefault(saved);
    resetH2ZoneCache();
  }

  /**
   * H2 caches the JVM's zone on first use, and an earlier test class in this JVM may already have
   * used it. Called by name: only the store's own code, through JDBC, may depend on H2.
   */
  private static void resetH2ZoneCache() throws ReflectiveOperationException {
    Class.forName("org.h2.util.DateTimeUtils").getMethod("resetCalendar").invoke(null);
  }

  @Test
  void the_database_session_really_runs_in_newfoundland_time() {
    String local =
        db.jdbc()
            .queryOne(
                "SELECT CAST(TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' AS TIMESTAMP)",
                rs -> rs.getString(1))
            .orElseThrow();

    assertThat(local).startsWith("2025-12-31 20:30:00");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // its UTC wall-clock time, 02:15, does not exist locally: the clocks jump 02:00 -> 03:00
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
