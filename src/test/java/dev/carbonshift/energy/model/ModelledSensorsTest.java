package dev.carbonshift.energy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.carbonshift.energy.Method;
import dev.carbonshift.energy.Sensor;
import dev.carbonshift.energy.SensorReading;
import dev.carbonshift.testing.TestClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelledSensorsTest {
  private final TestClock clock = new TestClock();
  private double cpuSeconds = 100;
  private double gigabytes = 2;

  private final CpuTimeSource cpu =
      new CpuTimeSource() {
        @Override
        public double cpuSeconds() {
          return cpuSeconds;
        }

        @Override
        public String description() {
          return "test CPU time";
        }
      };

  private final MemorySource memory =
      new MemorySource() {
        @Override
        public double gigabytes() {
          return gigabytes;
        }

        @Override
        public String description() {
          return "test memory";
        }
      };

  @Test
  void cpu_energy_is_watts_per_core_times_cpu_seconds_used() {
    var model = new CpuPowerModel(10, List.of("ten watts a core"));
    Sensor s = ModelSensors.cpu(cpu, model).open(clock.instant()).sensors().get(0);
    cpuSeconds += 3; // e.g. 1.5 cores busy for 2 s
    clock.advanceSeconds(2);
    SensorReading r = s.poll(clock.instant());
    assertThat(r.joules()).isCloseTo(30, within(1e-9));
    assertThat(r.watts()).isCloseTo(15, within(1e-9));
    assertThat(r.method()).isEqualTo(Method.MODELLED);
    assertThat(r.detail())
        .contains("3.0 s of test CPU time", "10.00 W per busy core", "ten watts a core");
  }

  @Test
  void ram_energy_integrates_watts_per_gigabyte_over_time() {
    Sensor s = ModelSensors.ram(memory, 0.5).open(clock.instant()).sensors().get(0);
    gigabytes = 4;
    clock.advanceSeconds(10);
    SensorReading r = s.poll(clock.instant()); // mean 3 GB × 0.5 W/GB × 10 s
    assertThat(r.joules()).isCloseTo(15, within(1e-9));
    clock.advanceSeconds(10);
    assertThat(s.poll(clock.instant()).joules()).isCloseTo(35, within(1e-9));
    assertThat(s.detail()).contains("test memory", "0.5000 W per GB", "peak 4096.0 MB");
  }
}
