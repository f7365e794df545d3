package io.learnhook.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.ingest.CompletionIngest.RequestBody;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.requestlog.RequestLogRetention;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
}
