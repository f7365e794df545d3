package io.learnhook.reporting;

import static io.learnhook.reporting.DeliveryFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.reporting.DeliveryWorkers.Retention;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.webhook.WebhookId;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The delivery workers' retention: finished reports and request-log entries past their age go, in
 * bounded batches; completions and unfinished reports stay.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RetentionTest {
  private final DeliveryFixture lms = new DeliveryFixture();

  private Delivery deliveredAtT0() {
    lms.complete(T0);
    lms.workers().runOnce();
    Delivery delivered = lms.only();
    assertThat(delivered.state()).isEqualTo(DeliveryState.DELIVERED);
    return delivered;
  }

  @Test
  void prunesDeliveredReportsOlderThanThirtyDays() {
    Delivery delivered = deliveredAtT0();

    lms.advance(Duration.ofDays(29));
    assertThat(lms.workers().pruneOnce().deliveries()).isZero();
    assertThat(lms.store.allDeliveries()).hasSize(1);

    lms.advance(Duration.ofDays(2));
    assertThat(lms.workers().pruneOnce().deliveries()).isEqualTo(1);
    assertThat(lms.store.allDeliveries()).isEmpty();
    assertThat(lms.learnHook.deliveries().attempts(delivered.id())).isEmpty();
    assertThat(lms.store.completions().findById(delivered.completion()))
        .as("completions are kept")
        .isPresent();
  }

  @Test
  void keepsFailedReportsNinetyDays() {
    lms.transport.thenAnswer(410);
    lms.complete(T0);
    lms.workers().runOnce();
    assertThat(lms.only().state()).isEqualTo(DeliveryState.FAILED);

    lms.advance(Duration.ofDays(89));
    assertThat(lms.workers().pruneOnce().deliveries()).isZero();
    lms.advance(Duration.ofDays(2));
    assertThat(lms.workers().pruneOnce().deliveries()).isEqualTo(1);
    assertThat(lms.store.allDeliveries()).isEmpty();
  }

  @Test
  void neverPrunesPendingDeliveries() {
    lms.complete(T0);
    lms.advance(Duration.ofDays(365));

    assertThat(lms.workers().pruneOnce().deliveries()).isZero();
    assertThat(lms.only().state()).isEqualTo(DeliveryState.PENDING);
  }

  @Test
  void prunesTheRequestLogOfWebhooksThatGetNoCalls() {
    WebhookId quiet = WebhookId.of("w-quiet");
    lms.store.requestLog().append(entry(quiet, 0));
    lms.store.requestLog().append(entry(quiet, 20));

    lms.advance(Duration.ofDays(31));
    Retention.Pruned pruned = lms.workers().pruneOnce();

    assertThat(pruned.requestLogEntries()).isEqualTo(1);
    assertThat(lms.learnHook.requestLog(quiet, 10))
        .extracting(RequestLogEntry::receivedAt)
        .containsExactly(T0.plus(Duration.ofDays(20)));
  }

  @Test
  void prunesTheRequestLogAfterTheEnginesRequestLogAge() {
    WebhookId quiet = WebhookId.of("w-quiet");
    lms.store.requestLog().append(entry(quiet, 0));
    lms.advance(Duration.ofDays(29));

    assertThat(lms.workers().pruneOnce().requestLogEntries()).isZero();
    assertThat(lms.learnHook.requestLog(quiet, 10)).hasSize(1);
  }

  @Test
  void prunesInBatchesOfAtMostTheBatchSizeAndStopsAtTheCapPerRun() {
    for (int i = 0; i < 7; i++) {
      lms.complete(T0.minusSeconds(i));
    }
    lms.workers().runOnce();
    lms.workers().runOnce();
    assertThat(lms.store.allDeliveries())
        .allSatisfy(d -> assertThat(d.state()).isEqualTo(DeliveryState.DELIVERED));
    List<Integer> batches = new CopyOnWriteArrayList<>();
    DeliveryOutbox counted = countingBatches(lms.store.outbox(), batches);
    DeliveryWorkers workers =
        DeliveryWorkers.builder(counted, lms.store.subscriptions(), lms.transport)
            .clock(lms.clock)
            .retention(
                new Retention(
                    Duration.ofDays(30),
                    Duration.ofDays(90),
                    Duration.ofDays(30),
                    Duration.ofMinutes(1),
                    2,
                    5))
            .build();
    lms.advance(Duration.ofDays(31));

    assertThat(workers.pruneOnce().deliveries()).isEqualTo(5);
    assertThat(batches).containsExactly(2, 2, 1);
    assertThat(workers.pruneOnce().deliveries()).isEqualTo(2);
    assertThat(lms.store.allDeliveries()).isEmpty();
  }

  @Test
  void startedWorkersPruneOnTheirSchedule() throws InterruptedException {
    deliveredAtT0();
    lms.advance(Duration.ofDays(31));
    DeliveryWorkers workers =
        lms.learnHook
            .deliveries()
            .workers(lms.transport)
            .retention(Retention.defaults().withEvery(Duration.ofMillis(20)))
            .start();
    try {
      while (!lms.store.allDeliveries().isEmpty()) {
        Thread.sleep(5);
      }
    } finally {
      workers.close();
    }
    assertThat(lms.store.allDeliveries()).isEmpty();
  }

  @Test
  void workersWithoutRetentionPruneNothing() {
    deliveredAtT0();
    lms.advance(Duration.ofDays(365));

    DeliveryWorkers workers =
        lms.learnHook.deliveries().workers(lms.transport).noRetention().build();

    org.assertj.core.api.Assertions.assertThatIllegalStateException()
        .isThrownBy(workers::pruneOnce);
    assertThat(lms.store.allDeliveries()).hasSize(1);
  }

  @Test
  void refusesARetentionWhoseCapIsBelowItsBatch() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Retention(
                    Duration.ofDays(1),
                    Duration.ofDays(1),
                    Duration.ofDays(1),
                    Duration.ofMinutes(1),
                    500,
                    100));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Retention.defaults().withRequestLog(Duration.ZERO));
  }

  private static RequestLogEntry entry(WebhookId webhook, int day) {
    return new RequestLogEntry(
        webhook,
        T0.plus(Duration.ofDays(day)),
        false,
        Outcome.REJECTED,
        404,
        Optional.empty(),
        Optional.of("User not found"));
  }

  /** The outbox, noting the batch size of every prune it is asked for. */
  private static DeliveryOutbox countingBatches(DeliveryOutbox outbox, List<Integer> batches) {
    return (DeliveryOutbox)
        Proxy.newProxyInstance(
            DeliveryOutbox.class.getClassLoader(),
            new Class<?>[] {DeliveryOutbox.class},
            (proxy, method, args) -> {
              if (method.getName().equals("pruneFinished")) {
                batches.add((Integer) args[2]);
              }
              try {
                return method.invoke(outbox, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
