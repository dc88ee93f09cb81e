package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store contract on PostgreSQL, each test in a schema of its own (see PostgresTestStore). */
class PostgresStoreTest extends StoreContract {
  @Override
  protected Database open() {
    return PostgresTestStore.require().open();
  }

  @AfterEach
  void closeStore() {
    if (db != null) { // null when the test was skipped for want of a server
      db.close();
    }
  }

  @Test
  void the_store_is_on_postgresql_with_quartz_tables_and_seeded_lock_rows() {
    assertThat(db.dialect()).isEqualTo(Dialect.POSTGRESQL);
    List<String> locks =
        db.jdbc()
            .query("SELECT lock_name FROM qrtz_locks ORDER BY lock_name", rs -> rs.getString(1));
    assertThat(locks).containsExactly("STATE_ACCESS", "TRIGGER_ACCESS");
  }
}
