package dev.carbonshift.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import org.h2.api.ErrorCode;

/**
 * A lock that daemons sharing one database hold in turn: a row of {@code cluster_locks} locked with
 * {@code SELECT … FOR UPDATE} for as long as the work runs. A daemon that dies holding it loses its
 * connection, and the database releases the lock.
 */
public final class ClusterLock {
  /** The planning round's lock. */
  public static final String PLAN = "plan";

  /** The lock a foreground {@code train} holds while it claims its job. */
  public static final String TRAIN = "train";

  private final Database db;
  private final String name;

  public ClusterLock(Database db, String name) {
    this.db = db;
    this.name = name;
  }

  /**
   * Runs {@code work} while holding the lock, waiting for it as long as another daemon holds it.
   */
  public <T> T holding(Supplier<T> work) {
    return holding(work, null);
  }

  /**
   * As {@link #holding(Supplier)}, waiting at most about {@code wait} for the lock (H2 gives up on
   * a row lock after its own lock timeout, a couple of seconds: the wait is tried again until the
   * bound). Only taking the lock is tried again, never {@code work}.
   *
   * @param wait the bound, or null to wait as the database does
   * @throws StoreBusyException when another holder kept the lock past {@code wait}
   */
  public <T> T holding(Supplier<T> work, Duration wait) {
    long deadline = wait == null ? 0 : System.nanoTime() + wait.toNanos();
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      while (true) {
        try (PreparedStatement ps =
            c.prepareStatement("SELECT name FROM cluster_locks WHERE name = ? FOR UPDATE")) {
          ps.setString(1, name);
          ps.executeQuery().close();
          break;
        } catch (SQLException e) {
          c.rollback();
          if (wait == null || e.getErrorCode() != ErrorCode.LOCK_TIMEOUT_1) {
            throw e;
          }
          if (System.nanoTime() - deadline >= 0) {
            throw new StoreBusyException(
                "another process held the store's '"
                    + name
                    + "' lock for more than "
                    + wait.toSeconds()
                    + " s; try again when it is done",
                e);
          }
        }
      }
      try {
        return work.get();
      } finally {
        c.commit();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot take the cluster lock '" + name + "': " + e.getMessage(), e);
    }
  }
}
