package dev.carbonshift.energy.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.Method;
import dev.carbonshift.energy.Sensor;
import dev.carbonshift.energy.SensorException;
import dev.carbonshift.energy.SensorReading;
import dev.carbonshift.energy.SensorSet;
import dev.carbonshift.energy.model.TdpTables;
import dev.carbonshift.testing.TestClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The NVML sensors over the real JNA binding, against the scripted fake library. */
class NvmlSensorsTest {
  private static final int HOPPER = 9;
  private static final int PASCAL = 4;
  private static final int AMPERE = 7;

  private FakeNvml.Control fake;
  private final TestClock clock = new TestClock();
  private SensorSet open;

  @BeforeEach
  void setUp() {
    fake = FakeNvml.reset();
  }

  @AfterEach
  void closeSensors() {
    if (open != null) {
      open.sensors().forEach(Sensor::close);
    }
    assertThat(fake.fake_nvml_init_refs())
        .as("every nvmlInit_v2 is matched by nvmlShutdown")
        .isZero();
  }

  private SensorSet openWith(Map<String, String> env) {
    open = new NvmlSensors(FakeNvml.path(), env, TdpTables.empty()).open(clock.instant());
    return open;
  }

  private Sensor only(SensorSet set) {
    assertThat(set.sensors()).hasSize(1);
    return set.sensors().get(0);
  }

  @Test
  void energy_counter_delta_is_read_through_jna_in_joules() {
    int gpu = fake.fake_nvml_add_device("NVIDIA H100 80GB HBM3", "GPU-aaaa-0000", HOPPER);
    fake.fake_nvml_set_energy(gpu, 5_000_000L, 0);
    fake.fake_nvml_set_power(gpu, 300_000, 0);
    Sensor s = only(openWith(Map.of()));
    assertThat(s.method()).isEqualTo(Method.COUNTER);
    assertThat(s.component()).isEqualTo(Component.GPU);
    assertThat(s.detail()).contains("NVIDIA H100 80GB HBM3", "GPU-aaaa-0000", "Hopper", "counter");

    fake.fake_nvml_set_energy(gpu, 5_250_500L, 0);
    clock.advanceSeconds(1);
    SensorReading r = s.poll(clock.instant());

    assertThat(r.joules()).isCloseTo(250.5, within(1e-9));
    assertThat(r.method()).isEqualTo(Method.COUNTER);
    assertThat(r.watts()).isEqualTo(300.0);
  }

  @Test
  void counter_restart_after_a_driver_reload_is_carried_over() {
    int gpu = fake.fake_nvml_add_device("NVIDIA A100-SXM4-40GB", "GPU-a100", AMPERE);
    fake.fake_nvml_set_energy(gpu, 9_000_000L, 0);
    Sensor s = only(openWith(Map.of()));
    fake.fake_nvml_set_energy(gpu, 9_100_000L, 0);
    clock.advanceSeconds(1);
    s.poll(clock.instant());
    fake.fake_nvml_set_energy(gpu, 40_000L, 0);
    clock.advanceSeconds(1);
    SensorReading r = s.poll(clock.instant());
    assertThat(r.joules()).isCloseTo(140.0, within(1e-9));
    assertThat(r.detail()).contains("restarted 1 time");
  }

