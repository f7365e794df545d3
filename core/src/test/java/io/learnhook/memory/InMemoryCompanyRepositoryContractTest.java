package io.learnhook.memory;

import io.learnhook.spi.contract.CompanyRepositoryContract;
import io.learnhook.spi.contract.DirectoryFixture;

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
