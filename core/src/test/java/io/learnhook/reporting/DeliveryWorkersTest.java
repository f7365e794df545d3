package io.learnhook.reporting;

import static io.learnhook.reporting.DeliveryFixture.ACME;
import static io.learnhook.reporting.DeliveryFixture.HOOK;
import static io.learnhook.reporting.DeliveryFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.RetryPolicy;
import io.learnhook.spi.DeliveryOutbox.ClaimId;
import io.learnhook.spi.ReportTransport;
import io.learnhook.spi.ReportTransport.DeliveryException;
import io.learnhook.spi.ReportTransport.ReportRequest;
import io.learnhook.spi.ReportTransport.TransportResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The delivery rules, on a clock the tests move: no real waits. */
class DeliveryWorkersTest {
  private final DeliveryFixture lms = new DeliveryFixture();

  @Test
  void deliversAReportAndKeepsTheAttempt() {
    lms.complete(T0.minusSeconds(60));
    Delivery delivery = lms.only();

    int handled = lms.workers().runOnce();

    assertThat(handled).isEqualTo(1);
    Delivery done = lms.reload(delivery);
    assertThat(done.state()).isEqualTo(DeliveryState.DELIVERED);
    assertThat(done.finishedAt()).contains(T0);
    List<DeliveryAttempt> attempts = lms.learnHook.deliveries().attempts(delivery.id());
    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0).status()).contains(200);
    assertThat(attempts.get(0).response()).contains("ok");
    assertThat(attempts.get(0).startedAt()).isEqualTo(T0);
    ReportRequest sent = lms.transport.sent().get(0);
    assertThat(sent.headers())
        .containsEntry("Authorization", "Token abc")
        .containsEntry("webhook-id", delivery.id().value());
  }

  @Test
  void retriesUpToThreeTimesFiveMinutesApartThenKeepsTheReportAsFailed() {
    lms.transport.thenAnswer(500).thenAnswer(502).thenAnswer(503).thenAnswer(500);
    lms.complete(T0);
    Delivery delivery = lms.only();
    DeliveryWorkers workers = lms.workers();

    assertThat(workers.runOnce()).isEqualTo(1);
    for (int retry = 1; retry <= 3; retry++) {
      Delivery waiting = lms.reload(delivery);
      assertThat(waiting.state()).isEqualTo(DeliveryState.PENDING);
      assertThat(waiting.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(5L * retry)));
      lms.advance(Duration.ofMinutes(5).minusMillis(1));
      assertThat(workers.runOnce()).as("not due a millisecond early").isZero();
      lms.advance(Duration.ofMillis(1));
      assertThat(workers.runOnce()).isEqualTo(1);
    }

    Delivery failed = lms.reload(delivery);
    assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(failed.attempts()).isEqualTo(4);
    assertThat(failed.lastError())
        .hasValueSatisfying(
            e -> assertThat(e).contains("HTTP 500").contains("gave up after 4 attempts"));
    assertThat(lms.learnHook.deliveries().attempts(delivery.id()))
        .extracting(a -> a.status().orElseThrow())
        .containsExactly(500, 502, 503, 500);
    assertThat(lms.learnHook.deliveries().list(ACME, DeliveryState.FAILED, 10))
        .containsExactly(failed);
    lms.advance(Duration.ofDays(1));
    assertThat(workers.runOnce()).isZero();
  }

  @Test
  void deliversOnTheRetryAfterA500WithTheSameWebhookIdAndBody() {
    lms.transport.thenAnswer(500);
    lms.complete(T0);
    DeliveryWorkers workers = lms.workers();

    workers.runOnce();
    lms.advance(Duration.ofMinutes(5));
    workers.runOnce();

    assertThat(lms.only().state()).isEqualTo(DeliveryState.DELIVERED);
    List<ReportRequest> sent = lms.transport.sent();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).headers().get("webhook-id"))
        .isEqualTo(sent.get(0).headers().get("webhook-id"));
    assertThat(sent.get(1).body()).isEqualTo(sent.get(0).body());
    assertThat(Long.parseLong(sent.get(1).headers().get("webhook-timestamp")))
        .isEqualTo(Long.parseLong(sent.get(0).headers().get("webhook-timestamp")) + 300);
  }

  @Test
  void retriesAConnectionErrorOrATimeout() {
    lms.transport
        .thenFail(DeliveryException.transientFailure("connection refused by 203.0.113.7:443", null))
        .thenFail(DeliveryException.transientFailure("no answer within 30 s", null));
    lms.complete(T0);
    DeliveryWorkers workers = lms.workers();

    workers.runOnce();
    lms.advance(Duration.ofMinutes(5));
    workers.runOnce();
    lms.advance(Duration.ofMinutes(5));
    workers.runOnce();

    Delivery delivery = lms.only();
    assertThat(delivery.state()).isEqualTo(DeliveryState.DELIVERED);
    assertThat(lms.learnHook.deliveries().attempts(delivery.id()))
        .extracting(a -> a.error().orElse("none"))
        .containsExactly("connection refused by 203.0.113.7:443", "no answer within 30 s", "none");
  }

  @Test
  void honoursRetryAfterUpToThePolicysCap() {
    lms.transport.thenAnswer(new TransportResponse(429, Optional.of("1200"), "slow down"));
    lms.complete(T0);

    lms.workers().runOnce();

    assertThat(lms.only().nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
    assertThat(lms.learnHook.deliveries().attempts(lms.only().id()).get(0).response())
        .contains("slow down");
  }

  @Test
  void disablesTheSubscriptionWhenTheSubscriberAnswersGone() {
    lms.transport.thenAnswer(410);
    lms.complete(T0);
    lms.complete(T0.plusSeconds(1));
    DeliveryWorkers workers = lms.workers();

    workers.runOnce();

    assertThat(lms.learnHook.deliveries().subscription(HOOK).orElseThrow().enabled()).isFalse();
    List<Delivery> failed = lms.learnHook.deliveries().list(ACME, DeliveryState.FAILED, 10);
    assertThat(failed).hasSize(2);
    assertThat(failed)
        .anySatisfy(
            d -> assertThat(d.lastError().orElseThrow()).contains("410").contains("disabled"));
    assertThat(failed)
        .as("the second report fails without an attempt")
        .anySatisfy(
            d -> {
              assertThat(d.attempts()).isZero();
              assertThat(d.lastError().orElseThrow()).contains("is disabled");
            });
    assertThat(lms.transport.sent()).hasSize(1);
    lms.complete(T0.plusSeconds(2));
    assertThat(lms.store.allDeliveries())
        .as("a disabled subscription gets no new reports")
        .hasSize(2);
  }

  @Test
  void failsAtOnceWhenTheTransportRefusesTheAddress() {
    lms.transport.thenFail(
        DeliveryException.permanentFailure(
            "callback host resolves to 10.0.0.8, a private address"));
    lms.complete(T0);

    lms.workers().runOnce();

    Delivery failed = lms.only();
    assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError())
        .hasValueSatisfying(e -> assertThat(e).contains("private address").contains("not retried"));
  }

  @Test
  void treatsARedirectAsAFailure() {
    lms.transport.thenAnswer(302);
    lms.complete(T0);

    lms.workers().runOnce();

    Delivery waiting = lms.only();
    assertThat(waiting.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(waiting.lastError())
        .hasValueSatisfying(
            e -> assertThat(e).contains("302").contains("redirects are not followed"));
  }

  @Test
  void failsWithoutAnAttemptWhenTheSubscriptionWasDeleted() {
    lms.complete(T0);
    lms.learnHook.deliveries().deleteSubscription(HOOK);

    lms.workers().runOnce();

    assertThat(lms.only().state()).isEqualTo(DeliveryState.FAILED);
    assertThat(lms.only().lastError()).hasValueSatisfying(e -> assertThat(e).contains("deleted"));
    assertThat(lms.transport.sent()).isEmpty();
  }

  @Test
  void redeliversAFailedReportWithTheSameWebhookIdAndAFreshRoundOfRetries() {
    lms.learnHook
        .deliveries()
        .saveSubscription(
            DeliveryFixture.subscription(HOOK)
                .withRetryPolicy(RetryPolicy.fixed(0, Duration.ZERO)));
    lms.transport.thenAnswer(500).thenAnswer(500);
    lms.complete(T0);
    DeliveryWorkers workers = lms.workers();
    workers.runOnce();
    Delivery failed = lms.only();
    assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
    lms.advance(Duration.ofHours(1));

    assertThat(lms.learnHook.deliveries().redeliver(failed.id())).isTrue();
    workers.runOnce();
    assertThat(lms.only().state()).isEqualTo(DeliveryState.FAILED);
    assertThat(lms.learnHook.deliveries().redeliver(failed.id())).isTrue();
    workers.runOnce();

    assertThat(lms.only().state()).isEqualTo(DeliveryState.DELIVERED);
    assertThat(lms.transport.sent())
        .extracting(r -> r.headers().get("webhook-id"))
        .containsOnly(failed.id().value())
        .hasSize(3);
    assertThat(lms.learnHook.deliveries().attempts(failed.id())).hasSize(3);
  }

  @Test
  void redeliversEveryFailedReportOfATimeRange() {
    lms.learnHook
        .deliveries()
        .saveSubscription(
            DeliveryFixture.subscription(HOOK)
                .withRetryPolicy(RetryPolicy.fixed(0, Duration.ZERO)));
    lms.transport.thenAnswer(500).thenAnswer(500).thenAnswer(500);
    lms.complete(T0);
    lms.advance(Duration.ofMinutes(1));
    lms.complete(T0.plusSeconds(1));
    lms.advance(Duration.ofMinutes(1));
    lms.complete(T0.plusSeconds(2));
    lms.workers().runOnce();
    assertThat(lms.learnHook.deliveries().list(ACME, DeliveryState.FAILED, 10)).hasSize(3);

    int count =
        lms.learnHook
            .deliveries()
            .redeliverFailed(ACME, T0.plusSeconds(30), T0.plus(Duration.ofHours(1)));

    assertThat(count).isEqualTo(2);
    assertThat(lms.workers().runOnce()).isEqualTo(2);
    assertThat(lms.learnHook.deliveries().list(ACME, DeliveryState.DELIVERED, 10)).hasSize(2);
    assertThat(lms.learnHook.deliveries().list(ACME, DeliveryState.FAILED, 10))
        .extracting(Delivery::createdAt)
        .containsExactly(T0);
  }

  @Test
  void picksUpADeliveryWhoseWorkerDiedOnceTheLeaseRunsOut() {
    lms.complete(T0);
    Delivery delivery = lms.only();
    // A worker claims it and dies before sending: nothing but the claim is written.
    lms.store.outbox().claim(ClaimId.random(), T0, T0.plus(Duration.ofMinutes(2)), 10);
    DeliveryWorkers workers =
        lms.learnHook.deliveries().workers(lms.transport).lease(Duration.ofMinutes(2)).build();

    assertThat(workers.runOnce()).isZero();
    lms.advance(Duration.ofMinutes(2));
    assertThat(workers.runOnce()).isEqualTo(1);

    assertThat(lms.reload(delivery).state()).isEqualTo(DeliveryState.DELIVERED);
  }

  @Test
  void refusesALeaseNoLongerThanTheTransportsTimeout() {
    assertThatThrownBy(
            () ->
                lms.learnHook
                    .deliveries()
                    .workers(lms.transport)
                    .lease(Duration.ofSeconds(30))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lease");
  }

  @Test
  void keepsATransportBugAsAnAttemptWithoutItsMessage() {
    ReportTransport buggy =
        new ReportTransport() {
          @Override
          public TransportResponse send(ReportRequest request) {
            throw new IllegalStateException("Token abc leaked in a message");
          }

          @Override
          public Duration timeout() {
            return Duration.ofSeconds(1);
          }
        };
    lms.complete(T0);

    lms.learnHook.deliveries().workers(buggy).build().runOnce();

    Delivery delivery = lms.only();
    assertThat(delivery.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(delivery.lastError())
        .hasValueSatisfying(
            e -> assertThat(e).contains("IllegalStateException").doesNotContain("Token abc"));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void startedWorkersDeliverEveryReportOnce() throws Exception {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    ReportTransport counting =
        new ReportTransport() {
          @Override
          public TransportResponse send(ReportRequest request) {
            if (!seen.add(request.headers().get("webhook-id"))) {
              duplicates.incrementAndGet();
            }
            return TransportResponse.of(204);
          }

          @Override
          public Duration timeout() {
            return Duration.ofSeconds(1);
          }
        };
    int reports = 300;
    for (int i = 0; i < reports; i++) {
      lms.complete(T0.minusSeconds(i));
    }

    try (DeliveryWorkers workers =
        lms.learnHook.deliveries().workers(counting).threads(8).start()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (lms.learnHook.deliveries().list(ACME, DeliveryState.DELIVERED, reports + 1).size()
              < reports
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }

    assertThat(seen).hasSize(reports);
    assertThat(duplicates).hasValue(0);
    assertThat(
            new HashSet<>(
                lms.learnHook.deliveries().list(ACME, DeliveryState.DELIVERED, reports + 1)))
        .hasSize(reports);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aNewCompletionWakesStartedWorkersAtOnce() throws Exception {
    try (DeliveryWorkers workers =
        lms.learnHook
            .deliveries()
            .workers(lms.transport)
            .pollInterval(Duration.ofMinutes(1))
            .maxPollInterval(Duration.ofMinutes(1))
            .start()) {
      Thread.sleep(100); // the poller has found nothing and waits its minute
      Instant before = Instant.now();
      lms.complete(T0);
      while (lms.only().state() != DeliveryState.DELIVERED) {
        Thread.sleep(5);
      }
      assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(10));
      assertThat(workers.running()).isTrue();
    }
  }
}
