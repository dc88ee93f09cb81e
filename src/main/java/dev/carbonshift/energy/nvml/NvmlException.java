package dev.carbonshift.energy.nvml;

import dev.carbonshift.energy.SensorException;

/** An NVML call that did not return {@code NVML_SUCCESS}; {@link #code()} is the return code. */
public final class NvmlException extends SensorException {
  private static final long serialVersionUID = 1L;
  private final int code;

  public NvmlException(int code, String message) {
    super(NvmlReturn.kind(code), message);
    this.code = code;
  }

  public NvmlException(int code, String message, Throwable cause) {
    super(NvmlReturn.kind(code), message, cause);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
