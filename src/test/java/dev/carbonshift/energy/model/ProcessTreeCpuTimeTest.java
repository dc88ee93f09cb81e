package dev.carbonshift.energy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A real child process: its CPU time is seen while it runs and kept after this JVM reaps it. */
@EnabledOnOs(OS.LINUX)
class ProcessTreeCpuTimeTest {
  /** Pure shell arithmetic: CPU-bound, no forks, a fixed amount of work. */
  private static final String LOOP = "i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done";

  @Test
  void cpu_time_of_a_child_and_its_grandchild_is_counted_while_they_run_and_after_exit()
      throws Exception {
    ProcessTreeScope.of(ProcessHandle.current().pid()).cpu().cpuSeconds(); // load libc first
    // the grandchild and the child each run the loop; the child waits for the grandchild
    Process p = new ProcessBuilder("sh", "-c", "(" + LOOP + ") & " + LOOP + "; wait").start();
    long t0 = System.nanoTime();
    CpuTimeSource tree = ProcessTreeScope.of(p.pid()).cpu();
    double whileRunning = 0;
    // read while it runs; each wait returns at once when the process exits
    while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
      whileRunning = Math.max(whileRunning, tree.cpuSeconds());
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    double wall = (System.nanoTime() - t0) / 1e9;
    double afterExit = tree.cpuSeconds();

    assertThat(afterExit).isGreaterThanOrEqualTo(whileRunning);
    assertThat(afterExit).isGreaterThan(0.2); // two loops of ~0.3 s of CPU each on a slow core
    assertThat(afterExit)
        .isLessThan(2 * wall + 0.05); // two processes cannot use more than 2 × wall
    assertThat(tree.description()).contains("descendants");
  }

  @Test
  void a_command_that_exits_before_the_first_read_still_shows_its_cpu_time() throws Exception {
    double before = CpuTimeSource.reapedChildrenSeconds();
    Process p =
        new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done").start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // the kernel adds a child's time to ours when the JDK's reaper thread has waited for it
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> CpuTimeSource.reapedChildrenSeconds() > before);
    CpuTimeSource tree = new ProcessTreeScope(p::pid, before).cpu();
    assertThat(tree.cpuSeconds()).isGreaterThan(0.0);
    assertThat(tree.secondsBeforeStart()).isZero();
  }

  @Test
  void a_read_right_after_the_exit_sees_the_reaped_time_not_a_stale_live_one() throws Exception {
    double before = CpuTimeSource.reapedChildrenSeconds();
    Process p =
        new ProcessBuilder(
                "sh",
                "-c",
                "i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; echo ready; sleep 0.3")
            .start();
    CpuTimeSource tree = new ProcessTreeScope(p::pid, before).cpu();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("ready"); // its work is done; it is still alive
    }
    tree.cpuSeconds(); // alive: read from /proc, in clock ticks (often 0 for so little work)
    p.waitFor(30, TimeUnit.SECONDS);
    double exact = CpuTimeSource.reapedChildrenSeconds() - before; // microseconds, from the kernel
    assertThat(exact).isPositive();
    assertThat(tree.cpuSeconds()).isGreaterThanOrEqualTo(exact);
  }
}
