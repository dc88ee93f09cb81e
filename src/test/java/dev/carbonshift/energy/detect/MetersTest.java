package dev.carbonshift.energy.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ComponentEnergy;
import dev.carbonshift.energy.CompositeMeter;
import dev.carbonshift.energy.EnergyReading;
import dev.carbonshift.energy.Method;
import dev.carbonshift.energy.SampledSession;
import dev.carbonshift.energy.nvml.FakeNvml;
import dev.carbonshift.energy.rapl.PowercapReader;
import dev.carbonshift.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meter as {@code measure} builds it: best sensor per component, method recorded. */
class MetersTest {
  @TempDir Path powercap;
  private final TestClock clock = new TestClock();

  private MeterOptions options(Scope scope) {
    return MeterOptions.defaults(scope, Map.of())
        .withMeter(new CompositeMeter.Config(Duration.ofSeconds(1), clock, false, 3, 100))
        .withHardwareDir(Path.of("data/hardware"))
        .withEnv(Map.of("CUDA_VISIBLE_DEVICES", "0"));
  }

  private void raplPackage(String energyUj) throws IOException {
    for (String[] d : new String[][] {{"intel-rapl:0", "package-0"}, {"intel-rapl:0:1", "dram"}}) {
      Path dir = Files.createDirectories(powercap.resolve(d[0]));
      Files.writeString(dir.resolve("name"), d[1]);
      Files.writeString(dir.resolve("energy_uj"), energyUj);
      Files.writeString(dir.resolve("max_energy_range_uj"), "262143328850");
    }
  }

  @Test
  void with_every_sensor_present_cpu_and_ram_use_rapl_and_the_gpu_its_counter() throws IOException {
    raplPackage("1000000");
    FakeNvml.Control fake = FakeNvml.reset();
    int gpu = fake.fake_nvml_add_device("NVIDIA H100 80GB HBM3", "GPU-0000", 9);
    fake.fake_nvml_add_device("NVIDIA H100 80GB HBM3", "GPU-1111", 9); // not the job's
    fake.fake_nvml_set_energy(gpu, 10_000_000L, 0);

    SampledSession s =
        Meters.detect(
                options(new Scope.Machine())
                    .withNvmlLibrary(FakeNvml.path())
                    .withPowercap(powercap, PowercapReader.FILES))
            .start();
    raplPackage("31000000"); // +30 J on the package and on DRAM
    fake.fake_nvml_set_energy(gpu, 10_400_000L, 0); // +400 J on GPU 0
    clock.advanceSeconds(2);
    EnergyReading r = s.stop();

    assertThat(r.components())
        .extracting(ComponentEnergy::component, ComponentEnergy::method, ComponentEnergy::joules)
        .containsExactly(
            tuple(Component.CPU, Method.COUNTER, 30.0),
            tuple(Component.GPU, Method.COUNTER, 400.0),
            tuple(Component.RAM, Method.COUNTER, 30.0));
    assertThat(s.samplingInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(fake.fake_nvml_init_refs()).isZero();
  }

  @Test
  void with_no_sensor_cpu_and_ram_are_modelled_and_a_busy_run_is_never_zero() {
    Scope self = new Scope.Self();
    SampledSession s =
        Meters.detect(
                options(self)
                    .withNvmlLibrary("/nonexistent/libnvidia-ml.so.1")
                    .withPowercap(powercap.resolve("none"), PowercapReader.FILES))
            .start();
    long until = System.nanoTime() + 300_000_000L;
    double x = 0;
    while (System.nanoTime() < until) {
      x += Math.sqrt(x + 1);
    }
    clock.advanceSeconds(0.3 + x * 0);
    EnergyReading r = s.stop();

    assertThat(r.components())
        .extracting(ComponentEnergy::component)
        .containsExactly(Component.CPU, Component.RAM);
    ComponentEnergy cpu = r.components().get(0);
    assertThat(cpu.method()).isEqualTo(Method.MODELLED);
    assertThat(cpu.joules()).isGreaterThan(0.1); // ≥ 0.25 s of CPU at ≥ 1 W per core
    assertThat(cpu.detail()).contains("W per busy core", "CPU time of this JVM");
    assertThat(s.notes())
        .anySatisfy(n -> assertThat(n).startsWith("CPU: rapl unavailable"))
        .anySatisfy(n -> assertThat(n).startsWith("GPU: nvml unavailable").contains("cannot load"))
        .anySatisfy(n -> assertThat(n).startsWith("RAM: rapl-dram unavailable"));
  }

  @Test
  void rapl_denied_falls_back_to_the_model_and_says_permission_denied() throws IOException {
    raplPackage("1000");
    PowercapReader nonRoot =
        f -> {
          if (f.endsWith("energy_uj")) {
            throw new java.nio.file.AccessDeniedException(f.toString());
          }
          return Files.readString(f);
        };
    SampledSession s =
        Meters.detect(
                options(new Scope.Self()).withNvmlLibrary(null).withPowercap(powercap, nonRoot))
            .start();
    clock.advanceSeconds(1);
    EnergyReading r = s.stop();
    assertThat(r.components()).extracting(ComponentEnergy::method).containsOnly(Method.MODELLED);
    assertThat(s.notes())
        .anySatisfy(n -> assertThat(n).contains("CPU: rapl permission denied", "root-only"));
  }
}
