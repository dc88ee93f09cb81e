package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.config.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store path is a path: never URL syntax, whatever the user or the working folder holds. */
class StorePathTest {
  @TempDir Path dir;

  @Test
  void a_path_carrying_h2_settings_is_refused_and_runs_no_sql() throws IOException {
    Path hostile = dir.resolve("store;INIT=CREATE TABLE pwned(x INT)");

    assertThatThrownBy(() -> Database.file(hostile))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("--db");
              assertThat(e.problem()).contains("';'");
            });
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("nothing opened, nothing created").isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"my store", "grün (1)", "a,b=c", "x:y"})
  void a_legitimate_path_with_odd_characters_opens_there(String folder) {
    Path base = dir.resolve(folder).resolve("carbonshift");

    Database db = Database.file(base);
    try (var c = db.connect()) {
      assertThat(c.isValid(1)).isTrue();
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    } finally {
      db.close();
    }

    assertThat(base.resolveSibling("carbonshift.mv.db")).isRegularFile();
  }

  @Test
  void a_working_folder_with_a_semicolon_is_reached_by_a_relative_url() {
    Path cwd = Path.of("/tmp/odd;folder");

    assertThat(Database.urlPath(cwd.resolve(".carbonshift/carbonshift"), cwd))
        .isEqualTo("./.carbonshift/carbonshift");
    assertThat(Database.urlPath(Path.of("/srv/store/carbonshift"), cwd))
        .isEqualTo("/srv/store/carbonshift");
  }

  @Test
  void the_mv_db_file_name_opens_that_store_instead_of_a_new_one() {
    Path base = dir.resolve("carbonshift");
    Database.file(base).close();

    Database.file(dir.resolve("carbonshift.mv.db")).close();

    assertThat(dir.resolve("carbonshift.mv.db")).isRegularFile();
    assertThat(dir.resolve("carbonshift.mv.db.mv.db")).doesNotExist();
  }
}
