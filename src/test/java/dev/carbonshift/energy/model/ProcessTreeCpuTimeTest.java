package dev.carbonshift.energy.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A real child process: its CPU time is seen while it runs and kept after this JVM reaps it. */
@EnabledOnOs(OS.LINUX)
class ProcessTreeCpuTimeTest {

  @Test
  void cpu_time_of_a_busy_child_and_its_grandchild_is_counted_and_kept_after_exit()
      throws Exception {
    CpuTimeSource.processTree(ProcessHandle.current().pid()).cpuSeconds(); // load libc first
    // sh forks a busy grandchild, then burns CPU itself; both end by themselves in 1 to 2 s
    Process p =
        new ProcessBuilder(
                "sh",
                "-c",
                "(end=$(($(date +%s)+2)); while [ $(date +%s) -lt $end ]; do :; done) &"
                    + " end=$(($(date +%s)+2)); while [ $(date +%s) -lt $end ]; do :; done; wait")
            .start();
    CpuTimeSource tree = CpuTimeSource.processTree(p.pid());
    double whileRunning = 0;
    while (p.isAlive()) {
      whileRunning = tree.cpuSeconds();
      Thread.sleep(50);
    }
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    double afterExit = tree.cpuSeconds();
    assertThat(whileRunning).isGreaterThan(0.05);
    assertThat(afterExit).isGreaterThanOrEqualTo(whileRunning);
    assertThat(afterExit).isBetween(0.5, 2 * 2.0 + 0.5); // two busy processes, 1 to 2 s each
    assertThat(tree.description()).contains("descendants");
  }

  @Test
  void a_short_command_still_shows_its_cpu_time_after_it_is_reaped() throws Exception {
    Process p =
        new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done").start();
    CpuTimeSource tree = CpuTimeSource.processTree(p.pid());
    p.waitFor(30, TimeUnit.SECONDS);
    Thread.sleep(20); // let the JDK's reaper thread wait for it
    assertThat(tree.cpuSeconds()).isGreaterThan(0.0);
  }
}
