package dev.carbonshift.energy.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.carbonshift.energy.Method;
import dev.carbonshift.energy.Sensor;
import dev.carbonshift.energy.SensorReading;
import dev.carbonshift.energy.model.TdpTables;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reads a real GPU through the same binding, when one is present; skips otherwise. Prints what it
 * read, for the person running it: {@code mvn test -Pall-tests -Dtest=RealGpuTest}.
 */
@Tag("gpu")
class RealGpuTest {

  /** Just enough of the CUDA driver API to keep a GPU busy: memset loops on a large buffer. */
  interface Cuda extends Library {
    int cuInit(int flags);

    int cuDeviceGet(int[] device, int ordinal);

    int cuCtxCreate_v2(PointerByReference ctx, int flags, int device);

    int cuMemAlloc_v2(LongByReference ptr, long bytes);

    int cuMemsetD32_v2(long ptr, int value, long count);

    int cuCtxSynchronize();

    int cuMemFree_v2(long ptr);

    int cuCtxDestroy_v2(Pointer ctx);
  }

  @Test
  void reads_energy_and_power_of_the_first_owned_gpu_over_a_busy_period() throws Exception {
    Nvml probe;
    try {
      probe = Nvml.open(Nvml.DEFAULT_LIBRARY);
    } catch (NvmlException e) {
      assumeTrue(false, "no NVIDIA driver here: " + e.getMessage());
      return;
    }
    int count;
    try (probe) {
      count = probe.deviceCount();
    }
    assumeTrue(count > 0, "NVML sees no GPU");

    var set =
        new NvmlSensors(Nvml.DEFAULT_LIBRARY, System.getenv(), TdpTables.empty())
            .open(Instant.now());
    Sensor gpu = set.sensors().get(0);
    System.out.println("[gpu] " + gpu.detail());
    set.notes().forEach(n -> System.out.println("[gpu] note: " + n));
    System.out.println("[gpu] method: " + gpu.method().label());
    long t0 = System.nanoTime();
    String busy = busy(3.0);
    double seconds = (System.nanoTime() - t0) / 1e9;
    SensorReading r = gpu.poll(Instant.now());
    System.out.printf(
        Locale.ROOT,
        "[gpu] %s: %.1f J over %.2f s (mean %.1f W), power now %.1f W, method %s%n",
        busy,
        r.joules(),
        seconds,
        r.joules() / seconds,
        r.watts(),
        r.method().label());
    try (Nvml nvml = Nvml.open(Nvml.DEFAULT_LIBRARY)) {
      Pointer h = nvml.handleByIndex(0);
      System.out.printf(
          Locale.ROOT,
          "[gpu] GPU 0: %s, %s, arch %s, limit %.0f W, utilisation %s, memory used %.1f GB%n",
          nvml.name(h),
          nvml.uuid(h),
          GpuSensors.architectureName(nvml.architecture(h)),
          nvml.enforcedPowerLimitMilliwatts(h, "GPU 0") / 1000.0,
          nvml.utilization(h, "GPU 0"),
          nvml.memory(h, "GPU 0").usedBytes() / 1e9);
    }
    set.sensors().forEach(Sensor::close);

    assertThat(r.joules()).as("a GPU that is powered uses energy").isGreaterThan(0);
    if (gpu.method() == Method.COUNTER) {
      assertThat(r.joules() / seconds).as("mean power, W").isBetween(5.0, 2000.0);
    }
  }

  /** Keeps GPU 0 busy for about {@code seconds} with memsets, if the CUDA driver is there. */
  private static String busy(double seconds) throws InterruptedException {
    Cuda cuda;
    try {
      cuda = Native.load("libcuda.so.1", Cuda.class);
    } catch (UnsatisfiedLinkError e) {
      Thread.sleep((long) (seconds * 1000));
      return "idle (no libcuda.so.1)";
    }
    int[] dev = new int[1];
    PointerByReference ctx = new PointerByReference();
    LongByReference buf = new LongByReference();
    long words = 256L << 20; // 1 GiB of 32-bit words
    if (cuda.cuInit(0) != 0
        || cuda.cuDeviceGet(dev, 0) != 0
        || cuda.cuCtxCreate_v2(ctx, 0, dev[0]) != 0) {
      Thread.sleep((long) (seconds * 1000));
      return "idle (CUDA context failed)";
    }
    try {
      if (cuda.cuMemAlloc_v2(buf, words * 4) != 0) {
        Thread.sleep((long) (seconds * 1000));
        return "idle (cuMemAlloc failed)";
      }
      long end = System.nanoTime() + (long) (seconds * 1e9);
      int loops = 0;
      while (System.nanoTime() < end) {
        for (int i = 0; i < 20; i++) {
          cuda.cuMemsetD32_v2(buf.getValue(), i, words);
        }
        cuda.cuCtxSynchronize();
        loops++;
      }
      cuda.cuMemFree_v2(buf.getValue());
      return "busy (" + loops * 20 + " memsets of 1 GiB)";
    } finally {
      cuda.cuCtxDestroy_v2(ctx.getValue());
    }
  }
}
