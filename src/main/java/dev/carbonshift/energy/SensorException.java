package dev.carbonshift.energy;

/** A sensor could not be opened or read; {@link #kind()} says whether to fall back. */
public class SensorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a sensor failed. */
  public enum Kind {
    /** No such sensor here: no library, no driver, not supported by the hardware. */
    UNAVAILABLE,
    /** The sensor exists but this user may not read it. */
    PERMISSION_DENIED,
    /** The device went away (GPU lost, reset required); it will not come back in this run. */
    DEVICE_LOST,
    /** One read failed; the next may succeed. */
    READ_FAILED
  }

  private final Kind kind;

  public SensorException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public SensorException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
