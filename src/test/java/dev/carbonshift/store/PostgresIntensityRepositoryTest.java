package dev.carbonshift.store;

/** The same intensity tests on PostgreSQL, where the upsert is INSERT … ON CONFLICT. */
class PostgresIntensityRepositoryTest extends IntensityRepositoryTest {
  @Override
  Database open() {
    return PostgresTestStore.require().open();
  }
}
