package dev.carbonshift.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watched jobs folder, driven by a clock and by hand-set modification times. */
class JobsFolderTest {
  private static final Instant NOW = ApiFixture.NOW;
  private static final Duration SETTLE = Duration.ofSeconds(5);

  @TempDir Path dir;
  private final TestClock clock = new TestClock(NOW);
  private final Database db = Database.inMemory("folder-" + UUID.randomUUID());
  private final JobRepository jobs = new JobRepository(db, clock);
  private JobsFolder folder;

  @BeforeEach
  void watch() {
    // @TempDir is injected after field initialisers run.
    folder =
        new JobsFolder(
            dir,
            new JobIntake(ApiFixture.CATALOG, jobs, clock),
            new StoreOnlyHooks(jobs, "d", "v", clock),
            new DaemonMetrics(db),
            clock,
            SETTLE);
  }

  private Path drop(String name, String text, Instant modified) throws IOException {
    Path f = Files.writeString(dir.resolve(name), text);
    Files.setLastModifiedTime(f, FileTime.from(modified));
    return f;
  }

  private static String good() {
    return ApiFixture.descriptor("weather-seattle-train.yaml");
  }

  private static String bad() {
    return good().replace("kind: train", "kind: bake");
  }

  @Test
  void a_settled_descriptor_is_submitted_and_moved_to_accepted_with_its_id() throws IOException {
    drop("seattle.yaml", good(), NOW.minusSeconds(60));

    JobsFolder.Scan scan = folder.scanOnce();

    assertThat(scan.accepted()).hasSize(1);
    String id = scan.accepted().get(0).jobId();
    assertThat(jobs.find(id)).isPresent();
    assertThat(dir.resolve("seattle.yaml")).doesNotExist();
    assertThat(dir.resolve("accepted").resolve("seattle." + id + ".yaml")).hasContent(good());
    assertThat(folder.scanOnce().accepted()).isEmpty();
  }

  @Test
  void a_bad_descriptor_is_moved_to_rejected_with_its_error_beside_it() throws IOException {
    drop("bad.yaml", bad(), NOW.minusSeconds(60));

    JobsFolder.Scan scan = folder.scanOnce();

    assertThat(scan.rejected()).hasSize(1);
    assertThat(jobs.all()).isEmpty();
    assertThat(dir.resolve("rejected").resolve("bad.yaml")).hasContent(bad());
    String error = Files.readString(dir.resolve("rejected").resolve("bad.yaml.error.txt"));
    assertThat(error).startsWith("bad.yaml:4: kind: ");
  }

  @Test
  void a_file_still_changing_is_not_read_until_two_scans_agree() throws IOException {
    Path f = drop("slow.yaml", good().substring(0, 40), NOW);

    assertThat(folder.scanOnce().accepted()).isEmpty();
    Files.writeString(f, good().substring(40), StandardOpenOption.APPEND);
    Files.setLastModifiedTime(f, FileTime.from(NOW.plusSeconds(1)));
    clock.advance(Duration.ofSeconds(1));
    JobsFolder.Scan whileWriting = folder.scanOnce();
    clock.advance(Duration.ofSeconds(1));
    JobsFolder.Scan settled = folder.scanOnce();

    assertThat(whileWriting.accepted()).isEmpty();
    assertThat(whileWriting.rejected()).isEmpty();
    assertThat(settled.accepted()).hasSize(1);
    assertThat(jobs.all()).hasSize(1);
  }

  @Test
  void an_old_enough_file_is_read_on_the_first_scan_but_a_fresh_one_waits() throws IOException {
    drop("old.yaml", good(), NOW.minus(SETTLE));
    drop("fresh.yaml", good(), NOW.minusSeconds(1));

    JobsFolder.Scan scan = folder.scanOnce();

    assertThat(scan.accepted()).hasSize(1);
    assertThat(dir.resolve("fresh.yaml")).exists();
  }

  @Test
  void dotfiles_partial_and_other_files_are_left_alone() throws IOException {
    drop(".hidden.yaml", good(), NOW.minusSeconds(60));
    drop("upload.yaml.tmp", good(), NOW.minusSeconds(60));
    drop("upload.yaml.part", good(), NOW.minusSeconds(60));
    drop("notes.txt", "hello", NOW.minusSeconds(60));

    folder.scanOnce();
    JobsFolder.Scan again = folder.scanOnce();

    assertThat(again.accepted()).isEmpty();
    assertThat(again.rejected()).isEmpty();
    assertThat(jobs.all()).isEmpty();
    assertThat(Files.list(dir).count()).isEqualTo(4);
  }

  @Test
  void nothing_in_accepted_or_rejected_is_ever_overwritten() throws IOException {
    Path rejected = Files.createDirectories(dir.resolve("rejected"));
    Files.writeString(rejected.resolve("bad.yaml"), "earlier");
    Files.writeString(rejected.resolve("bad-1.yaml.error.txt"), "earlier error");
    drop("bad.yaml", bad(), NOW.minusSeconds(60));

    JobsFolder.Scan scan = folder.scanOnce();

    assertThat(rejected.resolve("bad.yaml")).hasContent("earlier");
    assertThat(rejected.resolve("bad-1.yaml.error.txt")).hasContent("earlier error");
    assertThat(scan.rejected().get(0).movedTo()).isEqualTo(rejected.resolve("bad-2.yaml"));
    assertThat(rejected.resolve("bad-2.yaml")).hasContent(bad());
    assertThat(rejected.resolve("bad-2.yaml.error.txt")).content().startsWith("bad.yaml:4: kind:");
  }
}
