package io.learnhook.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.ingest.CompletionIngest.RequestBody;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogRetention;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The request log's cap holds for every webhook whatever order calls arrive in (learnhook-jdbc runs
 * the same case on H2, PostgreSQL and MariaDB).
 */
class RequestLogCapTest {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final int CAP = 20;

  @Test
  void keepsEachWebhooksLogWithinItsCapWhenCallsAlternateBetweenTwoWebhooks() {
    InMemoryStore store = new InMemoryStore();
    store.putCompany(new Company(ACME, true));
    List<WebhookKey> keys = List.of(WebhookKey.generate(), WebhookKey.generate());
    for (int i = 0; i < keys.size(); i++) {
      store
          .webhooks()
          .save(
              new Webhook(
                  WebhookId.of("w" + i),
                  ACME,
                  "w" + i,
                  keys.get(i).hash(),
                  FieldMapping.parse("{\"email\":\"user.email\",\"slug\":\"slug\"}"),
                  Optional.empty(),
                  NOW,
                  NOW));
    }
    CompletionIngest ingest =
        LearnHook.builder()
            .store(store)
            .rateLimits(RateLimits.off())
            .requestLogRetention(new RequestLogRetention(CAP, Duration.ofDays(30)))
            .build()
            .ingest();

    // 300 calls each, strictly alternating; every one is logged (no such user: 404).
    for (int call = 0; call < 600; call++) {
      ingest.ingest(
          Optional.of(keys.get(call % 2)),
          Optional.empty(),
          false,
          RequestBody.of(
              "{\"user\":{\"email\":\"nobody@acme.test\"},\"slug\":\"s\"}"
                  .getBytes(StandardCharsets.UTF_8)));
    }

    for (int i = 0; i < keys.size(); i++) {
      int kept = store.requestLog().latest(WebhookId.of("w" + i), 10_000).size();
      // At most the cap plus what was appended since the last prune of that webhook.
      assertThat(kept).as("entries of webhook w%d", i).isBetween(CAP, 2 * CAP - 1);
    }
  }

  /**
   * Counting per webhook costs no more prunes than counting per node: a node that hears from many
   * webhooks once each (more than it keeps counters for) prunes about once per 128 appends, not on
   * every one.
   */
  @Test
  void prunesAboutOncePer128AppendsWhenManyWebhooksCallOnceEach() {
    InMemoryStore store = new InMemoryStore();
    AtomicInteger prunes = new AtomicInteger();
    RequestLogRepository counting =
        new RequestLogRepository() {
          @Override
          public void append(RequestLogEntry entry) {}

          @Override
          public List<RequestLogEntry> latest(WebhookId webhook, int limit) {
            return List.of();
          }

          @Override
          public List<RequestLogEntry> latest(
              WebhookId webhook, RequestLogEntry.Outcome outcome, int limit) {
            return List.of();
          }

          @Override
          public int prune(WebhookId webhook, int keep, Instant olderThan) {
            prunes.incrementAndGet();
            return store.requestLog().prune(webhook, keep, olderThan);
          }

          @Override
          public int pruneOlderThan(Instant olderThan, int batch) {
            return store.requestLog().pruneOlderThan(olderThan, batch);
          }
        };
    RequestLogWriter writer =
        new RequestLogWriter(
            counting, RequestLogRetention.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    int webhooks = 3 * RequestLogWriter.MAX_COUNTED;

    for (int i = 0; i < webhooks; i++) {
      writer.append(
          new RequestLogEntry(
              WebhookId.of("w" + i),
              NOW,
              false,
              RequestLogEntry.Outcome.REJECTED,
              404,
              Optional.empty(),
              Optional.of("User not found")));
    }

    // 234 expected; a binomial count, far from both bounds.
    assertThat(prunes.get()).isBetween(webhooks / 128 / 2, webhooks / 128 * 2);
  }
}
