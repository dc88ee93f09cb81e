package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Opening a store never loses rows silently: a damaged file is refused and left as it was. */
class DamagedStoreTest {
  static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
  static final int ROWS = 16;

  @TempDir Path dir;

  Path base() {
    return dir.resolve("carbonshift");
  }

  Path file() {
    return dir.resolve("carbonshift.mv.db");
  }

  /** A real store written by Database, with rows in several commits, closed cleanly. */
  void writeStore() {
    Database db = Database.file(base());
    DecisionRepository decisions = new DecisionRepository(db);
    for (int i = 0; i < ROWS; i++) {
      decisions.record(T.plusSeconds(i), null, "test", "row " + i, "x".repeat(500));
    }
    db.close();
  }

  static Stream<Arguments> damage() {
    return Stream.of(
        Arguments.of("truncated to half", (LongUnaryOperator) size -> size / 2),
        Arguments.of(
            "truncated to half, block-aligned", (LongUnaryOperator) size -> size / 2 / 4096 * 4096),
        Arguments.of("truncated by one byte", (LongUnaryOperator) size -> size - 1),
        Arguments.of("truncated to 0 bytes", (LongUnaryOperator) size -> 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void damage(String why, LongUnaryOperator cut) throws IOException {
    writeStore();
    try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
      f.setLength(cut.applyAsLong(f.length()));
    }
    byte[] before = Files.readAllBytes(file());

    assertThatThrownBy(() -> Database.file(base()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("damaged")
        .hasMessageContaining("restore");
    assertThat(Files.readAllBytes(file())).as("the original is left untouched").isEqualTo(before);
  }

  @Test
  void a_store_with_garbage_inside_is_refused_as_damaged() throws IOException {
    writeStore();
    try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
      // keep both headers and the last chunk's footer; wreck everything between
      byte[] garbage = new byte[(int) f.length() - 2 * 4096 - 128];
      java.util.Arrays.fill(garbage, (byte) 'Z');
      f.seek(2 * 4096);
      f.write(garbage);
    }

    assertThatThrownBy(() -> Database.file(base()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("damaged")
        .hasMessageContaining("restore");
  }

  @Test
  void an_intact_store_reopens_with_every_row() {
    writeStore();

    Database db = Database.file(base());

    assertThat(new DecisionRepository(db).between(T, T.plusSeconds(ROWS))).hasSize(ROWS);
    db.close();
  }
}