  @Test
  void pre_volta_gpu_integrates_power_sampled_at_most_every_second() {
    int gpu = fake.fake_nvml_add_device("Tesla P100-PCIE-16GB", "GPU-p100", PASCAL);
    fake.fake_nvml_set_energy(gpu, 1_000L, 0); // even if it answered, Pascal has no counter
    fake.fake_nvml_set_power(gpu, 100_000, 0);
    Sensor s = only(openWith(Map.of()));
    assertThat(s.method()).isEqualTo(Method.INTEGRATED);
    assertThat(s.maxInterval()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(s.detail()).contains("Pascal", "integrated");

    fake.fake_nvml_set_power(gpu, 200_000, 0);
    clock.advanceSeconds(1);
    assertThat(s.poll(clock.instant()).joules()).isCloseTo(150.0, within(1e-9));
    clock.advanceSeconds(0.5);
    SensorReading r = s.poll(clock.instant());
    assertThat(r.joules()).isCloseTo(250.0, within(1e-9));
    assertThat(r.method()).isEqualTo(Method.INTEGRATED);
  }

  @Test
  void unsupported_counter_on_a_volta_or_newer_gpu_falls_back_to_power_not_zero() {
    int gpu = fake.fake_nvml_add_device("GRID A100-40C", "GPU-vgpu", AMPERE);
    fake.fake_nvml_set_energy(gpu, 0, NvmlReturn.NOT_SUPPORTED);
    fake.fake_nvml_set_power(gpu, 120_000, 0);
    Sensor s = only(openWith(Map.of()));
    assertThat(s.method()).isEqualTo(Method.INTEGRATED);
    assertThat(s.detail()).contains("energy counter: NVML_ERROR_NOT_SUPPORTED");
    clock.advanceSeconds(1);
    assertThat(s.poll(clock.instant()).joules()).isCloseTo(120.0, within(1e-9));
  }

  @Test
  void gpu_without_energy_or_power_is_modelled_from_utilisation_and_power_limit() {
    int gpu = fake.fake_nvml_add_device("NVIDIA A10G", "GPU-a10g", AMPERE);
    fake.fake_nvml_set_energy(gpu, 0, NvmlReturn.NOT_SUPPORTED);
    fake.fake_nvml_set_power(gpu, 0, NvmlReturn.NOT_SUPPORTED);
    fake.fake_nvml_set_power_limit(gpu, 150_000, 0);
    fake.fake_nvml_set_utilization(gpu, 40, 10, 0);
    Sensor s = only(openWith(Map.of()));
    assertThat(s.method()).isEqualTo(Method.MODELLED);
    assertThat(s.detail()).contains("utilisation × 150 W", "enforced power limit");
    clock.advanceSeconds(2);
    SensorReading r = s.poll(clock.instant());
    assertThat(r.joules()).isCloseTo(120.0, within(1e-9)); // 40 % of 150 W for 2 s
    assertThat(r.method()).isEqualTo(Method.MODELLED);
  }

  @Test
  void counter_that_does_not_advance_reports_integrated_power_instead_of_zero() {
    int gpu = fake.fake_nvml_add_device("NVIDIA L4", "GPU-l4", 8);
    fake.fake_nvml_set_energy(gpu, 777_000L, 0);
    fake.fake_nvml_set_power(gpu, 60_000, 0);
    Sensor s = only(openWith(Map.of()));
    clock.advanceSeconds(0.05);
    SensorReading r = s.poll(clock.instant());
    assertThat(r.joules()).isCloseTo(3.0, within(1e-9));
    assertThat(r.method()).isEqualTo(Method.INTEGRATED);
    assertThat(r.detail()).contains("did not advance");
  }

  @Test
  void gpu_that_is_lost_during_the_run_raises_device_lost() {
    int gpu = fake.fake_nvml_add_device("NVIDIA H100", "GPU-lost", HOPPER);
    Sensor s = only(openWith(Map.of()));
    fake.fake_nvml_set_energy(gpu, 0, NvmlReturn.GPU_IS_LOST);
    assertThatThrownBy(() -> s.poll(clock.instant()))
        .isInstanceOfSatisfying(
            NvmlException.class,
            e -> {
              assertThat(e.code()).isEqualTo(15);
              assertThat(e.kind()).isEqualTo(SensorException.Kind.DEVICE_LOST);
              assertThat(e.getMessage())
                  .contains(
                      "nvmlDeviceGetTotalEnergyConsumption on GPU 0",
                      "NVML_ERROR_GPU_IS_LOST",
                      "GPU is lost");
            });
  }

  @Test
  void no_driver_is_unavailable_with_nvmls_own_message() {
    fake.fake_nvml_set_init_result(NvmlReturn.DRIVER_NOT_LOADED);
    assertThatThrownBy(() -> openWith(Map.of()))
        .isInstanceOfSatisfying(
            NvmlException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(SensorException.Kind.UNAVAILABLE);
              assertThat(e.getMessage())
                  .contains("nvmlInit_v2", "NVML_ERROR_DRIVER_NOT_LOADED", "Driver Not Loaded");
            });
  }

