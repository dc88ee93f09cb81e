package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCloseTest {
  static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void close_shuts_the_file_store_down_so_its_folder_can_be_deleted_and_keeps_the_rows()
      throws IOException {
    Path base = dir.resolve("out").resolve("carbonshift");
    Database db = Database.file(base, "pw");
    new DecisionRepository(db).record(T, null, "test", "kept", "written before close");

    db.close();

    assertThat(base.resolveSibling("carbonshift.lock.db")).as("lock released").doesNotExist();
    Database again = Database.file(base, "pw");
    assertThat(new DecisionRepository(again).between(T, T.plusSeconds(1))).hasSize(1);
    again.close();
    try (Stream<Path> all = Files.walk(dir.resolve("out"))) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void closing_an_in_memory_store_keeps_it() {
    Database db = Database.inMemory("close-" + System.nanoTime());

    new DecisionRepository(db).record(T, null, "test", "kept", "in memory");

    db.close();

    assertThat(new DecisionRepository(db).between(T, T.plusSeconds(1))).hasSize(1);
  }
}
