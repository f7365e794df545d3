package io.learnhook.testkit.memory;

import io.learnhook.memory.InMemoryStore;
import io.learnhook.testkit.contract.DirectoryFixture;
import io.learnhook.testkit.contract.StoreCompatibilityKit;

/** Every port's contract on the in-memory store. */
class InMemoryStoreCompatibilityTest extends StoreCompatibilityKit<InMemoryStore> {
  @Override
  protected InMemoryStore newStore() {
    return new InMemoryStore();
  }

  @Override
  protected DirectoryFixture directoryOf(InMemoryStore store) {
    return DirectoryFixture.of(store::putCompany, store::putUser, store::putItem);
  }
}
