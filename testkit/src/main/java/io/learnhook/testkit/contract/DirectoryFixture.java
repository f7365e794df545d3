package io.learnhook.testkit.contract;

import io.learnhook.directory.Company;
import io.learnhook.directory.Item;
import io.learnhook.directory.User;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Puts companies, users and items into the store under a {@link StoreCompatibilityKit}. The ports
 * only read these (the LMS owns them), so every adapter has its own way of writing them; a kit
 * subclass adapts it with {@link #of}, for example {@code DirectoryFixture.of(store::putCompany,
 * store::putUser, store::putItem)}.
 *
 * <p>Each method adds the value, or replaces the one with the same id (within its company, for
 * users and items).
 */
public interface DirectoryFixture {
  void putCompany(Company company);

  void putUser(User user);

  void putItem(Item item);

  /** A fixture from three writers, typically method references to the adapter's own. */
  static DirectoryFixture of(
      Consumer<Company> companies, Consumer<User> users, Consumer<Item> items) {
    Objects.requireNonNull(companies, "companies");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(items, "items");
    return new DirectoryFixture() {
      @Override
      public void putCompany(Company company) {
        companies.accept(company);
      }

      @Override
      public void putUser(User user) {
        users.accept(user);
      }

      @Override
      public void putItem(Item item) {
        items.accept(item);
      }
    };
  }
}
