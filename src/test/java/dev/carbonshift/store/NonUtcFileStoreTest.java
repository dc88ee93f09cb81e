package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file store under a JVM in Newfoundland time (UTC-3:30, with daylight saving), so an instant
 * converted through local time anywhere would come back shifted or ambiguous.
 */
class NonUtcFileStoreTest extends FileStoreTest {
  private static TimeZone saved;

  @BeforeAll
  static void useNewfoundlandTime() {
    saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
  }

  @AfterAll
  static void restoreTimeZone() {
    TimeZone.setDefault(saved);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // the hour that does not exist locally when the clocks go forward
        "2026-03-08T05:45:00.321Z",
        // the hour that happens twice locally when they go back
        "2026-11-01T04:00:00.123Z",
        "2026-11-01T03:45:00.999Z"
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
