package io.learnhook.reporting;

import io.learnhook.completion.CompletionId;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.internal.Observation;
import io.learnhook.internal.RandomUuids;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.ReportSubscriptionRepository;
import io.learnhook.spi.ReportTransport;
import io.learnhook.spi.RequestLogRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Outbound reports, for the LMS: its companies' subscriptions, what was delivered or failed and
 * every attempt, sending reports again, and the workers that deliver them. Get it from {@link
 * io.learnhook.LearnHook#deliveries()}.
 *
 * <pre>{@code
 * Deliveries deliveries = learnHook.deliveries();
 * deliveries.saveSubscription(
 *     ReportSubscription.of(SubscriptionId.random(), company, URI.create("https://hooks.example.com/lms"))
 *         .withAuthorization("Token abc")
 *         .withSigningSecret(SigningSecret.generate()));
 * DeliveryWorkers workers = deliveries.workers(HttpReportTransport.create()).start();
 * List<Delivery> failed = deliveries.list(company, DeliveryState.FAILED, 50);
 * deliveries.redeliver(failed.get(0).id());
 * }</pre>
 */
public final class Deliveries {
  private final ReportSubscriptionRepository subscriptions;
  private final DeliveryOutbox outbox;
  private final Clock clock;
  private final Set<DeliveryWorkers> started = new CopyOnWriteArraySet<>();
  private final Set<DeliveryWorkers> launched = new CopyOnWriteArraySet<>();
  private final Observation observation;
  private final RequestLogRepository requestLog;
  private final Duration requestLogAge;

  /**
   * Built by {@link io.learnhook.LearnHook}, with the observers its workers tell of each outcome
   * ({@code observation} is not API).
   */
  public Deliveries(
      ReportSubscriptionRepository subscriptions,
      DeliveryOutbox outbox,
      Clock clock,
      Observation observation,
      RequestLogRepository requestLog,
      Duration requestLogAge) {
    this.requestLog = Objects.requireNonNull(requestLog, "requestLog");
    this.requestLogAge = Objects.requireNonNull(requestLogAge, "requestLogAge");
    this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.observation = Objects.requireNonNull(observation, "observation");
  }

  /** Adds a subscription, or replaces the one with the same id. */
  public void saveSubscription(ReportSubscription subscription) {
    subscriptions.save(Objects.requireNonNull(subscription, "subscription"));
    // This node's workers send with the change at once (a rotated secret, a new URL); other nodes'
    // within their subscription cache (a second by default).
    started.forEach(workers -> workers.forget(subscription.id()));
  }

  public Optional<ReportSubscription> subscription(SubscriptionId id) {
    return subscriptions.findById(id);
  }

  /** The company's subscriptions, enabled or not. */
  public List<ReportSubscription> subscriptions(CompanyId company) {
    return subscriptions.listByCompany(company);
  }

  /**
   * Deletes a subscription; returns whether it existed. Its reports waiting to be sent are given up
   * at once ({@link DeliveryState#FAILED}, last error {@value #DELETED}), one in flight after its
   * attempt, and every report is kept.
   */
  public boolean deleteSubscription(SubscriptionId id) {
    Objects.requireNonNull(id, "id");
    if (!subscriptions.delete(id)) {
      return false;
    }
    // After the delete: a report enqueued meanwhile finds the subscription gone when it is sent.
    outbox.cancelPending(id, clock.instant(), DELETED);
    started.forEach(workers -> workers.forget(id));
    return true;
  }

  /** The last error of a report given up because its subscription was deleted. */
  public static final String DELETED = "subscription deleted";

  /**
   * The prefix of the completion id of a test report ({@link #enqueueTest}): {@code test-} and a
   * random UUID, which no recorded completion has (theirs are plain UUIDs).
   */
  public static final String TEST_COMPLETION_PREFIX = "test-";

  /**
   * Queues {@code payload} as one report to {@code subscription}, due now, outside any completion:
   * an administrator's test. It is sent, retried and kept like any report; its completion id is
   * {@value #TEST_COMPLETION_PREFIX} and a random UUID, which names no recorded completion, so no
   * completion and no other subscription is touched. The subscription's enabled switch applies as
   * to every report.
   */
  public Delivery enqueueTest(ReportSubscription subscription, String payload) {
    Objects.requireNonNull(subscription, "subscription");
    Delivery delivery =
        Delivery.pending(
            DeliveryId.random(),
            subscription.id(),
            subscription.company(),
            CompletionId.of(TEST_COMPLETION_PREFIX + RandomUuids.next()),
            payload,
            clock.instant());
    outbox.enqueue(List.of(delivery));
    wakeUp();
    return delivery;
  }

  public Optional<Delivery> find(DeliveryId id) {
    return outbox.findById(id);
  }

  /** The company's deliveries in {@code state}, newest first. */
  public List<Delivery> list(CompanyId company, DeliveryState state, int limit) {
    Objects.requireNonNull(company, "company");
    Objects.requireNonNull(state, "state");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return outbox.list(company, state, limit);
  }

  /** Every attempt of a delivery, oldest first. */
  public List<DeliveryAttempt> attempts(DeliveryId id) {
    return outbox.attempts(id);
  }

  /**
   * Sends a delivered or failed report again, now, with the same {@code webhook-id} and body, and a
   * fresh round of retries. Returns false when it is unknown, or still pending or in flight.
   */
  public boolean redeliver(DeliveryId id) {
    boolean done = outbox.redeliver(Objects.requireNonNull(id, "id"), clock.instant());
    if (done) {
      wakeUp();
    }
    return done;
  }

  /**
   * Sends again every failed report of the company created at or after {@code from} and before
   * {@code to} (after a subscriber's outage, say); returns how many.
   */
  public int redeliverFailed(CompanyId company, Instant from, Instant to) {
    Objects.requireNonNull(company, "company");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    int count = outbox.redeliverFailed(company, from, to, clock.instant());
    if (count > 0) {
      wakeUp();
    }
    return count;
  }

  /**
   * A company's deliveries that {@code query} selects, newest first, each with the HTTP status of
   * its latest attempt.
   */
  public List<DeliveryOutbox.Listed> list(DeliveryOutbox.Query query) {
    return outbox.list(Objects.requireNonNull(query, "query"));
  }

  /**
   * Sends again, now, the delivered or failed reports {@code query} selects, oldest first, at most
   * {@code query.limit()}; returns how many.
   *
   * @throws IllegalArgumentException when the query selects states other than delivered and failed
   */
  public int redeliver(DeliveryOutbox.Query query) {
    int count = outbox.redeliver(Objects.requireNonNull(query, "query"), clock.instant());
    if (count > 0) {
      wakeUp();
    }
    return count;
  }

  /**
   * Workers that deliver this engine's reports through {@code transport}; new completions and
   * redeliveries wake them. Configure, then {@link DeliveryWorkers.Builder#start()}.
   */
  public DeliveryWorkers.Builder workers(ReportTransport transport) {
    return DeliveryWorkers.builder(outbox, subscriptions, transport)
        .clock(clock)
        .registry(started)
        .launched(launched)
        .observation(observation)
        .requestLog(requestLog)
        .retention(DeliveryWorkers.Retention.defaults().withRequestLog(requestLogAge));
  }

  /**
   * Whether every worker pool started from here still runs: false once one is closed or one of its
   * threads died. True when none was started (this node sends no reports, and nothing is wrong).
   */
  public boolean workersRunning() {
    for (DeliveryWorkers workers : launched) {
      if (!workers.alive()) {
        return false;
      }
    }
    return true;
  }

  /**
   * How many reports of every company wait to be sent (pending or in flight), and how long the
   * oldest has waited: the outbox's health, for metrics and alerts.
   */
  public DeliveryOutbox.Backlog backlog() {
    return outbox.backlog();
  }

  /** Wakes every started worker pool of this engine. */
  public void wakeUp() {
    for (DeliveryWorkers workers : started) {
      workers.wakeUp();
    }
  }
}
