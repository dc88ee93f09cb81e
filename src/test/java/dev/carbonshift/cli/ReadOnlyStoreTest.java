package dev.carbonshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.cli.HardeningCliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store its user may not write ({@code chmod a-w} on the file and its folder): {@code status},
 * {@code report} and {@code models} read it as it is, writing nothing, not even H2's lock file;
 * writing verbs refuse it with the reason. The permission bits mark it read-only even for root (as
 * CI runs), who could write it anyway: the assertion that not one byte changed holds either way.
 */
class ReadOnlyStoreTest {
  static final Path PROJECT = HardeningCliTest.PROJECT;

  @TempDir Path work;
  Path folder;

  private Run run(String... args) {
    return HardeningCliTest.run(work, Map.of(), args);
  }

  private String db() {
    return folder.resolve("carbonshift").toString();
  }

  private static final Set<PosixFilePermission> READ_ONLY_FILE =
      PosixFilePermissions.fromString("r--r--r--");
  private static final Set<PosixFilePermission> READ_ONLY_FOLDER =
      PosixFilePermissions.fromString("r-xr-xr-x");

  private void makeReadOnly() throws IOException {
    Files.setPosixFilePermissions(folder.resolve("carbonshift.mv.db"), READ_ONLY_FILE);
    Files.setPosixFilePermissions(folder, READ_ONLY_FOLDER);
  }

  @AfterEach
  void writableAgain() throws IOException {
    // so that the temp folder can be deleted by a user who is not root
    if (folder != null && Files.exists(folder)) {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : files.toList()) {
          Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    }
  }

  /** Each file of the store's folder with the SHA-256 of its bytes. */
  private Map<String, String> contents() throws IOException {
    Map<String, String> out = new HashMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.toList()) {
        try {
          byte[] hash =
              java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
          out.put(f.getFileName().toString(), java.util.HexFormat.of().formatHex(hash));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new AssertionError(e);
        }
      }
    }
    return out;
  }

  @Test
  void status_report_and_models_read_a_read_only_store_and_write_nothing() throws IOException {
    folder = work.resolve("store");
    Run submit =
        run("submit", "--db", db(), PROJECT.resolve("jobs/forecaster-es-train.yaml").toString());
    assertThat(submit.exit()).as(submit.err()).isZero();
    String id = submit.out().trim().split("\\s+")[0];
    makeReadOnly();
    Map<String, String> before = contents();

    Run all = run("status", "--db", db());
    Run one = run("status", "--db", db(), id);
    Run report =
        run(
            "report",
            "--db",
            db(),
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--format",
            "json");
    Run models = run("models", "--db", db());

    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out()).contains(id).contains("QUEUED");
    assertThat(one.exit()).as(one.err()).isZero();
    assertThat(one.out()).contains(id).contains("decisions:");
    assertThat(report.exit()).as(report.err()).isZero();
    assertThat(report.out()).contains("\"totals\"");
    assertThat(models.exit()).as(models.err()).isZero();
    assertThat(models.out()).contains("no model versions yet");
    Map<String, String> after = contents();
    assertThat(after.keySet()).as("no lock file, no trace file").isEqualTo(before.keySet());
    assertThat(after.get("carbonshift.mv.db"))
        .as("not one byte of the store written")
        .isEqualTo(before.get("carbonshift.mv.db"));
  }

  @Test
  void a_writing_verb_refuses_a_read_only_store_naming_it_and_leaves_it_whole() throws IOException {
    folder = work.resolve("store");
    Run first =
        run("submit", "--db", db(), PROJECT.resolve("jobs/forecaster-es-train.yaml").toString());
    assertThat(first.exit()).as(first.err()).isZero();
    makeReadOnly();
    Map<String, String> before = contents();

    Run submit =
        run("submit", "--db", db(), PROJECT.resolve("jobs/forecaster-es-train.yaml").toString());

    assertThat(submit.exit()).as(submit.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(submit.err().lines().filter(l -> l.startsWith("error: --db: ")))
        .as(submit.err())
        .hasSize(1);
    assertThat(submit.err())
        .contains("carbonshift.mv.db")
        .contains("read-only")
        .doesNotContain("internal error");
    assertThat(submit.err().lines().filter(l -> l.startsWith("error")).count()).isEqualTo(1);
    assertThat(contents().get("carbonshift.mv.db")).isEqualTo(before.get("carbonshift.mv.db"));
  }

  @Test
  void a_read_only_store_with_an_older_schema_is_refused_not_migrated() throws IOException {
    folder = Files.createDirectories(work.resolve("old"));
    // a store as an older Carbonshift left it: its schema stops at version 7
    Flyway.configure()
        .dataSource("jdbc:h2:file:" + db(), "sa", "")
        .locations("classpath:db/migration", "classpath:db/h2")
        .target("7")
        .load()
        .migrate();
    makeReadOnly();
    Map<String, String> before = contents();

    Run status = run("status", "--db", db());

    assertThat(status.exit()).as(status.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(status.err())
        .contains("read-only")
        .contains("schema is at version 7")
        .contains("older than this Carbonshift's")
        .contains("as a user who may write it")
        .doesNotContain("internal error");
    assertThat(contents().keySet()).isEqualTo(before.keySet());
    assertThat(contents().get("carbonshift.mv.db")).isEqualTo(before.get("carbonshift.mv.db"));
    assertThat(
            Files.getPosixFilePermissions(folder.resolve("carbonshift.mv.db")).stream()
                .map(Enum::name)
                .collect(Collectors.toSet()))
        .doesNotContain("OWNER_WRITE");
  }
}
