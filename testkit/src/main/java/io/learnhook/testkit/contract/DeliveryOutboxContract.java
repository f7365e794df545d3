package io.learnhook.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.completion.CompletionId;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.DeliveryOutbox.ClaimId;
import io.learnhook.spi.DeliveryOutbox.DeliveryOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link DeliveryOutbox}; extend it to run it against an adapter. Deliveries are
 * claimed with a lease by one claim at a time, finished only by the claim that holds them, claimed
 * again when a lease runs out, and every attempt is kept.
 */
public abstract class DeliveryOutboxContract extends PortContract {
  private static final SubscriptionId HOOK = SubscriptionId.of("s1");
  private static final SubscriptionId OTHER_HOOK = SubscriptionId.of("s2");
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final String PAYLOAD =
      "{\"user\":{\"id\":\"u1\",\"name\":\""
          + UNICODE
          + "\",\"email\":\"ann@acme.test\"},\"n\":\""
          + SQL_METACHARACTERS
          + "\"}";

  /** The outbox under test, the same one throughout a test. */
  protected abstract DeliveryOutbox outbox();

  /**
   * Puts a company where your storage keeps it, for storage that refuses deliveries naming an
   * unknown company. Does nothing unless overridden.
   */
  protected void putCompany(Company company) {}

  @BeforeEach
  void seedCompanies() {
    putCompany(new Company(ACME, true));
    putCompany(new Company(GLOBEX, true));
  }

  private static Delivery pending(String id, CompanyId company, Instant createdAt) {
    return Delivery.pending(
        DeliveryId.of(id), HOOK, company, CompletionId.of("c-" + id), PAYLOAD, createdAt);
  }

  private static Delivery pending(String id, Instant createdAt) {
    return pending(id, ACME, createdAt);
  }

  private static DeliveryAttempt attempt(DeliveryId id, int number, Instant at, Integer status) {
    return new DeliveryAttempt(
        id,
        number,
        at,
        Duration.ofMillis(42),
        Optional.ofNullable(status),
        status != null && status < 300 ? Optional.empty() : Optional.of("HTTP " + status),
        Optional.of("{\"ok\":" + (status != null && status < 300) + "}"));
  }

  private List<DeliveryId> claimIds(ClaimId claim, Instant now, int limit) {
    return outbox().claim(claim, now, now.plus(LEASE), limit).stream().map(Delivery::id).toList();
  }

  @Test
  void keepsAnEnqueuedDeliveryExactly() {
    Delivery delivery = pending("d1", T0);

    outbox().enqueue(List.of(delivery));

    assertThat(outbox().findById(delivery.id())).contains(delivery);
    assertThat(outbox().findById(DeliveryId.of("d2"))).isEmpty();
    assertThat(outbox().attempts(delivery.id())).isEmpty();
  }

  @Test
  void backlogOfAnEmptyOutboxIsEmpty() {
    assertThat(outbox().backlog()).isEqualTo(DeliveryOutbox.Backlog.empty());
  }

  @Test
  void backlogCountsPendingAndInFlightDeliveriesOfEveryCompanyAndNamesTheOldest() {
    outbox()
        .enqueue(
            List.of(
                pending("d1", T0.plusSeconds(20)),
                pending("d2", GLOBEX, T0.plusSeconds(10)),
                pending("d3", T0.plusSeconds(30))));
    ClaimId claim = ClaimId.random();
    // d2, the oldest, is now in flight: still waiting to be delivered.
    assertThat(claimIds(claim, T0.plusSeconds(10), 1)).containsExactly(DeliveryId.of("d2"));

    assertThat(outbox().backlog())
        .isEqualTo(new DeliveryOutbox.Backlog(3, Optional.of(T0.plusSeconds(10))));
  }

