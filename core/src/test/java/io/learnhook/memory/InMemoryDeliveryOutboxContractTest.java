package io.learnhook.memory;

import io.learnhook.spi.contract.DirectoryFixture;
import io.learnhook.spi.contract.DeliveryOutboxContract;

class InMemoryDeliveryOutboxContractTest extends DeliveryOutboxContract<InMemoryStore> {
  @Override
  protected InMemoryStore newStore() {
    return new InMemoryStore();
  }

  @Override
  protected DirectoryFixture directoryOf(InMemoryStore store) {
    return DirectoryFixture.of(store::putCompany, store::putUser, store::putItem);
  }
}
