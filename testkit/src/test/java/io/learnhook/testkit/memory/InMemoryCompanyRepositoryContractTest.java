package io.learnhook.testkit.memory;

import io.learnhook.memory.InMemoryStore;
import io.learnhook.testkit.contract.CompanyRepositoryContract;
import io.learnhook.testkit.contract.DirectoryFixture;

class InMemoryCompanyRepositoryContractTest extends CompanyRepositoryContract<InMemoryStore> {
  @Override
  protected InMemoryStore newStore() {
    return new InMemoryStore();
  }

  @Override
  protected DirectoryFixture directoryOf(InMemoryStore store) {
    return DirectoryFixture.of(store::putCompany, store::putUser, store::putItem);
  }
}
