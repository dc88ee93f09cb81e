package dev.carbonshift.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.h2.api.ErrorCode;

/**
 * Waiting out another process's hold on an H2 file. Several CLI processes opening one store at once
 * race through H2's lock-file protocol: the loser of a race sees the lock file "recently modified",
 * or locked by a process whose auto-server is not up yet (or is shutting down). Those states pass
 * in well under a second, so the open is tried again, with jitter, until a bound; past it the user
 * gets one line saying who holds the store, not a stack of driver messages.
 */
final class StoreBusy {
  /** How long an open waits for another process to let go of the file, by default. */
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  private StoreBusy() {}

  /** Whether {@code e} is a lock race or a handover in progress, which a later try may not meet. */
  static boolean isLockRace(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql) {
        int code = sql.getErrorCode();
        String text = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
        if (code == ErrorCode.DATABASE_ALREADY_OPEN_1
            || code == ErrorCode.LOCK_TIMEOUT_1
            || code == ErrorCode.CONNECTION_BROKEN_1
            || code == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN
            || code == ErrorCode.DATABASE_IS_CLOSED
            || (code == ErrorCode.ERROR_OPENING_DATABASE_1
                && (text.contains("lock")
                    || text.contains("concurrent update")
                    || text.contains("another process")))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Runs {@code open} until it succeeds, fails for another reason, or {@code wait} has passed.
   *
   * @param store the store as the user should read it, for the message
   * @throws StoreBusyException when the lock is still held after {@code wait}
   */
  static <T> T waiting(Supplier<T> open, Duration wait, String store, String lockFile) {
    long deadline = System.nanoTime() + wait.toNanos();
    long pauseMillis = 20;
    while (true) {
      try {
        return open.get();
      } catch (RuntimeException e) {
        if (!isLockRace(e)) {
          throw e;
        }

        if (System.nanoTime() - deadline >= 0) {
          throw new StoreBusyException(
              "the store "
                  + store
                  + " is held by another process (lock file "
                  + lockFile
                  + ") and was not handed over within "
                  + wait.toSeconds()
                  + " s; try again when that process ends",
              e);
        }
      }
      try {
        // jitter: processes that lost the same race must not meet again at the same instant
        Thread.sleep(pauseMillis + ThreadLocalRandom.current().nextLong(pauseMillis));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for the store " + store, ie);
      }
      pauseMillis = Math.min(pauseMillis * 2, 400);
    }
  }
}
