package dev.carbonshift.energy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {
  @TempDir Path proc;

  @Test
  void process_cpu_time_survives_a_command_name_with_spaces_and_parentheses() throws IOException {
    Files.createDirectories(proc.resolve("42"));
    // comm "(my (odd) job)"; utime 250, stime 50, cutime 100, cstime 0 ticks
    Files.writeString(
        proc.resolve("42/stat"),
        "42 (my (odd) job) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 100 0 20 0 3 0 100 123456 512"
            + " 18446744073709551615\n");
    ProcFs fs = new ProcFs(proc, 100, 4096);
    assertThat(fs.processSeconds("42", false).getAsDouble()).isCloseTo(3.0, within(1e-9));
    assertThat(fs.processSeconds("42", true).getAsDouble()).isCloseTo(4.0, within(1e-9));
    assertThat(fs.processSeconds("43", true)).isEmpty();
    var stat = fs.stat("42").orElseThrow();
    assertThat(stat.cpuSeconds()).isCloseTo(4.0, within(1e-9));
    assertThat(stat.residentBytes()).isEqualTo(512L * 4096);
  }

  @Test
  void machine_busy_time_leaves_out_idle_and_iowait() throws IOException {
    Files.writeString(
        proc.resolve("stat"), "cpu  1000 10 300 90000 500 5 20 15 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n");
    ProcFs fs = new ProcFs(proc, 100);
    assertThat(fs.machineBusySeconds().getAsDouble()).isCloseTo(13.5, within(1e-9));
  }

  @Test
  void memory_is_read_in_gigabytes() throws IOException {
    Files.writeString(
        proc.resolve("meminfo"),
        "MemTotal:       16777216 kB\nMemFree: 1 kB\nMemAvailable:    4194304 kB\n");
    ProcFs fs = new ProcFs(proc, 100);
    assertThat(fs.machineUsedGigabytes().getAsDouble()).isCloseTo(12.0, within(1e-9));
    assertThat(MemorySource.machine(fs).gigabytes()).isCloseTo(12.0, within(1e-9));
  }
}
