package dev.carbonshift.store;

/**
 * Another process holds the store file and did not hand it over within the wait: a condition that
 * passes, not damage and not a bug, so the command line says so in one line with its own exit code.
 */
public final class StoreBusyException extends StoreException {
  private static final long serialVersionUID = 1L;

  StoreBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
