package dev.carbonshift.energy.nvml;

import dev.carbonshift.energy.SensorException.Kind;

/** {@code nvmlReturn_t} codes, their names in {@code nvml.h}, and what each means for a meter. */
public final class NvmlReturn {
  public static final int SUCCESS = 0;
  public static final int UNINITIALIZED = 1;
  public static final int INVALID_ARGUMENT = 2;
  public static final int NOT_SUPPORTED = 3;
  public static final int NO_PERMISSION = 4;
  public static final int NOT_FOUND = 6;
  public static final int INSUFFICIENT_SIZE = 7;
  public static final int DRIVER_NOT_LOADED = 9;
  public static final int LIBRARY_NOT_FOUND = 12;
  public static final int FUNCTION_NOT_FOUND = 13;
  public static final int GPU_IS_LOST = 15;
  public static final int RESET_REQUIRED = 16;
  public static final int UNKNOWN = 999;

  private static final String[] NAMES = {
    "SUCCESS",
    "UNINITIALIZED",
    "INVALID_ARGUMENT",
    "NOT_SUPPORTED",
    "NO_PERMISSION",
    "ALREADY_INITIALIZED",
    "NOT_FOUND",
    "INSUFFICIENT_SIZE",
    "INSUFFICIENT_POWER",
    "DRIVER_NOT_LOADED",
    "TIMEOUT",
    "IRQ_ISSUE",
    "LIBRARY_NOT_FOUND",
    "FUNCTION_NOT_FOUND",
    "CORRUPTED_INFOROM",
    "GPU_IS_LOST",
    "RESET_REQUIRED",
    "OPERATING_SYSTEM",
    "LIB_RM_VERSION_MISMATCH",
    "IN_USE",
    "MEMORY",
    "NO_DATA",
    "VGPU_ECC_NOT_SUPPORTED",
    "INSUFFICIENT_RESOURCES",
    "FREQ_NOT_SUPPORTED",
    "ARGUMENT_VERSION_MISMATCH",
    "DEPRECATED",
    "NOT_READY",
    "GPU_NOT_FOUND",
    "INVALID_STATE",
    "RESET_TYPE_NOT_SUPPORTED"
  };

  private NvmlReturn() {}

  /** {@code NVML_ERROR_NOT_SUPPORTED} for 3, and so on; unknown codes are shown as numbers. */
  public static String name(int code) {
    if (code == UNKNOWN) {
      return "NVML_ERROR_UNKNOWN";
    }
    if (code == SUCCESS) {
      return "NVML_SUCCESS";
    }
    return code > 0 && code < NAMES.length ? "NVML_ERROR_" + NAMES[code] : "NVML code " + code;
  }

  /**
   * Not supported, no driver, no library, no such function: the sensor is unavailable, fall back.
   * Lost or needing a reset: the device is gone for this run. No permission: say so, fall back.
   */
  public static Kind kind(int code) {
    return switch (code) {
      case NOT_SUPPORTED, DRIVER_NOT_LOADED, LIBRARY_NOT_FOUND, FUNCTION_NOT_FOUND ->
          Kind.UNAVAILABLE;
      case GPU_IS_LOST, RESET_REQUIRED -> Kind.DEVICE_LOST;
      case NO_PERMISSION -> Kind.PERMISSION_DENIED;
      default -> Kind.READ_FAILED;
    };
  }
}
