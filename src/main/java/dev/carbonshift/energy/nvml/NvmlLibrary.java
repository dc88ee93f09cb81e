package dev.carbonshift.energy.nvml;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The NVML functions Carbonshift calls, bound by JNA to {@code libnvidia-ml.so.1}. Every function
 * returns an {@code nvmlReturn_t}; out-parameters are one-element arrays, which JNA passes as
 * pointers and copies back. C {@code unsigned int} arrives in a Java {@code int}: read it with
 * {@link Integer#toUnsignedLong(int)}.
 */
public interface NvmlLibrary extends Library {
  int nvmlInit_v2();

  int nvmlShutdown();

  String nvmlErrorString(int result);

  int nvmlDeviceGetCount_v2(int[] deviceCount);

  int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

  int nvmlDeviceGetHandleByUUID(String uuid, PointerByReference device);

  int nvmlDeviceGetName(Pointer device, byte[] name, int length);

  int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

  /** {@code nvmlDeviceArchitecture_t}: 5 Volta … 9 Hopper, 10 Blackwell, 0xffffffff unknown. */
  int nvmlDeviceGetArchitecture(Pointer device, int[] arch);

  /** Millijoules since the driver was last loaded; Volta and newer. */
  int nvmlDeviceGetTotalEnergyConsumption(Pointer device, long[] energyMillijoules);

  /** Milliwatts; a one-second average on Ampere (but GA100) and newer, instantaneous before. */
  int nvmlDeviceGetPowerUsage(Pointer device, int[] powerMilliwatts);

  int nvmlDeviceGetEnforcedPowerLimit(Pointer device, int[] limitMilliwatts);

  /** {@code nvmlUtilization_t {unsigned int gpu; unsigned int memory;}}, percent. */
  int nvmlDeviceGetUtilizationRates(Pointer device, int[] gpuAndMemoryPercent);

  /** {@code nvmlMemory_t {unsigned long long total, free, used;}}, bytes. */
  int nvmlDeviceGetMemoryInfo(Pointer device, long[] totalFreeUsedBytes);
}
