package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.JobParser;
import dev.carbonshift.testing.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the file store does; the contract every backend keeps is {@link StoreContract}. */
class FileStoreTest {
  @TempDir Path dir;

  @Test
  void the_store_creates_its_folder_and_one_h2_file() {
    Path base = dir.resolve("store").resolve("carbonshift");
    TestClock clock = new TestClock(Instant.parse("2026-03-01T10:15:30.123Z"));
    try (Database db = Database.file(base)) {
      new JobRepository(db, clock)
          .insert(
              "job-1",
              new JobParser(Set.of("es"), clock, cron -> null)
                  .parse("job.yaml", "name: j\nkind: train\nregions: [es]\n", Path.of("job.yaml")));
    }

    assertThat(base.resolveSibling("carbonshift.mv.db")).isRegularFile();
    assertThat(base.getParent())
        .isDirectoryContaining(p -> p.getFileName().toString().endsWith(".mv.db"));
  }
}
