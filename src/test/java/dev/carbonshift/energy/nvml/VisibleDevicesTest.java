package dev.carbonshift.energy.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.energy.Sensor;
import dev.carbonshift.energy.SensorException;
import dev.carbonshift.energy.model.TdpTables;
import dev.carbonshift.testing.TestClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Only the GPUs the job owns are measured, read as CUDA reads {@code CUDA_VISIBLE_DEVICES}. */
class VisibleDevicesTest {
  private FakeNvml.Control fake;

  @BeforeEach
  void fourGpus() {
    fake = FakeNvml.reset();
    fake.fake_nvml_add_device(
        "NVIDIA A100-SXM4-80GB", "GPU-0a0a0a0a-1111-2222-3333-444444444444", 7);
    fake.fake_nvml_add_device(
        "NVIDIA A100-SXM4-80GB", "GPU-1b1b1b1b-1111-2222-3333-444444444444", 7);
    fake.fake_nvml_add_device(
        "NVIDIA A100-SXM4-80GB", "GPU-2c2c2c2c-1111-2222-3333-444444444444", 7);
    fake.fake_nvml_add_device(
        "NVIDIA A100-SXM4-80GB", "GPU-3d3d3d3d-1111-2222-3333-444444444444", 7);
  }

  private List<String> owned(String visible, List<String> notes) {
    Map<String, String> env = new HashMap<>();
    if (visible != null) {
      env.put("CUDA_VISIBLE_DEVICES", visible);
    }
    var set =
        new NvmlSensors(FakeNvml.path(), env, TdpTables.empty()).open(new TestClock().instant());
    notes.addAll(set.notes());
    List<String> keys = set.sensors().stream().map(Sensor::key).toList();
    set.sensors().forEach(Sensor::close);
    return keys;
  }

  @ParameterizedTest(name = "CUDA_VISIBLE_DEVICES={0} -> {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "1,3;                                        gpu1 gpu3",
        "2;                                          gpu2",
        "3, 0;                                       gpu3 gpu0",
        "GPU-2c2c2c2c-1111-2222-3333-444444444444;   gpu2",
        "GPU-3d3d;                                   gpu3",
        "0,GPU-1b1b1b1b;                             gpu0 gpu1",
        "0,7,1;                                      gpu0",
        "1,1;                                        gpu1",
        "2,bogus,3;                                  gpu2",
      })
  void measures_only_the_gpus_the_job_owns(String visible, String expected) {
    List<String> notes = new ArrayList<>();
    assertThat(owned(visible, notes)).containsExactly(expected.trim().split(" "));
    assertThat(fake.fake_nvml_init_refs()).isZero();
  }

  @Test
  void unset_means_every_gpu_and_says_so() {
    List<String> notes = new ArrayList<>();
    assertThat(owned(null, notes)).containsExactly("gpu0", "gpu1", "gpu2", "gpu3");
    assertThat(notes).anySatisfy(n -> assertThat(n).contains("not set", "all 4 GPUs"));
  }

  @Test
  void an_invalid_entry_ends_the_list_like_cuda_and_is_noted() {
    List<String> notes = new ArrayList<>();
    assertThat(owned("0,7,1", notes)).containsExactly("gpu0");
    assertThat(notes).anySatisfy(n -> assertThat(n).contains("\"7\" names no GPU"));
  }

  @Test
  void empty_means_the_job_owns_no_gpu() {
    assertThatThrownBy(() -> owned("", new ArrayList<>()))
        .isInstanceOfSatisfying(
            SensorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(SensorException.Kind.UNAVAILABLE);
              assertThat(e.getMessage()).contains("owns no GPU");
            });
    assertThat(fake.fake_nvml_init_refs()).isZero();
  }

  @Test
  void indices_on_a_mixed_machine_warn_about_cuda_device_order() {
    fake.fake_nvml_add_device("NVIDIA T4", "GPU-4e4e", 6);
    List<String> notes = new ArrayList<>();
    owned("4", notes);
    assertThat(notes).anySatisfy(n -> assertThat(n).contains("CUDA_DEVICE_ORDER"));
  }
}
