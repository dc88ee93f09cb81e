package dev.carbonshift.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connection pool of a store on a database server (HikariCP): opening a PostgreSQL connection
 * costs a TCP handshake and a password exchange, far more than a query. Credentials are handed to
 * the pool, never put in the URL, so nothing that logs the URL shows them.
 */
final class ServerPool implements AutoCloseable {
  /** Connections per process: Quartz's threads, the workers' heartbeats and the API share them. */
  static final int MAX_CONNECTIONS = 20;

  private final HikariDataSource pool;

  ServerPool(String url, String user, String password) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    if (!user.isEmpty()) {
      c.setUsername(user);
    }
    if (!password.isEmpty()) {
      c.setPassword(password);
    }
    c.setMaximumPoolSize(MAX_CONNECTIONS);
    c.setMinimumIdle(2);
    c.setPoolName("carbonshift-store");
    // a store that cannot be reached fails the open, as an H2 file that cannot be opened does
    c.setInitializationFailTimeout(10_000);
    pool = new HikariDataSource(c);
  }

  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  javax.sql.DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }
}
