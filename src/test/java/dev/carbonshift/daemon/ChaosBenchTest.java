package dev.carbonshift.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny chaos bench: a real daemon process killed with kill -9 twice mid-training, then once more
 * for the heartbeat-only detection, must lose no job, record no run twice and leave exactly one
 * model version per job.
 */
@Tag("slow")
class ChaosBenchTest {
  @TempDir Path dir;

  @Test
  void two_kills_lose_no_job_record_no_run_twice_and_leave_one_version_per_job() throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

    PrintWriter out = new PrintWriter(System.out, true);
    ChaosResult r =
        ChaosBench.run(new ChaosBench.Options(2, 1, 2, DaemonFixture.PROJECT, cp, dir), out);
    r.print(out);

    assertThat(r.kills()).isEqualTo(2);
    assertThat(r.jobsLost()).isZero();
    assertThat(r.runsTwice()).isZero();
    assertThat(r.jobsWithoutOneVersion()).isZero();
    assertThat(r.interruptedRuns()).isGreaterThanOrEqualTo(2);
    assertThat(r.sigtermExit()).isZero();
  }
}
