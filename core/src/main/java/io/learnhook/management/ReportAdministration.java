package io.learnhook.management;

import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SigningSecret;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.management.ManagementException.ConflictException;
import io.learnhook.management.ManagementException.NotFoundException;
import io.learnhook.management.ManagementException.ValidationException;
import io.learnhook.management.ManagementException.ValidationException.Problem;
import io.learnhook.reporting.Deliveries;
import io.learnhook.spi.DeliveryOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A company's report subscriptions and deliveries, managed by its Owners and Admins: the same rule
 * as {@link WebhookAdministration} (Managers and Learners get nothing, not even a read; another
 * company's subscription or delivery is "not found", exactly like an unknown one).
 *
 * <p>Subscriptions: list, create (the callback URL checked against the private-network rule when
 * saved), read, change, delete (its pending deliveries are cancelled), rotate the signing secret
 * with a grace period, queue a test report. Deliveries: list by subscription, state and time, read
 * one with its payload and attempts, send one again, send again every report in a state and time
 * range.
 *
 * <p>Get it from {@link io.learnhook.LearnHook#reportAdministration()}; serve it over HTTP with
 * learnhook-http's {@code AdminEndpoint}. Thread-safe.
 */
public final class ReportAdministration {
  private static final Logger LOG = LoggerFactory.getLogger(ReportAdministration.class);
  private final Deliveries deliveries;
  private final Clock clock;

  /**
   * Use {@link io.learnhook.LearnHook#reportAdministration()}; this constructor is for tests and
   * the builder.
   */
  public ReportAdministration(Deliveries deliveries, Clock clock) {
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Throws {@link ManagementException.AccessDeniedException} unless the actor may manage the
   * company's reports (an Owner or an Admin).
   */
  public void requireAccess(Actor actor) {
    authorize(actor);
  }

  // ---- Subscriptions ----

  // ---- Deliveries ----

  /** The most deliveries one listing returns. */
  public static final int MAX_DELIVERY_LIST_LIMIT = 500;

  /**
   * The most deliveries one bulk redelivery sends again (the oldest first); a caller with more asks
   * again, since those sent again are pending and no longer selected.
   */
  public static final int MAX_REDELIVERIES = 10_000;

  /**
   * The company's deliveries, newest first (by creation time), each with its latest attempt's
   * status.
   *
   * @throws ValidationException when {@code limit} is not from 1 to {@link
   *     #MAX_DELIVERY_LIST_LIMIT}, or {@code until} is not after {@code since}
   * @throws NotFoundException when the filter names a subscription not of the actor's company
   */
  public List<DeliveryOutbox.Listed> listDeliveries(Actor actor, DeliveryFilter filter, int limit) {
    authorize(actor);
    Objects.requireNonNull(filter, "filter");
    List<Problem> problems = new ArrayList<>();
    if (limit < 1 || limit > MAX_DELIVERY_LIST_LIMIT) {
      problems.add(
          new Problem("limit", "must be a whole number from 1 to " + MAX_DELIVERY_LIST_LIMIT));
    }
    checkRange(filter.since(), filter.until(), problems);
    throwIfInvalid(problems);
    filter.subscription().ifPresent(id -> ownSubscription(actor, id));
    List<String> secrets = secrets(deliveries.subscriptions(actor.company()));
    return deliveries.list(filter.query(actor.company(), limit)).stream()
        .map(l -> new DeliveryOutbox.Listed(redacted(l.delivery(), secrets), l.lastStatus()))
        .toList();
  }

  /**
   * One delivery of the actor's company, with its payload, latest status and every attempt.
   *
   * @throws NotFoundException when it is unknown or of another company
   */
  public DeliveryDetail delivery(Actor actor, DeliveryId id) {
    authorize(actor);
    Delivery delivery = ownDelivery(actor, id);
    List<String> secrets =
        secrets(deliveries.subscription(delivery.subscription()).stream().toList());
    List<DeliveryAttempt> attempts =
        deliveries.attempts(id).stream().map(a -> redacted(a, secrets)).toList();
    Optional<Integer> lastStatus =
        attempts.isEmpty() ? Optional.empty() : attempts.get(attempts.size() - 1).status();
    return new DeliveryDetail(redacted(delivery, secrets), lastStatus, attempts);
  }

  /**
   * Sends a delivered or failed report again, now, with the same {@code webhook-id} and payload and
   * a fresh round of retries.
   *
   * @throws NotFoundException when it is unknown or of another company
   * @throws ConflictException when it is pending or being sent: it goes out anyway, and can be sent
   *     again once delivered or failed
   */
  public void redeliver(Actor actor, DeliveryId id) {
    authorize(actor);
    ownDelivery(actor, id);
    if (!deliveries.redeliver(id)) {
      throw new ConflictException(
          "Delivery "
              + id
              + " is pending or being sent; it can be sent again once delivered or failed");
    }
    LOG.info("User {} asked for delivery {} to be sent again", actor.user(), id);
  }

  /**
   * Sends again the company's reports in {@code state} (delivered or failed) created at or after
   * {@code since} and before {@code until}, of one subscription or of all, the oldest first and at
   * most {@link #MAX_REDELIVERIES}; returns how many.
   *
   * @throws ValidationException when {@code state} is not delivered or failed, or {@code until} is
   *     not after {@code since}
   * @throws NotFoundException when {@code subscription} is not of the actor's company
   */
  public int redeliverAll(
      Actor actor,
      DeliveryState state,
      Instant since,
      Instant until,
      Optional<SubscriptionId> subscription) {
    authorize(actor);
    Objects.requireNonNull(state, "state");
    List<Problem> problems = new ArrayList<>();
    if (!state.finished()) {
      problems.add(new Problem("state", "must be failed or delivered"));
    }
    checkRange(Optional.of(since), Optional.of(until), problems);
    throwIfInvalid(problems);
    subscription.ifPresent(id -> ownSubscription(actor, id));
    int count =
        deliveries.redeliver(
            new DeliveryOutbox.Query(
                actor.company(),
                subscription,
                Set.of(state),
                Optional.of(since),
                Optional.of(until),
                MAX_REDELIVERIES));
    LOG.info(
        "User {} asked for {} {} reports of company {} to be sent again",
        actor.user(),
        count,
        state,
        actor.company());
    return count;
  }

  /**
   * Which deliveries to list: each part narrows the list, and an empty one does not.
   *
   * @param subscription only this subscription's
   * @param states only those in one of these states ({@code pending} over HTTP is {@link
   *     DeliveryState#PENDING} and {@link DeliveryState#IN_FLIGHT})
   * @param since only those created at or after
   * @param until only those created before
   */
  public record DeliveryFilter(
      Optional<SubscriptionId> subscription,
      Set<DeliveryState> states,
      Optional<Instant> since,
      Optional<Instant> until) {
    public DeliveryFilter {
      Objects.requireNonNull(subscription, "subscription");
      states = Set.copyOf(states);
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(until, "until");
    }

    /** Every delivery. */
    public static DeliveryFilter all() {
      return new DeliveryFilter(Optional.empty(), Set.of(), Optional.empty(), Optional.empty());
    }

    DeliveryOutbox.Query query(CompanyId company, int limit) {
      return new DeliveryOutbox.Query(company, subscription, states, since, until, limit);
    }
  }

  /**
   * A delivery as its administrators read it.
   *
   * @param delivery the delivery, payload included
   * @param lastStatus the HTTP status of its latest attempt; empty when none or no answer
   * @param attempts every attempt, oldest first
   */
  public record DeliveryDetail(
      Delivery delivery, Optional<Integer> lastStatus, List<DeliveryAttempt> attempts) {
    public DeliveryDetail {
      Objects.requireNonNull(delivery, "delivery");
      Objects.requireNonNull(lastStatus, "lastStatus");
      attempts = List.copyOf(attempts);
    }
  }

  /** The one place where roles are checked here: see {@link Actor.Role#mayManageWebhooks()}. */
  private static void authorize(Actor actor) {
    Objects.requireNonNull(actor, "actor");
    if (!actor.role().mayManageWebhooks()) {
      throw new ManagementException.AccessDeniedException(
          "Only a company's Owners and Admins may manage its report subscriptions");
    }
  }

  private Delivery ownDelivery(Actor actor, DeliveryId id) {
    Objects.requireNonNull(id, "id");
    return deliveries
        .find(id)
        .filter(d -> d.company().equals(actor.company()))
        .orElseThrow(() -> new NotFoundException("Delivery not found"));
  }

  private void ownSubscription(Actor actor, SubscriptionId id) {
    deliveries
        .subscription(id)
        .filter(s -> s.company().equals(actor.company()))
        .orElseThrow(() -> new NotFoundException("Subscription not found"));
  }

  /**
   * The Authorization values and signing secrets of {@code subscriptions}: never shown in an error
   * text, should a transport's message ever quote one.
   */
  private static List<String> secrets(List<ReportSubscription> subscriptions) {
    List<String> secrets = new ArrayList<>();
    for (ReportSubscription subscription : subscriptions) {
      subscription.authorization().ifPresent(secrets::add);
      subscription.signingSecret().map(SigningSecret::reveal).ifPresent(secrets::add);
    }
    return secrets;
  }

  private static String redact(String text, List<String> secrets) {
    String shown = text;
    for (String secret : secrets) {
      shown = shown.replace(secret, "[redacted]");
    }
    return shown;
  }

  private static Delivery redacted(Delivery d, List<String> secrets) {
    Optional<String> error = d.lastError().map(e -> redact(e, secrets));
    if (error.equals(d.lastError())) {
      return d;
    }
    return new Delivery(
        d.id(),
        d.subscription(),
        d.company(),
        d.completion(),
        d.payload(),
        d.state(),
        d.attempts(),
        d.createdAt(),
        d.nextAttemptAt(),
        d.lastAttemptAt(),
        error,
        d.finishedAt());
  }

  private static DeliveryAttempt redacted(DeliveryAttempt a, List<String> secrets) {
    Optional<String> error = a.error().map(e -> redact(e, secrets));
    return error.equals(a.error())
        ? a
        : new DeliveryAttempt(
            a.delivery(), a.number(), a.startedAt(), a.latency(), a.status(), error, a.response());
  }

  private static void checkRange(
      Optional<Instant> since, Optional<Instant> until, List<Problem> problems) {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
      problems.add(new Problem("until", "must be after since"));
    }
  }

  private static void throwIfInvalid(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
  }

  Deliveries deliveries() {
    return deliveries;
  }

  Clock clock() {
    return clock;
  }
}
