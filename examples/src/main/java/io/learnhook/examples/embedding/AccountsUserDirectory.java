package io.learnhook.examples.embedding;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.spi.UserDirectory;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A custom adapter: LearnHook's {@link UserDirectory} port over the LMS's own accounts, so
 * completions are matched against the LMS's users where they already live. Wire it in place of the
 * store's users:
 *
 * <pre>{@code
 * LearnHook.builder().store(store).users(new AccountsUserDirectory(accounts)).build();
 * }</pre>
 *
 * <p>It translates, and decides nothing: every account with the email is returned, suspended ones
 * too, since the rule that only active users match lives in core ({@code UserResolution}). {@code
 * AccountsUserDirectoryContractTest} proves it with the port's contract kit.
 */
public final class AccountsUserDirectory implements UserDirectory {
  private final LmsAccounts accounts;

  public AccountsUserDirectory(LmsAccounts accounts) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
  }

  @Override
  public List<User> findByEmail(CompanyId company, String email) {
    return accounts.ofTenant(company.value()).stream()
        .filter(account -> account.email().toLowerCase(Locale.ROOT).equals(email))
        .sorted(Comparator.comparing(LmsAccounts.Account::id)) // the port asks for a stable order
        .map(account -> toUser(company, account))
        .toList();
  }

  /** The account behind a completion, for its reports: suspended ones too (they did complete). */
  @Override
  public Optional<User> findById(CompanyId company, UserId id) {
    return accounts.ofTenant(company.value()).stream()
        .filter(account -> account.id().equals(id.value()))
        .findFirst()
        .map(account -> toUser(company, account));
  }

  private static User toUser(CompanyId company, LmsAccounts.Account account) {
    return new User(
        UserId.of(account.id()),
        company,
        account.email(),
        account.displayName(),
        account.status() == LmsAccounts.Status.ACTIVE,
        account.employeeNumber(),
        account.profile());
  }
}
