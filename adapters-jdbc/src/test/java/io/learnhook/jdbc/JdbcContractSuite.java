package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.spi.WebhookRepository.WebhookWithCompany;
import io.learnhook.testkit.contract.DirectoryFixture;
import io.learnhook.testkit.contract.StoreCompatibilityKit;
import io.learnhook.webhook.WebhookKey;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Every port's contract on one database, through the test kit's {@link StoreCompatibilityKit}. A
 * subclass per database registers the database as an extension and names it in {@link #database()}.
 */
abstract class JdbcContractSuite extends StoreCompatibilityKit<JdbcStore> {
  /** The database the contracts run on, registered by the subclass. */
  abstract TestDatabase database();

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
   * subscriptions are disabled or another company's is told so with its webhook. The port allows a
   * store not to look (false is always safe), so this holds for the JDBC store only.
   */
  @Test
  void saysACompanyHasNoEnabledReportSubscriptionWhenItsOnlyOnesAreDisabledOrAnotherCompanys() {
    directory.putCompany(new Company(ACME, true));
    directory.putCompany(new Company(GLOBEX, true));
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
