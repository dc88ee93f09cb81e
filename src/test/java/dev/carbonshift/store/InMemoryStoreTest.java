package dev.carbonshift.store;

import java.util.UUID;

class InMemoryStoreTest extends StoreContract {
  @Override
  protected Database open() {
    return Database.inMemory("contract-" + UUID.randomUUID());
  }
}
