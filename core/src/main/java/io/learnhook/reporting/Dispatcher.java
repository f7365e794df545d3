package io.learnhook.reporting;

import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.RetryPolicy;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.DeliveryOutbox.DeliveryOutcome;
import io.learnhook.spi.ReportSubscriptionRepository;
import io.learnhook.spi.ReportTransport;
import io.learnhook.spi.ReportTransport.DeliveryException;
import io.learnhook.spi.ReportTransport.ReportRequest;
import io.learnhook.spi.ReportTransport.TransportResponse;
import io.learnhook.spi.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt at one claimed delivery and decides its outcome, which {@link DeliveryWorkers}
 * then records. The delivery rules, in one place:
 *
 * <ul>
 *   <li>a 2xx answer delivers the report; anything else fails the attempt: a connection error, a
 *       timeout or a non-2xx answer (a redirect is not followed, so 3xx fails too);
 *   <li>a failed attempt is retried as the subscription's {@link RetryPolicy} says, honouring
 *       {@code Retry-After}; when the policy gives up the report is kept as {@link
 *       DeliveryState#FAILED};
 *   <li>410 Gone means the subscriber wants no more reports: the report fails and the subscription
 *       is disabled;
 *   <li>a failure that a retry cannot fix (a refused address) fails the report at once;
 *   <li>a report whose subscription was deleted or disabled meanwhile fails without an attempt.
 * </ul>
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final DeliveryOutbox outbox;
  private final ReportSubscriptionRepository subscriptions;
  private final ReportTransport transport;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Duration cacheFor;
  private final Map<SubscriptionId, Cached> cache = new ConcurrentHashMap<>();

  /** Beyond this many subscriptions cached, the cache starts over. */
  private static final int MAX_CACHED = 10_000;

  Dispatcher(
      DeliveryOutbox outbox,
      ReportSubscriptionRepository subscriptions,
      ReportTransport transport,
      Clock clock,
      DoubleSupplier random,
      Duration cacheFor) {
    this.outbox = outbox;
    this.subscriptions = subscriptions;
    this.transport = transport;
    this.clock = clock;
    this.random = random;
    this.cacheFor = cacheFor;
  }

  static void tookOver(DeliveryId delivery) {
    LOG.info(
        "Delivery {} was taken over by another worker after its lease ran out; its attempt is kept,"
            + " its state is the other worker's",
        delivery);
  }

  static void notRecorded(DeliveryId delivery, StorageException e) {
    // The lease runs out and another worker sends it again, with the same webhook-id.
    LOG.warn("Could not record the outcome of delivery {}: {}", delivery, e.getMessage());
  }

  /** Makes the attempt and decides the outcome; records nothing. */
  DeliveryOutcome attempt(Delivery delivery) {
    Instant started = clock.instant();
    Optional<ReportSubscription> found = subscriptionOf(delivery.subscription());
    if (found.isEmpty()) {
      String error = "subscription " + delivery.subscription() + " was deleted";
      LOG.warn("Gave up delivery {} without an attempt: {}", delivery.id(), error);
      return DeliveryOutcome.failed(delivery.id(), Optional.empty(), error, started);
    }
    ReportSubscription subscription = found.get();
    if (!subscription.enabled()) {
      String error = "subscription " + subscription.id() + " is disabled";
      LOG.warn("Gave up delivery {} without an attempt: {}", delivery.id(), error);
      return DeliveryOutcome.failed(delivery.id(), Optional.empty(), error, started);
    }
    ReportRequest request = ReportRequest.of(delivery, subscription, started);
    int number = delivery.attempts() + 1;
    long t0 = System.nanoTime();
    TransportResponse response;
    try {
      response = transport.send(request);
    } catch (DeliveryException e) {
      return failedToSend(delivery, subscription, number, started, elapsed(t0), e);
    } catch (RuntimeException e) {
      // A transport bug: say what it was without its message, which could quote anything.
      DeliveryException wrapped =
          DeliveryException.transientFailure("transport failed: " + e.getClass().getName(), e);
      return failedToSend(delivery, subscription, number, started, elapsed(t0), wrapped);
    }
    Duration latency = elapsed(t0);
    Instant now = clock.instant();
    Optional<String> body = Optional.of(response.body()).filter(b -> !b.isEmpty());
    if (response.successful()) {
      DeliveryAttempt attempt =
          new DeliveryAttempt(
              delivery.id(),
              number,
              started,
              latency,
              Optional.of(response.status()),
              Optional.empty(),
              body);
      LOG.debug(
          "Delivered {} to {} (subscription {}) in {} ms: HTTP {}",
          delivery.id(),
          subscription.callbackOrigin(),
          subscription.id(),
          latency.toMillis(),
          response.status());
      return DeliveryOutcome.delivered(attempt, now);
    }
    String error = describe(response.status());
    DeliveryAttempt attempt =
        new DeliveryAttempt(
            delivery.id(),
            number,
            started,
            latency,
            Optional.of(response.status()),
            Optional.of(error),
            body);
    if (response.status() == 410) {
      disable(subscription, "answered 410 Gone at " + now);
      return DeliveryOutcome.failed(
          delivery.id(),
          Optional.of(attempt),
          error + "; subscription " + subscription.id() + " disabled",
          now);
    }
    return retryOrGiveUp(
        subscription, attempt, error, RetryAfter.parse(response.retryAfter(), now), now);
  }

  private DeliveryOutcome failedToSend(
      Delivery delivery,
      ReportSubscription subscription,
      int number,
      Instant started,
      Duration latency,
      DeliveryException e) {
    Instant now = clock.instant();
    String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    DeliveryAttempt attempt =
        new DeliveryAttempt(
            delivery.id(),
            number,
            started,
            latency,
            Optional.empty(),
            Optional.of(error),
            Optional.empty());
    if (!e.retryable()) {
      // A refused address, say: a retry would be refused alike, so this is the one line it gets.
      LOG.warn(
          "Gave up delivery {} to {} (subscription {}) after {} attempt(s), not retried: {}",
          delivery.id(),
          subscription.callbackOrigin(),
          subscription.id(),
          number,
          error);
      return DeliveryOutcome.failed(
          delivery.id(), Optional.of(attempt), error + " (not retried)", now);
    }
    return retryOrGiveUp(subscription, attempt, error, Optional.empty(), now);
  }

  private DeliveryOutcome retryOrGiveUp(
      ReportSubscription subscription,
      DeliveryAttempt attempt,
      String error,
      Optional<Duration> retryAfter,
      Instant now) {
    Optional<Duration> wait =
        subscription
            .retryPolicy()
            .delayAfterFailure(attempt.number(), retryAfter, random.getAsDouble());
    if (wait.isPresent()) {
      Instant retryAt = now.plus(wait.get());
      LOG.info(
          "Delivery {} to {} (subscription {}) failed: {}; retrying at {}",
          attempt.delivery(),
          subscription.callbackOrigin(),
          subscription.id(),
          error,
          retryAt);
      return DeliveryOutcome.retryAt(attempt, retryAt, error, now);
    }
    LOG.warn(
        "Gave up delivery {} to {} (subscription {}) after {} attempt(s): {}",
        attempt.delivery(),
        subscription.callbackOrigin(),
        subscription.id(),
        attempt.number(),
        error);
    return DeliveryOutcome.failed(
        attempt.delivery(),
        Optional.of(attempt),
        error + " (gave up after " + attempt.number() + " attempts)",
        now);
  }

  /**
   * The subscription, looked up at most once per {@link #cacheFor} per subscription: a delivery is
   * sent with the subscription as it was at most that long ago (a changed URL or secret, a
   * disabling take effect within it), and a busy subscriber costs one lookup per interval, not one
   * per report.
   */
  void forget(SubscriptionId id) {
    cache.remove(id);
  }

  private Optional<ReportSubscription> subscriptionOf(SubscriptionId id) {
    if (cacheFor.isZero()) {
      return subscriptions.findById(id);
    }
    long now = System.nanoTime();
    Cached cached = cache.get(id);
    if (cached != null && now - cached.readAt < cacheFor.toNanos()) {
      return cached.subscription;
    }
    Optional<ReportSubscription> found = subscriptions.findById(id);
    if (cache.size() > MAX_CACHED) {
      cache.clear();
    }
    cache.put(id, new Cached(found, now));
    return found;
  }

  private record Cached(Optional<ReportSubscription> subscription, long readAt) {}

  private void disable(ReportSubscription subscription, String reason) {
    // At once for this worker pool's later reports, whatever the cache held.
    cache.put(
        subscription.id(),
        new Cached(Optional.of(subscription.disabledBecause(reason)), System.nanoTime()));
    LOG.warn(
        "Gave up delivery: subscription {} of company {} answered 410 Gone; disabling it",
        subscription.id(),
        subscription.company());
    try {
      subscriptions
          .findById(subscription.id())
          .ifPresent(current -> subscriptions.save(current.disabledBecause(reason)));
    } catch (StorageException e) {
      LOG.warn("Could not disable subscription {}: {}", subscription.id(), e.getMessage());
    }
  }

  private static String describe(int status) {
    if (status >= 300 && status < 400) {
      return "HTTP " + status + " (redirects are not followed)";
    }
    if (status == 410) {
      return "HTTP 410 Gone";
    }
    return "HTTP " + status;
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos));
  }
}
