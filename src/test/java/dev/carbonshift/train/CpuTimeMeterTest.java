package dev.carbonshift.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.energy.ModelledMeter;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class CpuTimeMeterTest {
  private static volatile long sink;

  @Test
  void the_training_thread_meter_does_not_count_cpu_burnt_by_other_threads() throws Exception {
    Clock clock = TrainFixtures.ticking();
    EnergyMeter.Session thread = CpuTimeMeter.ofTrainingThread(clock, 10).start();
    EnergyMeter.Session process = CpuTimeMeter.ofThisProcess(clock, 10).start();
    Thread other = new Thread(() -> sink = burn(300_000_000L));
    other.start();
    other.join();
    double threadJ = thread.stop().totalKwh() * 3.6e6;
    double processJ = process.stop().totalKwh() * 3.6e6;

    assertThat(processJ).isGreaterThan(0.5);
    assertThat(threadJ).isLessThan(processJ / 10);
  }

  @Test
  void the_training_thread_meter_counts_its_own_work_and_states_its_method_and_resolution() {
    ModelledMeter m = CpuTimeMeter.ofTrainingThread(TrainFixtures.ticking(), 10);
    EnergyMeter.Session s = m.start();
    sink = burn(100_000_000L);
    double joules = s.stop().totalKwh() * 3.6e6;

    assertThat(sink).isNotZero();
    assertThat(joules).isGreaterThan(100 * m.resolutionJoules());
    assertThat(m.resolutionJoules())
        .isLessThan(CpuTimeMeter.ofThisProcess(null, 10).resolutionJoules());
    assertThat(m.method()).contains("CPU time of the training thread");
  }

  private static long burn(long iterations) {
    long x = 1;
    for (long i = 0; i < iterations; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    return x;
  }
}
