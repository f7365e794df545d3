package io.learnhook.memory;

import io.learnhook.spi.contract.CompletionRepositoryContract;
import io.learnhook.spi.contract.DirectoryFixture;

class InMemoryCompletionRepositoryContractTest extends CompletionRepositoryContract<InMemoryStore> {
  @Override
  protected InMemoryStore newStore() {
    return new InMemoryStore();
  }

  @Override
  protected DirectoryFixture directoryOf(InMemoryStore store) {
    return DirectoryFixture.of(store::putCompany, store::putUser, store::putItem);
  }
}
