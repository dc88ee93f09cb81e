package dev.carbonshift.store;

/** A failure of the knowledge store; wraps the {@link java.sql.SQLException} once, here. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