  @Test
  void missing_library_is_unavailable_not_a_crash() {
    assertThatThrownBy(() -> Nvml.open("/nonexistent/libnvidia-ml.so.1"))
        .isInstanceOfSatisfying(
            NvmlException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NvmlReturn.LIBRARY_NOT_FOUND);
              assertThat(e.kind()).isEqualTo(SensorException.Kind.UNAVAILABLE);
              assertThat(e.getMessage()).contains("cannot load", "/nonexistent/libnvidia-ml.so.1");
            });
  }

  @Test
  void library_without_the_nvml_symbols_reads_as_function_not_found() {
    assertThatThrownBy(() -> Nvml.open("libc.so.6"))
        .isInstanceOfSatisfying(
            NvmlException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NvmlReturn.FUNCTION_NOT_FOUND);
              assertThat(e.kind()).isEqualTo(SensorException.Kind.UNAVAILABLE);
            });
  }

  @Test
  void no_permission_on_one_gpu_leaves_the_others_measured_and_says_why() {
    fake.fake_nvml_add_device("NVIDIA H100", "GPU-0000", HOPPER);
    int denied = fake.fake_nvml_add_device("NVIDIA H100", "GPU-1111", HOPPER);
    fake.fake_nvml_set_handle_result(denied, NvmlReturn.NO_PERMISSION);
    SensorSet set = openWith(Map.of("CUDA_VISIBLE_DEVICES", "0,1"));
    assertThat(set.sensors()).extracting(Sensor::key).containsExactly("gpu0");
    assertThat(set.notes())
        .anySatisfy(n -> assertThat(n).contains("GPU 1", "NVML_ERROR_NO_PERMISSION"));
  }

  @Test
  void return_codes_map_to_names_and_fallback_kinds() {
    assertThat(NvmlReturn.name(3)).isEqualTo("NVML_ERROR_NOT_SUPPORTED");
    assertThat(NvmlReturn.name(999)).isEqualTo("NVML_ERROR_UNKNOWN");
    assertThat(NvmlReturn.name(30)).isEqualTo("NVML_ERROR_RESET_TYPE_NOT_SUPPORTED");
    assertThat(NvmlReturn.name(4711)).isEqualTo("NVML code 4711");
    for (int unavailable : new int[] {3, 9, 12, 13}) {
      assertThat(NvmlReturn.kind(unavailable)).isEqualTo(SensorException.Kind.UNAVAILABLE);
    }
    assertThat(NvmlReturn.kind(15)).isEqualTo(SensorException.Kind.DEVICE_LOST);
    assertThat(NvmlReturn.kind(16)).isEqualTo(SensorException.Kind.DEVICE_LOST);
    assertThat(NvmlReturn.kind(4)).isEqualTo(SensorException.Kind.PERMISSION_DENIED);
    assertThat(NvmlReturn.kind(999)).isEqualTo(SensorException.Kind.READ_FAILED);
  }

  @Test
  void name_uuid_memory_and_utilisation_are_read() {
    int gpu = fake.fake_nvml_add_device("NVIDIA H200", "GPU-h200", HOPPER);
    fake.fake_nvml_set_utilization(gpu, 87, 55, 0);
    try (Nvml nvml = Nvml.open(FakeNvml.path())) {
      var h = nvml.handleByIndex(0);
      assertThat(nvml.name(h)).isEqualTo("NVIDIA H200");
      assertThat(nvml.uuid(h)).isEqualTo("GPU-h200");
      assertThat(nvml.architecture(h)).isEqualTo(9);
      assertThat(nvml.handleByUuid("GPU-h200")).isEqualTo(h);
      assertThat(nvml.utilization(h, "GPU 0")).isEqualTo(new Nvml.Utilization(87, 55));
      assertThat(nvml.memory(h, "GPU 0").totalBytes()).isEqualTo(80L << 30);
      assertThat(nvml.enforcedPowerLimitMilliwatts(h, "GPU 0")).isEqualTo(300_000);
      assertThatThrownBy(() -> nvml.handleByUuid("GPU-nope"))
          .hasMessageContaining("NVML_ERROR_NOT_FOUND");
    }
  }
}
