package io.learnhook.memory;

import io.learnhook.spi.contract.ItemCatalogContract;
import io.learnhook.spi.contract.DirectoryFixture;

class InMemoryItemCatalogContractTest extends ItemCatalogContract<InMemoryStore> {
  @Override
  protected InMemoryStore newStore() {
    return new InMemoryStore();
  }

  @Override
  protected DirectoryFixture directoryOf(InMemoryStore store) {
    return DirectoryFixture.of(store::putCompany, store::putUser, store::putItem);
  }
}
