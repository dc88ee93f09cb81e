package dev.carbonshift.store;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What differs between the databases the store runs on, in one place: where each one's migrations
 * live (the portable ones in {@code db/migration}, the few that must differ in a folder per
 * database), the one statement whose syntax differs (an upsert), and whether several daemons may
 * share the database.
 */
public enum Dialect {
  /** The embedded default: a file (or memory) that one daemon owns. */
  H2("classpath:db/h2", false),
  /** A database server that several daemons share, Quartz clustered on it. */
  POSTGRESQL("classpath:db/postgresql", true);

  private final String ownMigrations;
  private final boolean shared;

  Dialect(String ownMigrations, boolean shared) {
    this.ownMigrations = ownMigrations;
    this.shared = shared;
  }

  /**
   * The dialect of a JDBC URL.
   *
   * @throws StoreException for a database the store does not support, naming the ones it does
   */
  public static Dialect of(String jdbcUrl) {
    String u = jdbcUrl.toLowerCase(Locale.ROOT);
    if (u.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (u.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new StoreException(
        "the store at "
            + redacted(jdbcUrl)
            + " is on a database Carbonshift does not support; give an H2 path or a"
            + " jdbc:postgresql://host:port/database URL");
  }

  /** Flyway's locations: the portable migrations, then this database's own. */
  String[] migrationLocations() {
    return new String[] {"classpath:db/migration", ownMigrations};
  }

  /** True where several daemons, on several machines, may share the store. */
  public boolean shared() {
    return shared;
  }

  /**
   * An insert that replaces the row with the same key, with one {@code ?} per column in {@code
   * columns} order ({@code keys} among them).
   */
  String upsert(String table, List<String> keys, List<String> columns) {
    String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    String cols = String.join(", ", columns);
    return switch (this) {
      case H2 ->
          "MERGE INTO "
              + table
              + " ("
              + cols
              + ") KEY ("
              + String.join(", ", keys)
              + ") VALUES ("
              + marks
              + ")";
      case POSTGRESQL ->
          "INSERT INTO "
              + table
              + " ("
              + cols
              + ") VALUES ("
              + marks
              + ") ON CONFLICT ("
              + String.join(", ", keys)
              + ") DO UPDATE SET "
              + columns.stream()
                  .filter(c -> !keys.contains(c))
                  .map(c -> c + " = EXCLUDED." + c)
                  .collect(Collectors.joining(", "));
    };
  }

  /**
   * The URL as it may be shown or logged: the values of settings that may hold a credential ({@code
   * password}, {@code user}, {@code sslpassword}, …) are replaced by {@code ***}.
   */
  public static String redacted(String jdbcUrl) {
    return jdbcUrl
        .replaceAll("(?i)(://)[^/@?;]*@", "$1***@")
        .replaceAll("(?i)([?&;](?:[a-z]*password|user|sslkey)=)[^&;]*", "$1***");
  }
}
