package dev.carbonshift.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.carbonshift.energy.SensorException.Kind;
import dev.carbonshift.testing.TestClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompositeMeterTest {
  private final TestClock clock = new TestClock();
  private final CompositeMeter.Config manual =
      new CompositeMeter.Config(Duration.ofSeconds(1), clock, false, 3, 100);

  private ScriptedSensor sensor(String key, Component c, Method m, double watts) {
    return new ScriptedSensor(key, c, m, watts, clock.instant());
  }

  private SampledSession run(Map<Component, List<SensorFactory>> chains, int seconds) {
    SampledSession s = new CompositeMeter(chains, manual).start();
    for (int i = 0; i < seconds; i++) {
      clock.advanceSeconds(1);
      s.sampleNow();
    }
    return s;
  }

  @Test
  void picks_the_best_available_sensor_per_component_and_records_why_others_were_skipped() {
    Map<Component, List<SensorFactory>> chains = new LinkedHashMap<>();
    chains.put(
        Component.CPU,
        List.of(
            ScriptedSensor.unavailable("rapl", Component.CPU, Kind.PERMISSION_DENIED, "denied"),
            ScriptedSensor.factory(
                "model",
                Component.CPU,
                () -> List.of(sensor("model:cpu", Component.CPU, Method.MODELLED, 10)))));
    chains.put(
        Component.GPU,
        List.of(
            ScriptedSensor.factory(
                "nvml",
                Component.GPU,
                () -> List.of(sensor("gpu0", Component.GPU, Method.COUNTER, 200)))));

    EnergyReading r = run(chains, 10).stop();

    assertThat(r.components())
        .extracting(ComponentEnergy::component, ComponentEnergy::method)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Component.CPU, Method.MODELLED),
            org.assertj.core.groups.Tuple.tuple(Component.GPU, Method.COUNTER));
    assertThat(r.totalJoules()).isCloseTo(2100, within(1e-6));
    assertThat(r.elapsed()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void notes_say_which_sensor_was_unavailable_and_what_replaced_it() {
    var chains =
        Map.of(
            Component.CPU,
            List.of(
                ScriptedSensor.unavailable("rapl", Component.CPU, Kind.PERMISSION_DENIED, "denied"),
                ScriptedSensor.factory(
                    "model",
                    Component.CPU,
                    () -> List.of(sensor("m", Component.CPU, Method.MODELLED, 1)))));
    SampledSession s = run(chains, 1);
    s.stop();
    assertThat(s.notes())
        .containsExactly("CPU: rapl permission denied: denied → falling back to model");
  }

  @Test
  void a_failing_read_is_survived_and_the_next_good_one_counts() {
    ScriptedSensor gpu = sensor("gpu0", Component.GPU, Method.COUNTER, 100);
    gpu.failures.add(() -> new SensorException(Kind.READ_FAILED, "EIO"));
    gpu.failures.add(() -> new IllegalStateException("bug in a driver wrapper"));
    var chains =
        Map.of(
            Component.GPU,
            List.of(ScriptedSensor.factory("nvml", Component.GPU, () -> List.of(gpu))));

    SampledSession s = run(chains, 5);
    EnergyReading r = s.stop();

    assertThat(r.totalJoules()).isCloseTo(500, within(1e-6));
    assertThat(r.components().get(0).detail()).contains("2 of 6 reads failed");
    assertThat(s.stats().failedReads()).isEqualTo(2);
  }

  @Test
  void a_sensor_that_keeps_failing_is_replaced_by_the_fallback_and_both_parts_are_kept() {
    ScriptedSensor rapl = sensor("rapl:package-0", Component.CPU, Method.COUNTER, 50);
    var chains =
        Map.of(
            Component.CPU,
            List.<SensorFactory>of(
                ScriptedSensor.factory("rapl", Component.CPU, () -> List.of(rapl)),
                ScriptedSensor.factory(
                    "model",
                    Component.CPU,
                    () -> List.of(sensor("model:cpu", Component.CPU, Method.MODELLED, 20)))));
    SampledSession s = new CompositeMeter(chains, manual).start();
    for (int i = 0; i < 4; i++) { // 4 s of good reads
      clock.advanceSeconds(1);
      s.sampleNow();
    }
    rapl.failAlways = new SensorException(Kind.PERMISSION_DENIED, "EACCES");
    for (int i = 0; i < 3; i++) { // three failures in a row: switch at t = 7 s
      clock.advanceSeconds(1);
      s.sampleNow();
    }
    for (int i = 0; i < 3; i++) { // 3 s on the model
      clock.advanceSeconds(1);
      s.sampleNow();
    }
    EnergyReading r = s.stop();

    assertThat(r.components()).hasSize(2);
    ComponentEnergy counted = r.components().get(0);
    assertThat(counted.method()).isEqualTo(Method.COUNTER);
    // 4 s read at 50 W, then the 3 s of failed reads bridged at the last power read
    assertThat(counted.joules()).isCloseTo(350, within(1e-6));
    assertThat(counted.detail()).contains("bridged over 3.0 s");
    ComponentEnergy modelled = r.components().get(1);
    assertThat(modelled.method()).isEqualTo(Method.MODELLED);
    assertThat(modelled.joules()).isCloseTo(60, within(1e-6));
    assertThat(rapl.closed).isTrue();
    assertThat(s.notes())
        .anySatisfy(n -> assertThat(n).contains("failed 3 reads in a row", "switched to model"));
  }

  @Test
  void a_lost_device_keeps_its_energy_up_to_the_last_read_and_is_noted() {
    ScriptedSensor gpu = sensor("gpu1", Component.GPU, Method.COUNTER, 300);
    var chains =
        Map.of(
            Component.GPU,
            List.of(ScriptedSensor.factory("nvml", Component.GPU, () -> List.of(gpu))));
    SampledSession s = run(chains, 2);
    gpu.failAlways = new SensorException(Kind.DEVICE_LOST, "GPU is lost");
    clock.advanceSeconds(1);
    s.sampleNow();
    clock.advanceSeconds(1);
    s.sampleNow();
    EnergyReading r = s.stop();
    assertThat(r.totalJoules()).isCloseTo(600 + 300, within(1e-6)); // 2 s read, 1 s bridged
    assertThat(gpu.polls).isEqualTo(3);
    assertThat(s.notes()).anySatisfy(n -> assertThat(n).contains("gpu1 lost", "GPU is lost"));
  }

  @Test
  void a_sensor_with_no_good_read_is_left_out_and_never_reported_as_zero() {
    ScriptedSensor gpu = sensor("gpu0", Component.GPU, Method.COUNTER, 300);
    gpu.failAlways = new SensorException(Kind.READ_FAILED, "NVML_ERROR_UNKNOWN");
    var chains =
        Map.of(
            Component.GPU,
            List.of(ScriptedSensor.factory("nvml", Component.GPU, () -> List.of(gpu))));
    SampledSession s = run(chains, 2);
    EnergyReading r = s.stop();
    assertThat(r.components()).isEmpty();
    assertThat(s.notes())
        .anySatisfy(
            n -> assertThat(n).contains("no good read", "not counted rather than reported as 0"));
  }

  @Test
  void interval_is_shortened_when_a_sensor_needs_it_and_the_reason_recorded() {
    ScriptedSensor pkg = sensor("rapl:package-0", Component.CPU, Method.COUNTER, 10);
    pkg.maxInterval = Duration.ofMillis(500);
    var chains =
        Map.of(
            Component.CPU,
            List.of(ScriptedSensor.factory("rapl", Component.CPU, () -> List.of(pkg))));
    SampledSession s = new CompositeMeter(chains, manual).start();
    assertThat(s.samplingInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.notes())
        .anySatisfy(n -> assertThat(n).contains("every 500 ms instead of 1 s", "rapl:package-0"));
  }

  @Test
  void samples_are_cumulative_per_series() {
    var chains =
        Map.of(
            Component.RAM,
            List.of(
                ScriptedSensor.factory(
                    "model",
                    Component.RAM,
                    () -> List.of(sensor("model:ram", Component.RAM, Method.MODELLED, 2)))));
    SampledSession s = run(chains, 3);
    s.stop();
    assertThat(s.samples()).extracting(EnergySample::joules).containsExactly(2.0, 4.0, 6.0, 6.0);
    assertThat(s.samples()).allSatisfy(x -> assertThat(x.series()).isEqualTo("model:ram"));
  }

  @Test
  void background_thread_samples_at_the_interval_and_stops() throws Exception {
    var latch = new java.util.concurrent.CountDownLatch(3);
    var clockNow = new MonotonicClock();
    ScriptedSensor counting =
        new ScriptedSensor("s", Component.CPU, Method.MODELLED, 5, clockNow.instant());
    var sampler = new java.util.concurrent.atomic.AtomicReference<Thread>();
    counting.onPoll =
        () -> {
          if (Thread.currentThread().getName().equals("carbonshift-energy-sampler")) {
            sampler.set(Thread.currentThread());
          }
          latch.countDown();
        };
    var chains =
        Map.of(
            Component.CPU,
            List.of(
                ScriptedSensor.factory("model", Component.CPU, () -> List.<Sensor>of(counting))));
    var config = new CompositeMeter.Config(Duration.ofMillis(20), clockNow, true, 3, 100);
    SampledSession s = new CompositeMeter(chains, config).start();
    assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
    EnergyReading r = s.stop();
    long ticks = s.stats().ticks();
    assertThat(ticks).isGreaterThanOrEqualTo(4); // three on the thread, one on stop
    assertThat(r.totalJoules()).isPositive();
    assertThat(s.stop()).isSameAs(r);
    // no tick may run after stop: its sampling thread is gone, not merely idle
    sampler.get().join(5_000);
    assertThat(sampler.get().isAlive()).isFalse();
    assertThat(s.stats().ticks()).isEqualTo(ticks);
  }
}
