package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What only the PostgreSQL store has; the contract every backend keeps, PostgreSQL among them, is
 * {@link StoreContract}.
 */
class PostgresStoreTest {
  @Test
  void the_store_is_on_postgresql_with_quartz_tables_and_seeded_lock_rows() {
    try (Database db = PostgresTestStore.require().open()) {
      assertThat(db.dialect()).isEqualTo(Dialect.POSTGRESQL);
      List<String> locks =
          db.jdbc()
              .query("SELECT lock_name FROM qrtz_locks ORDER BY lock_name", rs -> rs.getString(1));
      assertThat(locks).containsExactly("STATE_ACCESS", "TRIGGER_ACCESS");
    }
  }
}
