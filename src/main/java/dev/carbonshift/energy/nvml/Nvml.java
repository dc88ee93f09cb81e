package dev.carbonshift.energy.nvml;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * An initialised NVML: loads the library, calls {@code nvmlInit_v2}, and turns every failing return
 * code into an {@link NvmlException} whose message names the call, the device, the code and NVML's
 * own description. {@link #close()} calls {@code nvmlShutdown} once.
 */
public final class Nvml implements AutoCloseable {
  /** The driver's SONAME on Linux (the unversioned name exists only with dev packages). */
  public static final String DEFAULT_LIBRARY = Platform.isWindows() ? "nvml" : "libnvidia-ml.so.1";

  public static final int NAME_BUFFER = 96;
  public static final long ARCH_VOLTA = 5;

  /** Utilisation in percent over the driver's last sample period. */
  public record Utilization(int gpuPercent, int memoryPercent) {}

  /** Device memory in bytes. */
  public record Memory(long totalBytes, long freeBytes, long usedBytes) {}

  private final NvmlLibrary lib;
  private final String library;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Nvml(NvmlLibrary lib, String library) {
    this.lib = lib;
    this.library = library;
  }

  /**
   * Loads {@code library} (a name such as {@code libnvidia-ml.so.1} or a path) and initialises
   * NVML.
   *
   * @throws NvmlException {@code LIBRARY_NOT_FOUND} when it cannot be loaded, or the code of {@code
   *     nvmlInit_v2}
   */
  public static Nvml open(String library) {
    NvmlLibrary lib;
    try {
      lib = Native.load(library, NvmlLibrary.class);
    } catch (UnsatisfiedLinkError e) {
      throw new NvmlException(
          NvmlReturn.LIBRARY_NOT_FOUND,
          "cannot load the NVML library "
              + library
              + " (no NVIDIA driver on this machine?): "
              + firstLine(e.getMessage()),
          e);
    }
    Nvml nvml = new Nvml(lib, library);
    nvml.check(nvml.call(lib::nvmlInit_v2), "nvmlInit_v2", null);
    return nvml;
  }

  public String library() {
    return library;
  }

  public int deviceCount() {
    int[] n = new int[1];
    check(call(() -> lib.nvmlDeviceGetCount_v2(n)), "nvmlDeviceGetCount_v2", null);
    return n[0];
  }

  public Pointer handleByIndex(int index) {
    PointerByReference ref = new PointerByReference();
    check(
        call(() -> lib.nvmlDeviceGetHandleByIndex_v2(index, ref)),
        "nvmlDeviceGetHandleByIndex_v2",
        "GPU " + index);
    return ref.getValue();
  }

  public Pointer handleByUuid(String uuid) {
    PointerByReference ref = new PointerByReference();
    check(call(() -> lib.nvmlDeviceGetHandleByUUID(uuid, ref)), "nvmlDeviceGetHandleByUUID", uuid);
    return ref.getValue();
  }

  public String name(Pointer device) {
    byte[] buf = new byte[NAME_BUFFER];
    check(call(() -> lib.nvmlDeviceGetName(device, buf, buf.length)), "nvmlDeviceGetName", null);
    return Native.toString(buf);
  }

  public String uuid(Pointer device) {
    byte[] buf = new byte[NAME_BUFFER];
    check(call(() -> lib.nvmlDeviceGetUUID(device, buf, buf.length)), "nvmlDeviceGetUUID", null);
    return Native.toString(buf);
  }

  /** {@code nvmlDeviceArchitecture_t} as an unsigned value. */
  public long architecture(Pointer device) {
    int[] a = new int[1];
    check(call(() -> lib.nvmlDeviceGetArchitecture(device, a)), "nvmlDeviceGetArchitecture", null);
    return Integer.toUnsignedLong(a[0]);
  }

  public long totalEnergyMillijoules(Pointer device, String label) {
    long[] e = new long[1];
    check(
        call(() -> lib.nvmlDeviceGetTotalEnergyConsumption(device, e)),
        "nvmlDeviceGetTotalEnergyConsumption",
        label);
    return e[0];
  }

  public long powerMilliwatts(Pointer device, String label) {
    int[] p = new int[1];
    check(call(() -> lib.nvmlDeviceGetPowerUsage(device, p)), "nvmlDeviceGetPowerUsage", label);
    return Integer.toUnsignedLong(p[0]);
  }

  public long enforcedPowerLimitMilliwatts(Pointer device, String label) {
    int[] p = new int[1];
    check(
        call(() -> lib.nvmlDeviceGetEnforcedPowerLimit(device, p)),
        "nvmlDeviceGetEnforcedPowerLimit",
        label);
    return Integer.toUnsignedLong(p[0]);
  }

  public Utilization utilization(Pointer device, String label) {
    int[] u = new int[2];
    check(
        call(() -> lib.nvmlDeviceGetUtilizationRates(device, u)),
        "nvmlDeviceGetUtilizationRates",
        label);
    return new Utilization(u[0], u[1]);
  }

  public Memory memory(Pointer device, String label) {
    long[] m = new long[3];
    check(call(() -> lib.nvmlDeviceGetMemoryInfo(device, m)), "nvmlDeviceGetMemoryInfo", label);
    return new Memory(m[0], m[1], m[2]);
  }

  /** A missing symbol (an old driver) reads as {@code FUNCTION_NOT_FOUND}, like NVML's own code. */
  private int call(IntSupplier fn) {
    try {
      return fn.getAsInt();
    } catch (UnsatisfiedLinkError e) {
      return NvmlReturn.FUNCTION_NOT_FOUND;
    }
  }

  private void check(int rc, String function, String device) {
    if (rc == NvmlReturn.SUCCESS) {
      return;
    }
    String described;
    try {
      described = lib.nvmlErrorString(rc);
    } catch (UnsatisfiedLinkError e) {
      described = null;
    }
    throw new NvmlException(
        rc,
        function
            + (device == null ? "" : " on " + device)
            + " returned "
            + NvmlReturn.name(rc)
            + " ("
            + rc
            + (described == null ? "" : ", \"" + described + "\"")
            + ")");
  }

  /** Calls {@code nvmlShutdown} once; NVML counts inits, so each open needs exactly one. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      call(lib::nvmlShutdown);
    }
  }

  /** JNA lists every path it tried; the first two lines say what matters. */
  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    return String.join(" ", s.lines().limit(2).toList()).replace(": ", ": ").strip();
  }
}
