package dev.carbonshift.daemon.api;

/** A daemon answered a call with a problem document (or something that was not the API). */
public class DaemonProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public DaemonProblemException(int status, String detail) {
    super(detail);
    this.status = status;
  }

  /** The HTTP status, e.g. 404 for an unknown job, 409 for one that is already final. */
  public int status() {
    return status;
  }
}
