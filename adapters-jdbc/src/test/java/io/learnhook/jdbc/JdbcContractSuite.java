package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.LearnHook;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.requestlog.RequestLogRetention;
import io.learnhook.spi.WebhookRepository.WebhookWithCompany;
import io.learnhook.testkit.contract.DirectoryFixture;
import io.learnhook.testkit.contract.StoreCompatibilityKit;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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

  /**
   * The request log's cap holds for every webhook whatever order calls arrive in: here strictly
   * alternating between two webhooks, each call logged (no such user). The engine prunes; the case
   * is here so that it runs on every database (core runs it on the in-memory store).
   */
  @Test
  void keepsEachWebhooksRequestLogWithinItsCapWhenCallsAlternateBetweenTwoWebhooks() {
    int cap = 20;
    directory.putCompany(new Company(ACME, true));
    List<WebhookKey> keys = List.of(WebhookKey.generate(), WebhookKey.generate());
    for (int i = 0; i < keys.size(); i++) {
      store.webhooks().save(withKeyHash(webhook(ACME, "w" + i, "W" + i), keys.get(i).hash()));
    }
    LearnHook learnHook =
        LearnHook.builder()
            .store(store)
            .rateLimits(RateLimits.off())
            .requestLogRetention(new RequestLogRetention(cap, Duration.ofDays(3650)))
            .build();

    for (int call = 0; call < 400; call++) {
      Ingested.post(
          learnHook,
          keys.get(call % 2),
          "{\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":\"1000\"}}");
    }

    for (int i = 0; i < keys.size(); i++) {
      assertThat(store.requestLog().latest(WebhookId.of("w" + i), 10_000))
          .as("entries of webhook w%d", i)
          .hasSizeBetween(cap, 2 * cap - 1);
    }
  }
}