  @Test
  void backlogLeavesOutDeliveredAndFailedDeliveries() {
    outbox()
        .enqueue(
            List.of(
                pending("old", T0),
                pending("failed", T0.plusSeconds(1)),
                pending("new", T0.plusSeconds(5))));
    ClaimId claim = ClaimId.random();
    claimIds(claim, T0.plusSeconds(1), 2);
    outbox()
        .finish(
            claim,
            DeliveryOutcome.delivered(
                attempt(DeliveryId.of("old"), 1, T0.plusSeconds(2), 204), T0.plusSeconds(2)));
    outbox()
        .finish(
            claim,
            DeliveryOutcome.failed(
                DeliveryId.of("failed"), Optional.empty(), "gone", T0.plusSeconds(2)));

    assertThat(outbox().backlog())
        .isEqualTo(new DeliveryOutbox.Backlog(1, Optional.of(T0.plusSeconds(5))));
    assertThat(outbox().backlog().oldestAge(T0.plusSeconds(65))).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void refusesToEnqueueTheSameDeliveryTwice() {
    outbox().enqueue(List.of(pending("d1", T0)));

    assertThatThrownBy(() -> outbox().enqueue(List.of(pending("d1", T0.plusSeconds(1)))))
        .isInstanceOf(RuntimeException.class);
    assertThat(outbox().findById(DeliveryId.of("d1")).orElseThrow().createdAt()).isEqualTo(T0);
  }

  @Test
  void claimsOnlyDueDeliveriesEarliestFirst() {
    outbox()
        .enqueue(
            List.of(
                pending("late", T0.plusSeconds(30)),
                pending("early", T0),
                pending("mid", T0.plusSeconds(10))));

    List<Delivery> claimed =
        outbox().claim(ClaimId.random(), T0.plusSeconds(10), T0.plusSeconds(10).plus(LEASE), 10);

    assertThat(claimed)
        .extracting(Delivery::id)
        .containsExactly(DeliveryId.of("early"), DeliveryId.of("mid"));
    assertThat(claimed).allSatisfy(d -> assertThat(d.state()).isEqualTo(DeliveryState.IN_FLIGHT));
    assertThat(outbox().findById(DeliveryId.of("late")).orElseThrow().state())
        .isEqualTo(DeliveryState.PENDING);
  }

  @Test
  void claimsNoMoreThanTheLimit() {
    outbox()
        .enqueue(
            List.of(
                pending("d1", T0),
                pending("d2", T0.plusMillis(1)),
                pending("d3", T0.plusMillis(2))));

    assertThat(claimIds(ClaimId.random(), T0.plusSeconds(1), 2))
        .containsExactly(DeliveryId.of("d1"), DeliveryId.of("d2"));
    assertThat(claimIds(ClaimId.random(), T0.plusSeconds(1), 2))
        .containsExactly(DeliveryId.of("d3"));
  }

  @Test
  void neverClaimsADeliveryAgainWhileItsLeaseLasts() {
    outbox().enqueue(List.of(pending("d1", T0)));
    claimIds(ClaimId.random(), T0, 1);

    assertThat(claimIds(ClaimId.random(), T0.plus(LEASE).minusMillis(1), 10)).isEmpty();
  }

  @Test
  void claimsADeliveryAgainOnceItsWorkersLeaseHasRunOut() {
    outbox().enqueue(List.of(pending("d1", T0)));
    ClaimId dead = ClaimId.random();
    claimIds(dead, T0, 1);

    ClaimId next = ClaimId.random();
    List<Delivery> again = outbox().claim(next, T0.plus(LEASE), T0.plus(LEASE).plus(LEASE), 10);

    assertThat(again).extracting(Delivery::id).containsExactly(DeliveryId.of("d1"));
    assertThat(again.get(0).attempts()).isZero();
  }

  @Test
  void finishingAsDeliveredKeepsTheAttemptAndNeverClaimsItAgain() {
    outbox().enqueue(List.of(pending("d1", T0)));
    ClaimId claim = ClaimId.random();
    claimIds(claim, T0, 1);
    DeliveryAttempt attempt = attempt(DeliveryId.of("d1"), 1, T0.plusMillis(5), 204);

    boolean held = outbox().finish(claim, DeliveryOutcome.delivered(attempt, T0.plusSeconds(1)));

    assertThat(held).isTrue();
    Delivery delivered = outbox().findById(DeliveryId.of("d1")).orElseThrow();
    assertThat(delivered.state()).isEqualTo(DeliveryState.DELIVERED);
    assertThat(delivered.attempts()).isEqualTo(1);
    assertThat(delivered.lastAttemptAt()).contains(T0.plusMillis(5));
    assertThat(delivered.lastError()).isEmpty();
    assertThat(delivered.finishedAt()).contains(T0.plusSeconds(1));
    assertThat(outbox().attempts(DeliveryId.of("d1"))).containsExactly(attempt);
    assertThat(claimIds(ClaimId.random(), T0.plus(Duration.ofDays(1)), 10)).isEmpty();
  }

  @Test
  void finishingWithARetryMakesItPendingAndDueAtTheRetryTime() {
    outbox().enqueue(List.of(pending("d1", T0)));
    ClaimId claim = ClaimId.random();
    claimIds(claim, T0, 1);
    DeliveryAttempt failed = attempt(DeliveryId.of("d1"), 1, T0, 500);
    Instant retryAt = T0.plus(Duration.ofMinutes(5));

    outbox().finish(claim, DeliveryOutcome.retryAt(failed, retryAt, "HTTP 500", T0.plusSeconds(1)));

    Delivery waiting = outbox().findById(DeliveryId.of("d1")).orElseThrow();
    assertThat(waiting.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(waiting.nextAttemptAt()).isEqualTo(retryAt);
    assertThat(waiting.attempts()).isEqualTo(1);
    assertThat(waiting.lastError()).contains("HTTP 500");
    assertThat(waiting.finishedAt()).isEmpty();
    assertThat(claimIds(ClaimId.random(), retryAt.minusMillis(1), 10)).isEmpty();
    assertThat(claimIds(ClaimId.random(), retryAt, 10)).containsExactly(DeliveryId.of("d1"));
  }

  @Test
  void finishingAsFailedWithoutAnAttemptKeepsTheReason() {
    outbox().enqueue(List.of(pending("d1", T0)));
    ClaimId claim = ClaimId.random();
    claimIds(claim, T0, 1);

    outbox()
        .finish(
            claim,
            DeliveryOutcome.failed(
                DeliveryId.of("d1"), Optional.empty(), "subscription s1 is disabled", T0));

    Delivery failed = outbox().findById(DeliveryId.of("d1")).orElseThrow();
    assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(failed.attempts()).isZero();
    assertThat(failed.lastError()).contains("subscription s1 is disabled");
    assertThat(failed.finishedAt()).contains(T0);
    assertThat(outbox().attempts(DeliveryId.of("d1"))).isEmpty();
  }

  @Test
  void aWorkerWhoseLeaseRanOutCannotFinishTheDeliveryButItsAttemptIsKept() {
    outbox().enqueue(List.of(pending("d1", T0)));
    ClaimId slow = ClaimId.random();
    claimIds(slow, T0, 1);
    ClaimId takeover = ClaimId.random();
    claimIds(takeover, T0.plus(LEASE), 1);
    DeliveryAttempt late = attempt(DeliveryId.of("d1"), 1, T0, 200);

    boolean held =
        outbox().finish(slow, DeliveryOutcome.delivered(late, T0.plus(LEASE).plusSeconds(1)));

    assertThat(held).isFalse();
    assertThat(outbox().findById(DeliveryId.of("d1")).orElseThrow().state())
        .isEqualTo(DeliveryState.IN_FLIGHT);
    assertThat(outbox().attempts(DeliveryId.of("d1"))).containsExactly(late);
    DeliveryAttempt current = attempt(DeliveryId.of("d1"), 1, T0.plus(LEASE), 200);
    assertThat(
            outbox()
                .finish(
                    takeover, DeliveryOutcome.delivered(current, T0.plus(LEASE).plusSeconds(2))))
        .isTrue();
    assertThat(outbox().findById(DeliveryId.of("d1")).orElseThrow().state())
        .isEqualTo(DeliveryState.DELIVERED);
  }

  @Test
  void finishesAGroupAtOnceSayingWhichWereStillHeld() {
    outbox()
        .enqueue(
            List.of(pending("d1", T0), pending("d2", T0), pending("d3", T0), pending("d4", T0)));
    ClaimId first = ClaimId.random();
    claimIds(first, T0, 4);
    ClaimId later = ClaimId.random();
    // d4's lease ran out and another worker holds it now.
    outbox().release(first, DeliveryId.of("d4"));
    claimIds(later, T0, 1);
    DeliveryAttempt ok = attempt(DeliveryId.of("d1"), 1, T0, 200);
    DeliveryAttempt failed = attempt(DeliveryId.of("d2"), 1, T0, 500);
    DeliveryAttempt late = attempt(DeliveryId.of("d4"), 1, T0, 200);

    List<Boolean> held =
        outbox()
            .finishAll(
                List.of(
                    new DeliveryOutbox.Finished(
                        first, DeliveryOutcome.delivered(ok, T0.plusSeconds(1))),
                    new DeliveryOutbox.Finished(
                        first,
                        DeliveryOutcome.retryAt(failed, T0.plusSeconds(300), "HTTP 500", T0)),
                    new DeliveryOutbox.Finished(
                        first,
                        DeliveryOutcome.failed(
                            DeliveryId.of("d3"),
                            Optional.empty(),
                            "subscription s1 is disabled",
                            T0)),
                    new DeliveryOutbox.Finished(
                        first, DeliveryOutcome.delivered(late, T0.plusSeconds(1)))));

    assertThat(held).containsExactly(true, true, true, false);
    assertThat(outbox().findById(DeliveryId.of("d1")).orElseThrow().state())
        .isEqualTo(DeliveryState.DELIVERED);
    assertThat(outbox().findById(DeliveryId.of("d2")).orElseThrow().nextAttemptAt())
        .isEqualTo(T0.plusSeconds(300));
    assertThat(outbox().findById(DeliveryId.of("d3")).orElseThrow().state())
        .isEqualTo(DeliveryState.FAILED);
    assertThat(outbox().findById(DeliveryId.of("d4")).orElseThrow().state())
        .isEqualTo(DeliveryState.IN_FLIGHT);
    assertThat(outbox().attempts(DeliveryId.of("d4"))).containsExactly(late);
    assertThat(outbox().finishAll(List.of())).isEmpty();
  }

  @Test
  void aReleasedDeliveryIsDueAgainAtOnce() {
    outbox().enqueue(List.of(pending("d1", T0)));
    ClaimId claim = ClaimId.random();
    claimIds(claim, T0, 1);

    assertThat(outbox().release(claim, DeliveryId.of("d1"))).isTrue();
    assertThat(outbox().release(claim, DeliveryId.of("d1"))).isFalse();

    assertThat(outbox().findById(DeliveryId.of("d1")).orElseThrow().state())
        .isEqualTo(DeliveryState.PENDING);
    assertThat(claimIds(ClaimId.random(), T0.plusMillis(1), 1))
        .containsExactly(DeliveryId.of("d1"));
  }

  @Test
  void releasingUnderAnotherClaimChangesNothing() {
    outbox().enqueue(List.of(pending("d1", T0)));
    claimIds(ClaimId.random(), T0, 1);

    assertThat(outbox().release(ClaimId.random(), DeliveryId.of("d1"))).isFalse();
    assertThat(outbox().findById(DeliveryId.of("d1")).orElseThrow().state())
        .isEqualTo(DeliveryState.IN_FLIGHT);
  }

  @Test
  void listsACompanysDeliveriesByStateNewestFirst() {
    outbox()
        .enqueue(
            List.of(
                pending("a1", T0),
                pending("a2", T0.plusSeconds(2)),
                pending("a3", T0.plusSeconds(1)),
                pending("g1", GLOBEX, T0.plusSeconds(3))));
    ClaimId claim = ClaimId.random();
    claimIds(claim, T0, 1);
    outbox().finish(claim, DeliveryOutcome.delivered(attempt(DeliveryId.of("a1"), 1, T0, 200), T0));

    assertThat(outbox().list(ACME, DeliveryState.PENDING, 10))
        .extracting(Delivery::id)
        .containsExactly(DeliveryId.of("a2"), DeliveryId.of("a3"));
    assertThat(outbox().list(ACME, DeliveryState.PENDING, 1))
        .extracting(Delivery::id)
        .containsExactly(DeliveryId.of("a2"));
    assertThat(outbox().list(ACME, DeliveryState.DELIVERED, 10))
        .extracting(Delivery::id)
        .containsExactly(DeliveryId.of("a1"));
    assertThat(outbox().list(ACME, DeliveryState.FAILED, 10)).isEmpty();
    assertThat(outbox().list(GLOBEX, DeliveryState.PENDING, 10))
        .extracting(Delivery::id)
        .containsExactly(DeliveryId.of("g1"));
  }

  @Test
  void keepsEveryAttemptOldestFirstWithEveryField() {
    outbox().enqueue(List.of(pending("d1", T0)));
    List<DeliveryAttempt> made = new ArrayList<>();
    Instant now = T0;
    for (int number = 1; number <= 3; number++) {
      ClaimId claim = ClaimId.random();
      claimIds(claim, now, 1);
      DeliveryAttempt attempt =
          number == 2
              ? new DeliveryAttempt(
                  DeliveryId.of("d1"),
                  2,
                  now,
                  Duration.ofSeconds(10),
                  Optional.empty(),
                  Optional.of("timed out after 10 s"),
                  Optional.empty())
              : attempt(DeliveryId.of("d1"), number, now, number == 3 ? 200 : 503);
      made.add(attempt);
      outbox()
          .finish(
              claim,
              number == 3
                  ? DeliveryOutcome.delivered(attempt, now)
                  : DeliveryOutcome.retryAt(attempt, now.plusSeconds(60), "failed", now));
      now = now.plusSeconds(60);
    }

    assertThat(outbox().attempts(DeliveryId.of("d1"))).containsExactlyElementsOf(made);
    assertThat(outbox().findById(DeliveryId.of("d1")).orElseThrow().attempts()).isEqualTo(3);
  }

  @Test
  void keepsAResponseBodyOfTheLongestLengthWithUnicode() {
    outbox().enqueue(List.of(pending("d1", T0)));
    ClaimId claim = ClaimId.random();
    claimIds(claim, T0, 1);
    String body = (UNICODE + SQL_METACHARACTERS).repeat(200);
    DeliveryAttempt attempt =
        new DeliveryAttempt(
            DeliveryId.of("d1"),
            1,
            T0,
            Duration.ofMillis(3),
            Optional.of(500),
            Optional.of("HTTP 500"),
            Optional.of(body));

    outbox()
        .finish(
            claim,
            DeliveryOutcome.failed(DeliveryId.of("d1"), Optional.of(attempt), "HTTP 500", T0));

    assertThat(outbox().attempts(DeliveryId.of("d1"))).containsExactly(attempt);
    assertThat(attempt.response().orElseThrow())
        .hasSizeLessThanOrEqualTo(DeliveryAttempt.MAX_RESPONSE_LENGTH);
  }

  @Test
  void redeliversAFailedOrDeliveredReportWithTheSameIdAndPayload() {
    outbox().enqueue(List.of(pending("d1", T0), pending("d2", T0)));
    ClaimId claim = ClaimId.random();
    claimIds(claim, T0, 2);
    outbox()
        .finish(
            claim,
            DeliveryOutcome.failed(
                DeliveryId.of("d1"),
                Optional.of(attempt(DeliveryId.of("d1"), 1, T0, 500)),
                "HTTP 500",
                T0));
    outbox().finish(claim, DeliveryOutcome.delivered(attempt(DeliveryId.of("d2"), 1, T0, 200), T0));
    Instant later = T0.plus(Duration.ofDays(2));

    assertThat(outbox().redeliver(DeliveryId.of("d1"), later)).isTrue();
    assertThat(outbox().redeliver(DeliveryId.of("d2"), later)).isTrue();

    for (String id : List.of("d1", "d2")) {
      Delivery again = outbox().findById(DeliveryId.of(id)).orElseThrow();
      assertThat(again.state()).isEqualTo(DeliveryState.PENDING);
      assertThat(again.nextAttemptAt()).isEqualTo(later);
      assertThat(again.payload()).isEqualTo(PAYLOAD);
      assertThat(again.attempts()).as("a redelivery gets a fresh round of retries").isZero();
      assertThat(again.finishedAt()).isEmpty();
      assertThat(outbox().attempts(DeliveryId.of(id))).hasSize(1);
    }
    assertThat(claimIds(ClaimId.random(), later, 10))
        .containsExactlyInAnyOrder(DeliveryId.of("d1"), DeliveryId.of("d2"));
  }

  @Test
  void redeliversNothingThatIsPendingInFlightOrUnknown() {
    outbox().enqueue(List.of(pending("d1", T0), pending("d2", T0.plusSeconds(1))));
    claimIds(ClaimId.random(), T0, 1);

    assertThat(outbox().redeliver(DeliveryId.of("d1"), T0.plusSeconds(5))).isFalse();
    assertThat(outbox().redeliver(DeliveryId.of("d2"), T0.plusSeconds(5))).isFalse();
    assertThat(outbox().redeliver(DeliveryId.of("nope"), T0.plusSeconds(5))).isFalse();
    assertThat(outbox().findById(DeliveryId.of("d1")).orElseThrow().state())
        .isEqualTo(DeliveryState.IN_FLIGHT);
    assertThat(outbox().findById(DeliveryId.of("d2")).orElseThrow().nextAttemptAt())
        .isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void cancellingASubscriptionsPendingReportsFailsThemWithTheReasonAndKeepsThem() {
    Delivery other =
        Delivery.pending(
            DeliveryId.of("d-other"),
            OTHER_HOOK,
            ACME,
            CompletionId.of("c-o"),
            PAYLOAD,
            T0.plusSeconds(5));
    outbox()
        .enqueue(
            List.of(
                pending("d1", T0),
                pending("d2", T0.plusSeconds(1)),
                pending("d3", T0.plusSeconds(2)),
                other));
    ClaimId claim = ClaimId.random();
    assertThat(claimIds(claim, T0, 1)).containsExactly(DeliveryId.of("d1"));
    outbox().finish(claim, DeliveryOutcome.delivered(attempt(DeliveryId.of("d1"), 1, T0, 200), T0));
    ClaimId inFlight = ClaimId.random();
    assertThat(claimIds(inFlight, T0.plusSeconds(1), 1)).containsExactly(DeliveryId.of("d2"));
    Instant now = T0.plusSeconds(10);

    int cancelled = outbox().cancelPending(HOOK, now, "subscription deleted");

    assertThat(cancelled).as("only d3 waited for an attempt").isEqualTo(1);
    Delivery d3 = outbox().findById(DeliveryId.of("d3")).orElseThrow();
    assertThat(d3.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(d3.lastError()).contains("subscription deleted");
    assertThat(d3.finishedAt()).contains(now);
    assertThat(d3.payload()).isEqualTo(PAYLOAD);
    assertThat(outbox().findById(DeliveryId.of("d1")).orElseThrow().state())
        .isEqualTo(DeliveryState.DELIVERED);
    assertThat(outbox().findById(DeliveryId.of("d2")).orElseThrow().state())
        .as("a report in flight is its worker's")
        .isEqualTo(DeliveryState.IN_FLIGHT);
    assertThat(outbox().findById(other.id()).orElseThrow().state())
        .as("another subscription's report")
        .isEqualTo(DeliveryState.PENDING);
    assertThat(claimIds(ClaimId.random(), now.plus(Duration.ofDays(1)), 10))
        .as("a cancelled report is never claimed; the in-flight one comes back after its lease")
        .containsExactlyInAnyOrder(other.id(), DeliveryId.of("d2"));
    assertThat(outbox().cancelPending(SubscriptionId.of("none"), now, "x")).isZero();
  }

  @Test
  void redeliversEveryFailedReportOfACompanyCreatedInTheTimeRange() {
    List<Delivery> all =
        List.of(
            pending("before", T0.minusSeconds(1)),
            pending("first", T0),
            pending("inside", T0.plusSeconds(30)),
            pending("end", T0.plusSeconds(60)),
            pending("globex", GLOBEX, T0.plusSeconds(30)),
            pending("delivered", T0.plusSeconds(31)));
    outbox().enqueue(all);
    ClaimId claim = ClaimId.random();
    claimIds(claim, T0.plus(Duration.ofHours(1)), 10);
    for (Delivery d : all) {
      outbox()
          .finish(
              claim,
              d.id().value().equals("delivered")
                  ? DeliveryOutcome.delivered(attempt(d.id(), 1, T0, 200), T0)
                  : DeliveryOutcome.failed(d.id(), Optional.empty(), "gave up", T0));
    }

    int count =
        outbox().redeliverFailed(ACME, T0, T0.plusSeconds(60), T0.plus(Duration.ofHours(2)));

    assertThat(count).isEqualTo(2);
    assertThat(outbox().list(ACME, DeliveryState.PENDING, 10))
        .extracting(Delivery::id)
        .containsExactlyInAnyOrder(DeliveryId.of("first"), DeliveryId.of("inside"));
    assertThat(outbox().list(ACME, DeliveryState.FAILED, 10))
        .extracting(Delivery::id)
        .containsExactlyInAnyOrder(DeliveryId.of("before"), DeliveryId.of("end"));
    assertThat(outbox().list(GLOBEX, DeliveryState.FAILED, 10)).hasSize(1);
  }

  // ---- Filtered listing and bulk redelivery (DeliveryOutbox.Query) ----

  private static Delivery pendingOf(String id, SubscriptionId subscription, Instant createdAt) {
    return Delivery.pending(
        DeliveryId.of(id), subscription, ACME, CompletionId.of("c-" + id), PAYLOAD, createdAt);
  }

  private static DeliveryOutbox.Query query(
      Optional<SubscriptionId> subscription,
      Set<DeliveryState> states,
      Optional<Instant> since,
      Optional<Instant> until,
      int limit) {
    return new DeliveryOutbox.Query(ACME, subscription, states, since, until, limit);
  }

  private List<DeliveryId> listed(DeliveryOutbox.Query query) {
    return outbox().list(query).stream().map(l -> l.delivery().id()).toList();
  }

  /**
   * q1 (s1, T0) delivered after a 500 then a 204; q2 (s2, T0+10s) failed after a connection error;
   * q3 (s1, T0+20s) in flight; q4 (s2, T0+30s) pending; g1 of Globex (s1, T0+15s) failed.
   */
  private void fourDeliveriesInEveryState() {
    outbox()
        .enqueue(
            List.of(
                pendingOf("q1", HOOK, T0),
                pendingOf("q2", OTHER_HOOK, T0.plusSeconds(10)),
                pendingOf("q3", HOOK, T0.plusSeconds(20)),
                pendingOf("q4", OTHER_HOOK, T0.plusSeconds(30)),
                Delivery.pending(
                    DeliveryId.of("g1"),
                    HOOK,
                    GLOBEX,
                    CompletionId.of("c-g1"),
                    PAYLOAD,
                    T0.plusSeconds(15))));
    Instant at = T0.plusSeconds(25);
    ClaimId claim = ClaimId.random();
    assertThat(claimIds(claim, at, 4)).hasSize(4);
    DeliveryId q1 = DeliveryId.of("q1");
    outbox()
        .finish(
            claim,
            DeliveryOutcome.retryAt(attempt(q1, 1, at, 500), at.plusSeconds(1), "HTTP 500", at));
    outbox().release(claim, DeliveryId.of("g1"));
    ClaimId second = ClaimId.random();
    Instant later = at.plusSeconds(5);
    assertThat(claimIds(second, later, 10))
        .containsExactlyInAnyOrder(q1, DeliveryId.of("g1"), DeliveryId.of("q4"));
    outbox().finish(second, DeliveryOutcome.delivered(attempt(q1, 2, later, 204), later));
    outbox()
        .finish(
            second,
            DeliveryOutcome.failed(DeliveryId.of("g1"), Optional.empty(), "gave up", later));
    outbox().release(second, DeliveryId.of("q4"));
    DeliveryId q2 = DeliveryId.of("q2");
    outbox()
        .finish(
            claim,
            DeliveryOutcome.failed(
                q2,
                Optional.of(
                    new DeliveryAttempt(
                        q2,
                        1,
                        at,
                        Duration.ofMillis(3),
                        Optional.empty(),
                        Optional.of("connection refused"),
                        Optional.empty())),
                "connection refused",
                at));
  }

  @Test
  void listsEveryDeliveryOfTheCompanyNewestFirstWithTheLatestAttemptsStatus() {
    fourDeliveriesInEveryState();

    List<DeliveryOutbox.Listed> all = outbox().list(DeliveryOutbox.Query.of(ACME, 10));

    assertThat(all)
        .extracting(l -> l.delivery().id().value())
        .containsExactly("q4", "q3", "q2", "q1");
    assertThat(all)
        .extracting(l -> l.delivery().state())
        .containsExactly(
            DeliveryState.PENDING,
            DeliveryState.IN_FLIGHT,
            DeliveryState.FAILED,
            DeliveryState.DELIVERED);
    // q1's latest attempt answered 204; q2's got no answer; q3 and q4 have no attempt.
    assertThat(all)
        .extracting(DeliveryOutbox.Listed::lastStatus)
        .containsExactly(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(204));
    assertThat(all.get(3).delivery()).isEqualTo(outbox().findById(DeliveryId.of("q1")).get());
    assertThat(outbox().list(DeliveryOutbox.Query.of(ACME, 2)))
        .extracting(l -> l.delivery().id().value())
        .containsExactly("q4", "q3");
    assertThat(outbox().list(DeliveryOutbox.Query.of(GLOBEX, 10)))
        .extracting(l -> l.delivery().id().value())
        .containsExactly("g1");
  }

  @Test
  void listsBySubscriptionStatesAndCreationTimeSinceInclusiveUntilExclusive() {
    fourDeliveriesInEveryState();
    Optional<SubscriptionId> none = Optional.empty();
    Optional<Instant> open = Optional.empty();

    assertThat(listed(query(Optional.of(HOOK), Set.of(), open, open, 10)))
        .extracting(DeliveryId::value)
        .containsExactly("q3", "q1");
    assertThat(listed(query(none, Set.of(DeliveryState.PENDING), open, open, 10)))
        .extracting(DeliveryId::value)
        .containsExactly("q4");
    assertThat(listed(query(none, Set.of(DeliveryState.IN_FLIGHT), open, open, 10)))
        .extracting(DeliveryId::value)
        .containsExactly("q3");
    assertThat(
            listed(
                query(
                    none, Set.of(DeliveryState.PENDING, DeliveryState.IN_FLIGHT), open, open, 10)))
        .extracting(DeliveryId::value)
        .containsExactly("q4", "q3");
    assertThat(
            listed(
                query(none, Set.of(DeliveryState.FAILED, DeliveryState.DELIVERED), open, open, 10)))
        .extracting(DeliveryId::value)
        .containsExactly("q2", "q1");
    assertThat(
            listed(
                query(
                    none,
                    Set.of(),
                    Optional.of(T0.plusSeconds(10)),
                    Optional.of(T0.plusSeconds(30)),
                    10)))
        .extracting(DeliveryId::value)
        .containsExactly("q3", "q2");
    assertThat(
            listed(
                query(
                    Optional.of(OTHER_HOOK),
                    Set.of(DeliveryState.FAILED),
                    Optional.of(T0),
                    Optional.of(T0.plusSeconds(11)),
                    10)))
        .extracting(DeliveryId::value)
        .containsExactly("q2");
    assertThat(listed(query(Optional.of(SubscriptionId.of("s9")), Set.of(), open, open, 10)))
        .isEmpty();
  }

  @Test
  void redeliversTheFinishedDeliveriesAQuerySelectsOldestFirstUpToItsLimit() {
    List<Delivery> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(pendingOf("r" + i, i % 2 == 0 ? HOOK : OTHER_HOOK, T0.plusSeconds(i)));
    }
    all.add(pending("rd", T0.plusSeconds(2).plusMillis(500)));
    all.add(pending("rg", GLOBEX, T0.plusSeconds(1)));
    outbox().enqueue(all);
    ClaimId claim = ClaimId.random();
    Instant at = T0.plus(Duration.ofHours(1));
    claimIds(claim, at, 10);
    for (Delivery d : all) {
      outbox()
          .finish(
              claim,
              d.id().value().equals("rd")
                  ? DeliveryOutcome.delivered(attempt(d.id(), 1, at, 200), at)
                  : DeliveryOutcome.failed(d.id(), Optional.empty(), "gave up", at));
    }
    Instant now = at.plusSeconds(60);
    Set<DeliveryState> failed = Set.of(DeliveryState.FAILED);

    // s1's failed ones are r0, r2, r4: the oldest two go.
    int count =
        outbox()
            .redeliver(query(Optional.of(HOOK), failed, Optional.of(T0), Optional.empty(), 2), now);

    assertThat(count).isEqualTo(2);
    assertThat(listed(query(Optional.empty(), Set.of(DeliveryState.PENDING), none(), none(), 10)))
        .extracting(DeliveryId::value)
        .containsExactly("r2", "r0");
    Delivery again = outbox().findById(DeliveryId.of("r0")).orElseThrow();
    assertThat(again.nextAttemptAt()).isEqualTo(now);
    assertThat(again.payload()).isEqualTo(PAYLOAD);
    // The same query again takes the next one: those sent again are pending now.
    assertThat(
            outbox()
                .redeliver(
                    query(Optional.of(HOOK), failed, Optional.of(T0), Optional.empty(), 2), now))
        .isEqualTo(1);
    // Delivered ones in a time range; Globex's failed one is never Acme's.
    assertThat(
            outbox()
                .redeliver(
                    query(
                        Optional.empty(),
                        Set.of(DeliveryState.DELIVERED, DeliveryState.FAILED),
                        Optional.of(T0.plusSeconds(1)),
                        Optional.of(T0.plusSeconds(3)),
                        100),
                    now))
        .isEqualTo(2);
    assertThat(listed(query(Optional.empty(), failed, none(), none(), 10)))
        .extracting(DeliveryId::value)
        .containsExactly("r3");
    assertThat(outbox().findById(DeliveryId.of("rg")).orElseThrow().state())
        .isEqualTo(DeliveryState.FAILED);
  }

  @Test
  void bulkRedeliveryRefusesStatesThatCannotBeSentAgainAndChangesNothing() {
    fourDeliveriesInEveryState();

    for (Set<DeliveryState> states :
        List.of(
            Set.<DeliveryState>of(),
            Set.of(DeliveryState.PENDING),
            Set.of(DeliveryState.FAILED, DeliveryState.IN_FLIGHT))) {
      assertThatThrownBy(
              () -> outbox().redeliver(query(Optional.empty(), states, none(), none(), 10), T0))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(outbox().findById(DeliveryId.of("q2")).orElseThrow().state())
        .isEqualTo(DeliveryState.FAILED);
  }

  private static Optional<Instant> none() {
    return Optional.empty();
  }

  @Test
  void keepsTimesToTheMicrosecondAndIdsOfTheLongestLength() {
    Delivery longest =
        Delivery.pending(
            DeliveryId.of(LONGEST_ID),
            SubscriptionId.of(LONGEST_ID),
            CompanyId.of(LONGEST_ID),
            CompletionId.of(LONGEST_ID),
            PAYLOAD,
            T0);

    outbox().enqueue(List.of(longest));

    assertThat(outbox().findById(longest.id())).contains(longest);
    assertThat(outbox().findById(longest.id()).orElseThrow().createdAt()).isEqualTo(T0);
    assertThat(outbox().list(CompanyId.of(LONGEST_ID), DeliveryState.PENDING, 5))
        .containsExactly(longest);
  }

  @Test
  void keepsALargePayloadByteForByte() {
    String large = "{\"custom_fields\":{" + "\"k\":\"" + UNICODE.repeat(3000) + "\"}}";
    Delivery delivery =
        Delivery.pending(DeliveryId.of("big"), OTHER_HOOK, ACME, CompletionId.of("c"), large, T0);

    outbox().enqueue(List.of(delivery));

    assertThat(outbox().findById(delivery.id()).orElseThrow().payload()).isEqualTo(large);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void tenWorkersClaimingAtOnceNeverShareADelivery() throws Exception {
    int count = 300;
    List<Delivery> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(pending(String.format("d%04d", i), T0.plusMillis(i)));
    }
    outbox().enqueue(batch);
    int workers = 10;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<DeliveryId>>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  List<DeliveryId> mine = new ArrayList<>();
                  Instant now = T0.plusSeconds(10);
                  while (true) {
                    List<DeliveryId> got = claimIds(ClaimId.random(), now, 7);
                    if (got.isEmpty()) {
                      return mine;
                    }
                    mine.addAll(got);
                  }
                }));
      }
      start.countDown();
      List<DeliveryId> all = new ArrayList<>();
      for (Future<List<DeliveryId>> future : futures) {
        all.addAll(future.get(100, TimeUnit.SECONDS));
      }
      Set<DeliveryId> distinct = new HashSet<>(all);
      assertThat(all).hasSize(count);
      assertThat(distinct).hasSize(count);
      assertThat(Collections.frequency(all, all.get(0))).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  // --- Retention: pruneFinished ---

  /** Enqueues {@code id} at T0, claims it and finishes it at {@code at} with one attempt. */
  private DeliveryId finishedAt(String id, DeliveryState state, Instant at) {
    Delivery delivery = pending(id, T0);
    outbox().enqueue(List.of(delivery));
    ClaimId claim = ClaimId.random();
    assertThat(claimIds(claim, at, 100)).contains(delivery.id());
    DeliveryOutcome outcome =
        state == DeliveryState.DELIVERED
            ? DeliveryOutcome.delivered(attempt(delivery.id(), 1, at, 200), at)
            : DeliveryOutcome.failed(
                delivery.id(), Optional.of(attempt(delivery.id(), 1, at, 500)), "HTTP 500", at);
    assertThat(outbox().finish(claim, outcome)).isTrue();
    return delivery.id();
  }

  private static final Instant DAY_40 = T0.plus(Duration.ofDays(40));
  private static final Instant DAY_100 = T0.plus(Duration.ofDays(100));

  @Test
  void prunesDeliveredReportsOlderThanTheirCutoffWithTheirAttempts() {
    DeliveryId old = finishedAt("d-old", DeliveryState.DELIVERED, T0.plus(Duration.ofDays(1)));
    DeliveryId recent = finishedAt("d-new", DeliveryState.DELIVERED, T0.plus(Duration.ofDays(20)));

    // At day 40 with 30 days kept: delivered before day 10 go.
    int pruned = outbox().pruneFinished(T0.plus(Duration.ofDays(10)), T0, 500);

    assertThat(pruned).isEqualTo(1);
    assertThat(outbox().findById(old)).isEmpty();
    assertThat(outbox().attempts(old)).isEmpty();
    assertThat(outbox().findById(recent)).isPresent();
    assertThat(outbox().attempts(recent)).hasSize(1);
  }

  @Test
  void prunesFailedReportsByTheirOwnLongerCutoff() {
    DeliveryId failed = finishedAt("d-failed", DeliveryState.FAILED, T0.plus(Duration.ofDays(1)));
    DeliveryId delivered =
        finishedAt("d-delivered", DeliveryState.DELIVERED, T0.plus(Duration.ofDays(1)));

    // Failed ones are kept until day 0: only the delivered one goes.
    assertThat(outbox().pruneFinished(DAY_40, T0, 500)).isEqualTo(1);
    assertThat(outbox().findById(failed)).isPresent();
    assertThat(outbox().attempts(failed)).hasSize(1);
    assertThat(outbox().findById(delivered)).isEmpty();

    assertThat(outbox().pruneFinished(DAY_40, DAY_40, 500)).isEqualTo(1);
    assertThat(outbox().findById(failed)).isEmpty();
    assertThat(outbox().attempts(failed)).isEmpty();
  }

  @Test
  void neverPrunesPendingOrInFlightDeliveries() {
    Delivery waiting = pending("d-waiting", T0);
    Delivery inFlight = pending("d-flying", T0);
    Delivery retrying = pending("d-retrying", T0);
    outbox().enqueue(List.of(waiting, inFlight, retrying));
    ClaimId claim = ClaimId.random();
    assertThat(claimIds(claim, T0, 3)).hasSize(3);
    assertThat(outbox().release(claim, waiting.id())).isTrue();
    assertThat(
            outbox()
                .finish(
                    claim,
                    DeliveryOutcome.retryAt(
                        attempt(retrying.id(), 1, T0, 503), T0.plusSeconds(60), "HTTP 503", T0)))
        .isTrue();

    assertThat(outbox().pruneFinished(DAY_100, DAY_100, 500)).isZero();
    assertThat(outbox().findById(waiting.id())).isPresent();
    assertThat(outbox().findById(inFlight.id())).isPresent();
    assertThat(outbox().findById(retrying.id())).isPresent();
    assertThat(outbox().attempts(retrying.id())).hasSize(1);
  }

  @Test
  void prunesInBatchesOfAtMostTheBatchSizeOldestFirst() {
    List<DeliveryId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(finishedAt("d" + i, DeliveryState.DELIVERED, T0.plus(Duration.ofHours(i + 1))));
    }

    assertThat(outbox().pruneFinished(DAY_40, DAY_40, 2)).isEqualTo(2);
    assertThat(outbox().findById(ids.get(0))).isEmpty();
    assertThat(outbox().findById(ids.get(1))).isEmpty();
    assertThat(outbox().findById(ids.get(2))).isPresent();
    assertThat(outbox().pruneFinished(DAY_40, DAY_40, 2)).isEqualTo(2);
    assertThat(outbox().pruneFinished(DAY_40, DAY_40, 2)).isEqualTo(1);
    assertThat(outbox().pruneFinished(DAY_40, DAY_40, 2)).isZero();
  }

  @Test
  void keepsARedeliveredReport() {
    DeliveryId id = finishedAt("d-again", DeliveryState.FAILED, T0.plus(Duration.ofDays(1)));
    assertThat(outbox().redeliver(id, DAY_40)).isTrue();

    assertThat(outbox().pruneFinished(DAY_100, DAY_100, 500)).isZero();
    assertThat(outbox().findById(id)).isPresent();
    assertThat(outbox().attempts(id)).hasSize(1);
  }

  @Test
  void refusesAPruneBatchSmallerThanOne() {
    assertThatThrownBy(() -> outbox().pruneFinished(T0, T0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
