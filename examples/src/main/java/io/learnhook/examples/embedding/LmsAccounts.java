package io.learnhook.examples.embedding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands for an LMS's own user store, with its own model and names: accounts belong to tenants,
 * have a status rather than an "active" flag, an employee number and profile fields. LearnHook
 * never writes here; {@link AccountsUserDirectory} reads it.
 */
public final class LmsAccounts {
  /** The LMS's account states. */
  public enum Status {
    ACTIVE,
    SUSPENDED,
    DEACTIVATED
  }

  /** One account, as the LMS keeps it. */
  public record Account(
      String tenant,
      String id,
      String email,
      String displayName,
      Status status,
      Optional<String> employeeNumber,
      Map<String, String> profile) {
    public Account {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(employeeNumber, "employeeNumber");
      profile = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profile));
    }
  }

  private final Map<String, Account> accounts = new ConcurrentHashMap<>();

  /** Adds or replaces an account. */
  public LmsAccounts save(Account account) {
    accounts.put(account.tenant() + "\u0000" + account.id(), account);
    return this;
  }

  /** Every account of {@code tenant}, in no particular order. */
  public List<Account> ofTenant(String tenant) {
    List<Account> found = new ArrayList<>();
    for (Account account : accounts.values()) {
      if (account.tenant().equals(tenant)) {
        found.add(account);
      }
    }
    return found;
  }
}
