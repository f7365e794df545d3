package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.spi.WebhookWithCompany;
import io.learnhook.testkit.contract.CompanyRepositoryContract;
import io.learnhook.testkit.contract.CompletionRepositoryContract;
import io.learnhook.testkit.contract.DeliveryOutboxContract;
import io.learnhook.testkit.contract.DirectoryFixture;
import io.learnhook.testkit.contract.ItemCatalogContract;
import io.learnhook.testkit.contract.ReportSubscriptionRepositoryContract;
import io.learnhook.testkit.contract.RequestLogRepositoryContract;
import io.learnhook.testkit.contract.TransactionsContract;
import io.learnhook.testkit.contract.UserDirectoryContract;
import io.learnhook.testkit.contract.WebhookRepositoryContract;
import io.learnhook.webhook.WebhookKey;
import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every port's contract on one database: one nested class per port. A subclass per database
 * registers the database as an extension and names it in {@link #database()}.
 */
abstract class JdbcContractSuite {
  /** The database the contracts run on, registered by the subclass. */
  abstract TestDatabase database();

  @Nested
  class Companies extends CompanyRepositoryContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return database().newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }

  @Nested
  class Users extends UserDirectoryContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return database().newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }

  @Nested
  class Items extends ItemCatalogContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return database().newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }

  @Nested
  class Webhooks extends WebhookRepositoryContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return database().newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }

    /**
     * What saves the subscription lookup in the completion's transaction: a company whose only
     * subscriptions are disabled or another company's is told so with its webhook.
     */
    @Test
    void saysACompanyHasNoEnabledReportSubscriptionWhenItsOnlyOnesAreDisabledOrAnotherCompanys() {
      WebhookKey key = WebhookKey.generate();
      store.webhooks().save(withKeyHash(webhook(ACME, "w1", "KnowBe4"), key.hash()));
      store
          .subscriptions()
          .save(
              ReportSubscription.of(
                      SubscriptionId.of("s1"), ACME, URI.create("https://hooks.example.com/s1"))
                  .withEnabled(false));
      store
          .subscriptions()
          .save(
              ReportSubscription.of(
                  SubscriptionId.of("s2"), GLOBEX, URI.create("https://hooks.example.com/s2")));

      assertThat(
              store
                  .webhooks()
                  .findByKeyHashWithCompany(key.hash(), store.companies())
                  .map(WebhookWithCompany::noEnabledReportSubscriptions))
          .contains(true);
    }
  }

  @Nested
  class Completions extends CompletionRepositoryContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return database().newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }

  @Nested
  class RequestLog extends RequestLogRepositoryContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return database().newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }

  @Nested
  class Subscriptions extends ReportSubscriptionRepositoryContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return database().newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }

  @Nested
  class Outbox extends DeliveryOutboxContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return database().newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }

  @Nested
  class Transactions extends TransactionsContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return database().newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }
}
