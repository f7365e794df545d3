package io.learnhook.spi;

import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.internal.Preconditions;
import io.learnhook.internal.RandomUuids;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable outbox of reports, shared by every worker thread and app node.
 *
 * <p>A delivery is {@link DeliveryState#PENDING} until a worker claims it; then {@link
 * DeliveryState#IN_FLIGHT} under that worker's claim id until the lease ends; then, by {@link
 * #finish}, delivered, failed, or pending again for a retry. A worker that dies leaves its
 * deliveries in flight, and they are claimed again once their lease has run out. Adapters never
 * hold a transaction open between {@link #claim} and {@link #finish}: the HTTP call happens in
 * between.
 */
public interface DeliveryOutbox {
  /**
   * Adds new deliveries, each {@link DeliveryState#PENDING}. Called inside the transaction that
   * records their completion ({@link Transactions}).
   *
   * @throws IllegalArgumentException when one is not pending or its id is already stored (nothing
   *     of the batch is then stored)
   */
  void enqueue(List<Delivery> deliveries);

  /**
   * Claims up to {@code limit} deliveries that are due, earliest due first: pending ones whose
   * {@code nextAttemptAt} is not after {@code now}, and in-flight ones whose lease ended at or
   * before {@code now}. Each is marked in flight under {@code claim} until {@code leaseUntil}, and
   * returned as it now stands. Atomic: however many threads and nodes claim at once, a delivery
   * goes to one claim only.
   */
  List<Delivery> claim(ClaimId claim, Instant now, Instant leaseUntil, int limit);

  /**
   * Keeps the outcome's attempt, whatever happens, and moves the delivery to the outcome's state if
   * it is still in flight under {@code claim}; returns whether it was. A worker whose lease ran out
   * and whose delivery was claimed by another gets false, and the delivery is left to the other.
   */
  boolean finish(ClaimId claim, DeliveryOutcome outcome);

  /** A finished delivery and the claim it was sent under, for {@link #finishAll}. */
  record Finished(ClaimId claim, DeliveryOutcome outcome) {
    public Finished {
      java.util.Objects.requireNonNull(claim, "claim");
      java.util.Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * {@link #finish} for several deliveries at once, as one transaction where the adapter can
   * (workers record their outcomes in groups, which saves a commit per report). Returns, in order,
   * whether each delivery was still held; an adapter that cannot tell (a driver reporting no row
   * counts for a batch) answers true. The default finishes them one by one.
   */
  default List<Boolean> finishAll(List<Finished> finished) {
    List<Boolean> held = new java.util.ArrayList<>(finished.size());
    for (Finished one : finished) {
      held.add(finish(one.claim(), one.outcome()));
    }
    return held;
  }

  /**
   * Gives back a delivery claimed under {@code claim} and not attempted (a worker stopping): it is
   * pending again, due when it was due. Returns whether it was still held.
   */
  boolean release(ClaimId claim, DeliveryId id);

  Optional<Delivery> findById(DeliveryId id);

  /** The company's deliveries in {@code state}, newest first (by creation time, then id). */
  List<Delivery> list(CompanyId company, DeliveryState state, int limit);

  /** Every attempt kept for the delivery, oldest first. */
  List<DeliveryAttempt> attempts(DeliveryId id);

  /**
   * Sends a delivered or failed report again: it becomes pending, due at {@code now}, with its id
   * and payload unchanged. Returns false, changing nothing, when it is unknown, pending or in
   * flight.
   */
  boolean redeliver(DeliveryId id, Instant now);

  /**
   * {@link #redeliver}s every failed delivery of the company created at or after {@code from} and
   * before {@code to}; returns how many.
   */
  int redeliverFailed(CompanyId company, Instant from, Instant to, Instant now);

  // ---- Filtered reads and bulk redelivery, for the admin routes ----

  /**
   * The company's deliveries that {@code query} selects, newest first (by creation time, then id),
   * at most {@code query.limit()}, each with the HTTP status of its latest attempt.
   */
  List<Listed> list(Query query);

  /**
   * {@link #redeliver}s the company's deliveries that {@code query} selects, oldest first (by
   * creation time, then id), at most {@code query.limit()}; returns how many. Only delivered and
   * failed ones can be sent again: {@code query.states()} must name some, and no other.
   */
  int redeliver(Query query, Instant now);

  /**
   * Which of a company's deliveries to {@link #list(Query) list} or {@link #redeliver(Query,
   * Instant) send again}. A delivery of another company is never selected.
   *
   * @param company whose deliveries
   * @param subscription only this subscription's; empty for every subscription
   * @param states only deliveries in one of these states; empty for every state
   * @param since only those created at or after this instant
   * @param until only those created before this instant
   * @param limit the most selected, at least 1
   */
  record Query(
      CompanyId company,
      Optional<io.learnhook.delivery.SubscriptionId> subscription,
      java.util.Set<DeliveryState> states,
      Optional<Instant> since,
      Optional<Instant> until,
      int limit) {
    public Query {
      Objects.requireNonNull(company, "company");
      Objects.requireNonNull(subscription, "subscription");
      states = java.util.Set.copyOf(states);
      since = Objects.requireNonNull(since, "since").map(t -> Preconditions.micros(t, "since"));
      until = Objects.requireNonNull(until, "until").map(t -> Preconditions.micros(t, "until"));
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1");
      }
    }

    /** Every delivery of the company, at most {@code limit}. */
    public static Query of(CompanyId company, int limit) {
      return new Query(
          company, Optional.empty(), java.util.Set.of(), Optional.empty(), Optional.empty(), limit);
    }

    /** Whether {@code delivery} is one this query selects (the limit aside). */
    public boolean matches(Delivery delivery) {
      return delivery.company().equals(company)
          && subscription.map(delivery.subscription()::equals).orElse(true)
          && (states.isEmpty() || states.contains(delivery.state()))
          && since.map(t -> !delivery.createdAt().isBefore(t)).orElse(true)
          && until.map(delivery.createdAt()::isBefore).orElse(true);
    }
  }

  /**
   * A delivery as {@link #list(Query)} finds it.
   *
   * @param delivery the delivery
   * @param lastStatus the HTTP status of its latest attempt; empty when it has none, or when the
   *     latest attempt got no answer
   */
  record Listed(Delivery delivery, Optional<Integer> lastStatus) {
    public Listed {
      Objects.requireNonNull(delivery, "delivery");
      Objects.requireNonNull(lastStatus, "lastStatus");
    }
  }

  /**
   * Gives up every delivery of the subscription that waits for an attempt (pending and not in
   * flight): each becomes {@link DeliveryState#FAILED} at {@code now} with {@code reason} as its
   * last error, and is kept. A delivery in flight finishes its attempt; the worker then finds the
   * subscription gone and sends it no more. Called when a subscription is deleted; returns how many
   * were given up.
   */
  int cancelPending(SubscriptionId subscription, Instant now, String reason);

  /**
   * How many reports wait to be sent, pending or in flight, of every company, and when the oldest
   * of them was created: what an operator watches to see that reports go out. Called on every
   * metrics scrape, so it must be cheap (one indexed query).
   */
  Backlog backlog();

  /**
   * The reports not yet delivered or given up, for {@link #backlog()}.
   *
   * @param pending how many deliveries are {@link DeliveryState#PENDING} or {@link
   *     DeliveryState#IN_FLIGHT}
   * @param oldestCreatedAt when the oldest of them was created; empty when there is none
   */
  public record Backlog(long pending, Optional<Instant> oldestCreatedAt) {
    public Backlog {
      if (pending < 0) {
        throw new IllegalArgumentException("pending must not be negative");
      }
      Objects.requireNonNull(oldestCreatedAt, "oldestCreatedAt");
      if (pending == 0 && oldestCreatedAt.isPresent()) {
        throw new IllegalArgumentException("an empty backlog has no oldest delivery");
      }
      if (pending > 0 && oldestCreatedAt.isEmpty()) {
        throw new IllegalArgumentException("a backlog of " + pending + " has an oldest delivery");
      }
    }

    /** No report waiting. */
    public static Backlog empty() {
      return new Backlog(0, Optional.empty());
    }

    /** How long the oldest waiting report has waited at {@code now}; zero when none waits. */
    public java.time.Duration oldestAge(Instant now) {
      return oldestCreatedAt
          .map(created -> java.time.Duration.between(created, now))
          .filter(age -> !age.isNegative())
          .orElse(java.time.Duration.ZERO);
    }
  }

  /**
   * Identifies one claim of deliveries by one worker. A worker may finish a delivery only under the
   * claim it holds: once its lease has expired and another worker has claimed the delivery, the
   * late worker's result no longer moves the delivery's state.
   */
  public record ClaimId(String value) {
    public ClaimId {
      Preconditions.requireId(value, "claim id");
    }

    public static ClaimId of(String value) {
      return new ClaimId(value);
    }

    public static ClaimId random() {
      return new ClaimId(RandomUuids.next());
    }

    @Override
    public String toString() {
      return value;
    }
  }

  /**
   * How a claimed delivery ended this time, for {@link io.learnhook.spi.DeliveryOutbox#finish}: the
   * attempt made (if one was), and the state the delivery moves to.
   *
   * @param delivery the delivery
   * @param attempt the attempt to keep; empty when none was made (the subscription was gone or
   *     disabled)
   * @param state {@link DeliveryState#DELIVERED}, {@link DeliveryState#FAILED}, or {@link
   *     DeliveryState#PENDING} for a retry
   * @param nextAttemptAt when a retry is due; for the other states, {@code at}
   * @param error why it failed, for the delivery's {@code lastError}; empty when delivered
   * @param at when the outcome was decided
   */
  public record DeliveryOutcome(
      DeliveryId delivery,
      Optional<DeliveryAttempt> attempt,
      DeliveryState state,
      Instant nextAttemptAt,
      Optional<String> error,
      Instant at) {

    public DeliveryOutcome {
      Objects.requireNonNull(delivery, "delivery");
      Objects.requireNonNull(attempt, "attempt");
      attempt.ifPresent(
          a -> {
            if (!a.delivery().equals(delivery)) {
              throw new IllegalArgumentException("the attempt is of another delivery");
            }
          });
      Objects.requireNonNull(state, "state");
      if (state == DeliveryState.IN_FLIGHT) {
        throw new IllegalArgumentException("a delivery cannot finish in flight");
      }
      nextAttemptAt = Preconditions.micros(nextAttemptAt, "nextAttemptAt");
      error =
          Objects.requireNonNull(error, "error")
              .map(e -> Preconditions.cut(e, Delivery.MAX_ERROR_LENGTH));
      at = Preconditions.micros(at, "at");
    }

    public static DeliveryOutcome delivered(DeliveryAttempt attempt, Instant at) {
      return new DeliveryOutcome(
          attempt.delivery(),
          Optional.of(attempt),
          DeliveryState.DELIVERED,
          at,
          Optional.empty(),
          at);
    }

    public static DeliveryOutcome retryAt(
        DeliveryAttempt attempt, Instant when, String error, Instant at) {
      return new DeliveryOutcome(
          attempt.delivery(),
          Optional.of(attempt),
          DeliveryState.PENDING,
          when,
          Optional.of(error),
          at);
    }

    public static DeliveryOutcome failed(
        DeliveryId delivery, Optional<DeliveryAttempt> attempt, String error, Instant at) {
      return new DeliveryOutcome(
          delivery, attempt, DeliveryState.FAILED, at, Optional.of(error), at);
    }
  }

  // --- Retention (DeliveryWorkers.Retention) ---

  /**
   * Deletes at most {@code batch} finished deliveries, with all their attempts: {@link
   * DeliveryState#DELIVERED} ones finished before {@code deliveredBefore} and {@link
   * DeliveryState#FAILED} ones finished before {@code failedBefore}, oldest first. Never a pending
   * or in-flight one. One short transaction per call, so no lock is held for long; callers loop
   * while it returns {@code batch}.
   *
   * @return how many deliveries were deleted, at most {@code batch}
   * @throws IllegalArgumentException when {@code batch} is less than 1
   */
  int pruneFinished(Instant deliveredBefore, Instant failedBefore, int batch);
}
