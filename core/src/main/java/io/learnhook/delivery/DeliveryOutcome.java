package io.learnhook.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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
    nextAttemptAt = Delivery.micros(nextAttemptAt, "nextAttemptAt");
    error = Objects.requireNonNull(error, "error").map(Delivery::cut);
    at = Delivery.micros(at, "at");
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
    return new DeliveryOutcome(delivery, attempt, DeliveryState.FAILED, at, Optional.of(error), at);
  }
}
