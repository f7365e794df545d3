package io.learnhook.examples.embedding;

import io.learnhook.directory.User;
import io.learnhook.examples.embedding.LmsAccounts.Account;
import io.learnhook.examples.embedding.LmsAccounts.Status;
import io.learnhook.spi.UserDirectory;
import io.learnhook.testkit.contract.UserDirectoryContract;

/** The custom adapter passes the contract LearnHook's own stores pass: a directory, and users. */
class AccountsUserDirectoryContractTest extends UserDirectoryContract {
  private final LmsAccounts accounts = new LmsAccounts(); // JUnit makes one per test

  @Override
  protected UserDirectory users() {
    return new AccountsUserDirectory(accounts);
  }

  @Override
  protected void putUser(User u) { // how the LMS would keep the user the contract describes
    Status s = u.active() ? Status.ACTIVE : Status.SUSPENDED;
    String t = u.company().value();
    accounts.save(
        new Account(t, u.id().value(), u.email(), u.name(), s, u.externalUid(), u.customFields()));
  }
}
