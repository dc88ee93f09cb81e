package dev.carbonshift.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A thin helper over plain JDBC: parameters bound by position, rows mapped by a lambda, {@link
 * SQLException} wrapped once into {@link StoreException}. Instants go in and come out as UTC {@code
 * TIMESTAMP WITH TIME ZONE}, whatever the JVM's time zone.
 */
public final class Jdbc {

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Work inside one transaction. */
  @FunctionalInterface
  public interface TransactionWork<T> {
    T run(Connection c) throws SQLException;
  }

  private final Database db;

  Jdbc(Database db) {
    this.db = db;
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    try (Connection c = db.connect()) {
      return query(c, sql, mapper, params);
    } catch (SQLException e) {
      throw new StoreException("query failed: " + sql, e);
    }
  }

  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = query(sql, mapper, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  public int update(String sql, Object... params) {
    try (Connection c = db.connect()) {
      return update(c, sql, params);
    } catch (SQLException e) {
      throw new StoreException("update failed: " + sql, e);
    }
  }

  /** Inserts a row and returns its generated {@code id}. */
  public long insert(String sql, Object... params) {
    try (Connection c = db.connect()) {
      return insert(c, sql, params);
    } catch (SQLException e) {
      throw new StoreException("insert failed: " + sql, e);
    }
  }

  public <T> T inTransaction(TransactionWork<T> work) {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("transaction failed: " + e.getMessage(), e);
    }
  }

  public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    }
  }

  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  public static long insert(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
      bind(ps, params);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("no generated key for: " + sql);
        }
        return keys.getLong(1);
      }
    }
  }

  /** Reads a {@code TIMESTAMP WITH TIME ZONE} column as an instant, or null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** Reads a nullable DOUBLE column. */
  public static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      int idx = i + 1;
      if (p == null) {
        ps.setNull(idx, Types.NULL);
      } else if (p instanceof Instant t) {
        // H2 keeps microseconds; truncating here makes every stored instant read back equal.
        ps.setObject(
            idx,
            t.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
            Types.TIMESTAMP_WITH_TIMEZONE);
      } else if (p instanceof Enum<?> e) {
        ps.setString(idx, e.name());
      } else if (p instanceof Timestamp) {
        throw new IllegalArgumentException("pass an Instant, not a Timestamp (time zone safety)");
      } else {
        ps.setObject(idx, p);
      }
    }
  }
}
