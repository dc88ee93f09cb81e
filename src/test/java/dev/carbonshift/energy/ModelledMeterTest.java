package dev.carbonshift.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.carbonshift.testing.TestClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ModelledMeterTest {

  @Test
  void a_constant_power_charges_watts_times_the_clock_time_and_stops_once() {
    TestClock clock = new TestClock();
    EnergyMeter.Session s = ModelledMeter.constantPower(clock, Component.GPU, 250).start();
    clock.advance(Duration.ofMinutes(12));

    EnergyReading r = s.stop();
    clock.advance(Duration.ofHours(1));

    assertThat(r.totalJoules()).isCloseTo(250 * 12 * 60, within(1e-6));
    assertThat(r.elapsed()).isEqualTo(Duration.ofMinutes(12));
    assertThat(r.components())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.component()).isEqualTo(Component.GPU);
              assertThat(c.method()).isEqualTo(Method.MODELLED);
              assertThat(c.detail()).isEqualTo("assumed constant 250.0 W");
            });
    assertThat(s.stop()).isSameAs(r);
    assertThat(s.read()).isSameAs(r);
  }

  @Test
  void a_power_per_busy_core_charges_cpu_time_not_wall_time_and_states_its_resolution() {
    TestClock clock = new TestClock();
    AtomicLong cpu = new AtomicLong(5_000_000_000L);
    ModelledMeter m = ModelledMeter.perBusyCore(clock, 10, () -> cpu::get, 10_000_000L, "test CPU");
    EnergyMeter.Session s = m.start();
    clock.advance(Duration.ofSeconds(100)); // waiting for cores costs nothing
    cpu.addAndGet(3_000_000_000L);

    assertThat(s.stop().totalJoules()).isCloseTo(30, within(1e-9));
    assertThat(m.resolutionJoules()).isCloseTo(0.1, within(1e-12));
    assertThat(m.method()).isEqualTo("10.0 W per busy core × test CPU");
    assertThat(m.name()).isEqualTo("cpu-time-10.0W/core");
  }
}
