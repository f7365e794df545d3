package io.learnhook.examples.embedding;

import io.learnhook.directory.User;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.CompletionRepository;
import io.learnhook.spi.ItemCatalog;
import io.learnhook.spi.LearnHookStore;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.spi.UserDirectory;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.testkit.contract.DirectoryFixture;
import io.learnhook.testkit.contract.UserDirectoryContract;

/**
 * The custom adapter passes the same contract as LearnHook's own: a subclass of the kit, a store
 * whose users come from the LMS's accounts, and a way to put users there.
 */
class AccountsUserDirectoryContractTest
    extends UserDirectoryContract<AccountsUserDirectoryContractTest.AccountsStore> {
  @Override
  protected AccountsStore newStore() {
    return new AccountsStore(new LmsAccounts());
  }

  @Override
  protected DirectoryFixture directoryOf(AccountsStore store) {
    return DirectoryFixture.of(store.others::putCompany, store::putUser, store.others::putItem);
  }

  /** LearnHook's in-memory store, but with the LMS's own users. */
  static final class AccountsStore implements LearnHookStore {
    final LmsAccounts accounts;
    final InMemoryStore others = new InMemoryStore();
    private final UserDirectory users;

    AccountsStore(LmsAccounts accounts) {
      this.accounts = accounts;
      this.users = new AccountsUserDirectory(accounts);
    }

    /** How the LMS would store the user the contract describes. */
    void putUser(User user) {
      accounts.save(
          new LmsAccounts.Account(
              user.company().value(),
              user.id().value(),
              user.email(),
              user.name(),
              user.active() ? LmsAccounts.Status.ACTIVE : LmsAccounts.Status.SUSPENDED,
              user.externalUid(),
              user.customFields()));
    }

    @Override
    public CompanyRepository companies() {
      return others.companies();
    }

    @Override
    public UserDirectory users() {
      return users;
    }

    @Override
    public ItemCatalog items() {
      return others.items();
    }

    @Override
    public WebhookRepository webhooks() {
      return others.webhooks();
    }

    @Override
    public CompletionRepository completions() {
      return others.completions();
    }

    @Override
    public RequestLogRepository requestLog() {
      return others.requestLog();
    }

    @Override
    public io.learnhook.spi.ReportSubscriptionRepository subscriptions() {
      return others.subscriptions();
    }

    @Override
    public io.learnhook.spi.DeliveryOutbox outbox() {
      return others.outbox();
    }

    @Override
    public io.learnhook.spi.Transactions transactions() {
      return others.transactions();
    }
  }
}
