package dev.carbonshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.store.Database;
import dev.carbonshift.store.JobRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit}s as separate JVMs on one H2 file, started together: each waits its turn through
 * H2's lock-file handover instead of failing with the driver's "Lock file recently modified".
 */
class ConcurrentProcessesTest {
  static final Path PROJECT = Path.of("").toAbsolutePath();

  @TempDir Path dir;

  private List<Integer> submits(int count, int atOnce) throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path descriptor = PROJECT.resolve("jobs/forecaster-es-train.yaml");
    List<Integer> exits = new ArrayList<>();
    for (int batch = 0; batch < count; batch += atOnce) {
      List<Process> running = new ArrayList<>();
      for (int i = batch; i < Math.min(count, batch + atOnce); i++) {
        ProcessBuilder pb =
            new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                cp,
                "dev.carbonshift.cli.Main",
                "submit",
                "--db",
                dir.resolve("store").toString(),
                descriptor.toString());
        pb.environment().put("CARBONSHIFT_PORT", "0");
        pb.environment().put("CARBONSHIFT_HOME", PROJECT.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("out-" + i + ".txt").toFile());
        pb.directory(dir.toFile());
        running.add(pb.start());
      }
      for (Process p : running) {
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        exits.add(p.exitValue());
      }
    }
    return exits;
  }

  private String outputs() throws IOException {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("out-")).toList()) {
        sb.append(f.getFileName()).append(": ").append(Files.readString(f)).append('\n');
      }
    }
    return sb.toString();
  }

  private void assertAllQueued(List<Integer> exits) throws IOException {
    assertThat(exits).as(outputs()).containsOnly(0);
    assertThat(outputs()).doesNotContain("Lock file").doesNotContain("internal error");
    try (Database db = Database.file(dir.resolve("store"))) {
      assertThat(new JobRepository(db, Clock.systemUTC()).all()).hasSize(exits.size());
    }
  }

  @Test
  void submits_started_together_on_one_store_all_succeed_and_all_are_stored() throws Exception {
    assertAllQueued(submits(6, 6));
  }

  @Test
  @Tag("slow")
  void twenty_submits_ten_at_a_time_all_succeed_and_all_are_stored() throws Exception {
    assertAllQueued(submits(20, 10));
  }
}
