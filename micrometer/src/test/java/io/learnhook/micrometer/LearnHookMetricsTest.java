package io.learnhook.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.LearnHook;
import io.learnhook.completion.NewCompletion;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.RetryPolicy;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.ingest.CompletionIngest.RequestBody;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.reporting.DeliveryWorkers;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.ReportTransport;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import io.learnhook.testkit.MutableClock;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each meter as Prometheus shows it, driven through a real engine on the in-memory store: the names
 * and labels here are the ones dashboards and alerts use ({@code docs/OPERATIONS.md}).
 */
class LearnHookMetricsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final UserId ANN = UserId.of("u-ann");
  private static final ItemId PHISHING = ItemId.of("i-phish");
  private static final WebhookKey KEY = WebhookKey.of("11111111-1111-4111-8111-111111111111");
  private static final String CALL =
      "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},"
          + "\"completed_at\":\"2026-12-01T09:00:00Z\"}";

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStore store = new InMemoryStore();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ScriptedTransport transport = new ScriptedTransport();
  private final LearnHook learnHook;

  LearnHookMetricsTest() {
    store.putCompany(new Company(ACME, true));
    store.putUser(new User(ANN, ACME, "ann@acme.test", "Ann", true, Optional.empty(), Map.of()));
    store.putItem(
        new Item(
            PHISHING,
            ACME,
            "Phishing 101",
            ItemType.WEB_LINK,
            Optional.empty(),
            Optional.of("1000"),
            Optional.empty(),
            true));
    store
        .webhooks()
        .save(
            new Webhook(
                WebhookId.of("w1"),
                ACME,
                "KnowBe4",
                KEY.hash(),
                FieldMapping.parse("{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}"),
                Optional.empty(),
                T0,
                T0));
    learnHook =
        LearnHook.builder()
            .store(store)
            .clock(clock)
            .observer(new LearnHookMetrics(registry, store.outbox(), clock))
            .build();
  }

  @Test
  void countsWebhookCallsByOutcome() {
    post(Optional.of(KEY), CALL);
    post(Optional.of(KEY), CALL);
    post(Optional.of(WebhookKey.generate()), CALL);
    post(Optional.of(KEY), "not json");

    String text = registry.scrape();

    assertThat(value(text, "learnhook_webhook_requests_total{outcome=\"recorded\"}")).isEqualTo(1);
    assertThat(value(text, "learnhook_webhook_requests_total{outcome=\"duplicate\"}")).isEqualTo(1);
    assertThat(value(text, "learnhook_webhook_requests_total{outcome=\"invalid_key\"}"))
        .isEqualTo(1);
    assertThat(value(text, "learnhook_webhook_requests_total{outcome=\"malformed_body\"}"))
        .isEqualTo(1);
  }

  @Test
  void countsNewCompletionsFromWebhooksAndTheLmsButNotDuplicates() {
    post(Optional.of(KEY), CALL);
    post(Optional.of(KEY), CALL);
    learnHook.record(NewCompletion.of(ACME, ANN, PHISHING, T0.minusSeconds(60)));

    assertThat(value(registry.scrape(), "learnhook_completions_recorded_total")).isEqualTo(2);
  }

  @Test
  void countsDeliveriesDeliveredRetriedAndFailed() {
    subscribe(RetryPolicy.fixed(1, Duration.ofMinutes(5)));
    transport.answer(500).answer(500).answer(200).answer(500);
    post(Optional.of(KEY), CALL);
    learnHook.record(NewCompletion.of(ACME, ANN, PHISHING, T0.minusSeconds(60)));
    DeliveryWorkers workers = learnHook.deliveries().workers(transport).random(() -> 0.0).build();

    workers.runOnce(); // both answered 500: both retried
    clock.advance(Duration.ofMinutes(5));
    workers.runOnce(); // one answered 200; the other 500 again, its one retry spent: failed

    String text = registry.scrape();
    assertThat(value(text, "learnhook_deliveries_total{outcome=\"retried\"}")).isEqualTo(2);
    assertThat(value(text, "learnhook_deliveries_total{outcome=\"delivered\"}")).isEqualTo(1);
    assertThat(value(text, "learnhook_deliveries_total{outcome=\"failed\"}")).isEqualTo(1);
  }

  @Test
  void timesEveryPostAndNoDeliveryThatSentNothing() {
    subscribe(RetryPolicy.defaults());
    post(Optional.of(KEY), CALL);
    DeliveryWorkers workers =
        learnHook.deliveries().workers(transport).subscriptionCache(Duration.ZERO).build();
    workers.runOnce();
    learnHook.record(NewCompletion.of(ACME, ANN, PHISHING, T0.minusSeconds(60)));
    // Deleted (in storage, as another node would) before its report was sent: it fails without a
    // POST, and is not timed. Deleting through the engine would cancel the report before any
    // worker.
    store.subscriptions().delete(SubscriptionId.of("s1"));
    workers.runOnce();

    String text = registry.scrape();
    assertThat(value(text, "learnhook_delivery_duration_seconds_count")).isEqualTo(1);
    assertThat(value(text, "learnhook_delivery_duration_seconds_sum")).isGreaterThanOrEqualTo(0);
    assertThat(value(text, "learnhook_deliveries_total{outcome=\"failed\"}")).isEqualTo(1);
  }

  @Test
  void outboxGaugesShowWaitingReportsAndTheOldestOnesAge() {
    assertThat(value(registry.scrape(), "learnhook_outbox_pending")).isZero();
    assertThat(value(registry.scrape(), "learnhook_outbox_oldest_pending_age_seconds")).isZero();
    subscribe(RetryPolicy.defaults());
    post(Optional.of(KEY), CALL);
    clock.advance(Duration.ofSeconds(30));
    learnHook.record(NewCompletion.of(ACME, ANN, PHISHING, T0.minusSeconds(60)));
    clock.advance(Duration.ofSeconds(90));

    String text = registry.scrape();

    assertThat(value(text, "learnhook_outbox_pending")).isEqualTo(2);
    assertThat(value(text, "learnhook_outbox_oldest_pending_age_seconds")).isEqualTo(120);
  }

  @Test
  void outboxGaugesAreUnknownWhileTheOutboxCannotBeRead() {
    PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DeliveryOutbox down =
        (DeliveryOutbox)
            Proxy.newProxyInstance(
                DeliveryOutbox.class.getClassLoader(),
                new Class<?>[] {DeliveryOutbox.class},
                (proxy, method, args) -> {
                  throw new StorageUnavailableException("database down", null);
                });
    new LearnHookMetrics(own, down, clock);

    String text = own.scrape();

    assertThat(value(text, "learnhook_outbox_pending")).isNaN();
    assertThat(value(text, "learnhook_outbox_oldest_pending_age_seconds")).isNaN();
  }

  private void subscribe(RetryPolicy policy) {
    learnHook
        .deliveries()
        .saveSubscription(
            ReportSubscription.of(SubscriptionId.of("s1"), ACME, URI.create("https://hooks.test/x"))
                .withRetryPolicy(policy));
  }

  private void post(Optional<WebhookKey> key, String body) {
    learnHook
        .ingest()
        .ingest(
            key, Optional.empty(), false, RequestBody.of(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** The sample's value in Prometheus text; fails when the sample is not there. */
  private static double value(String text, String sample) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
    assertThat(m.find()).as("%s in%n%s", sample, text).isTrue();
    return Double.parseDouble(m.group(1));
  }

  /** Answers each report with the next scripted status; 200 once the script is spent. */
  private static final class ScriptedTransport implements ReportTransport {
    private final Deque<Integer> statuses = new ArrayDeque<>();

    synchronized ScriptedTransport answer(int status) {
      statuses.add(status);
      return this;
    }

    @Override
    public synchronized TransportResponse send(ReportRequest request) {
      Integer status = statuses.poll();
      return new TransportResponse(status == null ? 200 : status, Optional.empty(), "");
    }

    @Override
    public Duration timeout() {
      return Duration.ofSeconds(30);
    }
  }
}
