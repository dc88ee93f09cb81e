package dev.carbonshift.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * A lock that daemons sharing one database hold in turn: a row of {@code cluster_locks} locked with
 * {@code SELECT … FOR UPDATE} for as long as the work runs. A daemon that dies holding it loses its
 * connection, and the database releases the lock.
 */
public final class ClusterLock {
  /** The planning round's lock. */
  public static final String PLAN = "plan";

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
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement("SELECT name FROM cluster_locks WHERE name = ? FOR UPDATE")) {
        ps.setString(1, name);
        ps.executeQuery().close();
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
