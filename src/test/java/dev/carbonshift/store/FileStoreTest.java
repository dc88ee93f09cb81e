package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.JobState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest extends StoreContract {
  @TempDir Path dir;

  protected Path base() {
    return dir.resolve("store").resolve("carbonshift");
  }

  @Override
  protected Database open() {
    return Database.file(base());
  }

  @Test
  void the_store_creates_its_folder_and_one_h2_file() {
    jobs.insert("job-1", parsed());

    assertThat(base().resolveSibling("carbonshift.mv.db")).isRegularFile();
  }

  @Test
  void a_new_process_opening_the_same_file_sees_jobs_states_and_decisions() {
    jobs.insert("job-1", parsed());
    clock.advance(Duration.ofMinutes(1));
    jobs.transition("job-1", JobState.CANCELLED, "cancelled by user");

    Database reopened = Database.file(base());
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
}
