package dev.carbonshift.store;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server the PostgreSQL tests run on, from {@code CARBONSHIFT_TEST_PG_URL}, {@code
 * CARBONSHIFT_TEST_PG_USER} and {@code CARBONSHIFT_TEST_PG_PASSWORD}. Without a URL those tests are
 * skipped, saying how to run them; when {@code CARBONSHIFT_TEST_PG_REQUIRED=true} (CI starts a
 * server and sets it) a missing or unreachable server fails them instead. Each test gets a schema
 * of its own, so every store starts empty.
 */
public record PostgresTestStore(String url, String user, String password) {

  static final String HOW =
      "PostgreSQL tests skipped: set CARBONSHIFT_TEST_PG_URL (jdbc:postgresql://host:port/db),"
          + " CARBONSHIFT_TEST_PG_USER and CARBONSHIFT_TEST_PG_PASSWORD, or run"
          + " eval \"$(.ci/postgres)\" first to start a throw-away server";

  /** The configured server, or the test is skipped (failed where CI requires one). */
  public static PostgresTestStore require() {
    String url = System.getenv("CARBONSHIFT_TEST_PG_URL");
    boolean required =
        "true"
            .equals(
                String.valueOf(System.getenv("CARBONSHIFT_TEST_PG_REQUIRED"))
                    .toLowerCase(Locale.ROOT));
    if (url == null || url.isBlank()) {
      if (required) {
        fail("CARBONSHIFT_TEST_PG_REQUIRED=true but CARBONSHIFT_TEST_PG_URL is not set");
      }
      assumeTrue(false, HOW);
    }
    return new PostgresTestStore(
        url,
        orEmpty(System.getenv("CARBONSHIFT_TEST_PG_USER")),
        orEmpty(System.getenv("CARBONSHIFT_TEST_PG_PASSWORD")));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** A URL to a new, empty schema of the test database. */
  public String freshSchemaUrl() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the PostgreSQL test server at " + url, e);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** A fresh, empty, migrated store on the server. */
  public Database open() {
    return Database.url(freshSchemaUrl(), user, password);
  }
}
