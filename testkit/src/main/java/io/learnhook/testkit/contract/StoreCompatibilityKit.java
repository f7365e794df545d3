package io.learnhook.testkit.contract;

import io.learnhook.directory.Company;
import io.learnhook.directory.Item;
import io.learnhook.directory.User;
import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.CompletionRepository;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.ItemCatalog;
import io.learnhook.spi.LearnHookStore;
import io.learnhook.spi.ReportSubscriptionRepository;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.spi.UserDirectory;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.webhook.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * Every port's contract against one whole {@link LearnHookStore}: one nested class per port kit,
 * each run on a fresh store. Extend it, say how to make an empty store and how to put companies,
 * users and items into it:
 *
 * <pre>{@code
 * class MyStoreCompatibilityTest extends StoreCompatibilityKit<MyStore> {
 *   protected MyStore newStore() { return new MyStore(dataSource()); }
 *
 *   protected DirectoryFixture directoryOf(MyStore store) {
 *     return DirectoryFixture.of(store::putCompany, store::putUser, store::putItem);
 *   }
 * }
 * }</pre>
 *
 * <p>A store-specific test may sit next to the nested ones as a plain {@code @Test} method of the
 * subclass; {@link #store} and {@link #directory} are fresh for it too.
 *
 * @param <S> the adapter's store type
 */
public abstract class StoreCompatibilityKit<S extends LearnHookStore> extends PortContract {
  /** The store under test, fresh for each test. */
  protected S store;

  /** Writes companies, users and items into {@link #store}. */
  protected DirectoryFixture directory;

  /** A new, empty store; called before each test. */
  protected abstract S newStore();

  /** How to put companies, users and items into {@code store}. */
  protected abstract DirectoryFixture directoryOf(S store);

  /**
   * Runs before the nested kits' own set-up (JUnit runs an enclosing class's {@code @BeforeEach}
   * first), so their seeding finds the store.
   */
  @BeforeEach
  protected final void createStore() {
    store = newStore();
    directory = directoryOf(store);
  }

  @Nested
  class Companies extends CompanyRepositoryContract {
    @Override
    protected CompanyRepository companies() {
      return store.companies();
    }

    @Override
    protected void putCompany(Company company) {
      directory.putCompany(company);
    }
  }

  @Nested
  class Users extends UserDirectoryContract {
    @Override
    protected UserDirectory users() {
      return store.users();
    }

    @Override
    protected void putUser(User user) {
      directory.putUser(user);
    }

    @Override
    protected void putCompany(Company company) {
      directory.putCompany(company);
    }
  }

  @Nested
  class Items extends ItemCatalogContract {
    @Override
    protected ItemCatalog items() {
      return store.items();
    }

    @Override
    protected void putItem(Item item) {
      directory.putItem(item);
    }

    @Override
    protected void putCompany(Company company) {
      directory.putCompany(company);
    }
  }

  @Nested
  class Webhooks extends WebhookRepositoryContract {
    @Override
    protected WebhookRepository webhooks() {
      return store.webhooks();
    }

    @Override
    protected CompanyRepository companies() {
      return store.companies();
    }

    @Override
    protected ReportSubscriptionRepository subscriptions() {
      return store.subscriptions();
    }

    @Override
    protected void putCompany(Company company) {
      directory.putCompany(company);
    }
  }

  @Nested
  class Completions extends CompletionRepositoryContract {
    @Override
    protected CompletionRepository completions() {
      return store.completions();
    }

    @Override
    protected void putCompany(Company company) {
      directory.putCompany(company);
    }

    @Override
    protected void putUser(User user) {
      directory.putUser(user);
    }

    @Override
    protected void putItem(Item item) {
      directory.putItem(item);
    }

    @Override
    protected void saveWebhook(Webhook webhook) {
      store.webhooks().save(webhook);
    }
  }

  @Nested
  class RequestLog extends RequestLogRepositoryContract {
    @Override
    protected RequestLogRepository requestLog() {
      return store.requestLog();
    }

    @Override
    protected void saveWebhook(Webhook webhook) {
      store.webhooks().save(webhook);
    }
  }

  @Nested
  class Subscriptions extends ReportSubscriptionRepositoryContract {
    @Override
    protected ReportSubscriptionRepository subscriptions() {
      return store.subscriptions();
    }

    @Override
    protected void putCompany(Company company) {
      directory.putCompany(company);
    }
  }

  @Nested
  class Outbox extends DeliveryOutboxContract {
    @Override
    protected DeliveryOutbox outbox() {
      return store.outbox();
    }

    @Override
    protected void putCompany(Company company) {
      directory.putCompany(company);
    }
  }

  @Nested
  class Transactions extends TransactionsContract {
    @Override
    protected io.learnhook.spi.Transactions transactions() {
      return store.transactions();
    }

    @Override
    protected CompletionRepository completions() {
      return store.completions();
    }

    @Override
    protected DeliveryOutbox outbox() {
      return store.outbox();
    }

    @Override
    protected void putCompany(Company company) {
      directory.putCompany(company);
    }
  }
}
