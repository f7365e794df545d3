package io.learnhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt to deliver a report, kept for troubleshooting. It never holds the Authorization value
 * or the signing secret.
 *
 * @param delivery the delivery attempted
 * @param number 1 for the first attempt, counting on across redeliveries
 * @param startedAt when the request was started
 * @param latency how long until the answer (or the failure), to the microsecond
 * @param status the HTTP status, when the subscriber answered
 * @param error what went wrong, when it failed (a connection error, a timeout, a refused address,
 *     or the status that is not 2xx)
 * @param response the start of the subscriber's answer body, at most {@value #MAX_RESPONSE_LENGTH}
 *     characters
 */
public record DeliveryAttempt(
    DeliveryId delivery,
    int number,
    Instant startedAt,
    Duration latency,
    Optional<Integer> status,
    Optional<String> error,
    Optional<String> response) {

  /** The most characters of a response body kept. */
  public static final int MAX_RESPONSE_LENGTH = 4096;

  public DeliveryAttempt {
    Objects.requireNonNull(delivery, "delivery");
    if (number < 1) {
      throw new IllegalArgumentException("attempt number must be at least 1");
    }
    startedAt = Delivery.micros(startedAt, "startedAt");
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    // To the microsecond, as storage keeps it, so that an attempt reads back equal.
    latency = latency.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    Objects.requireNonNull(status, "status");
    status.ifPresent(
        s -> {
          if (s < 100 || s > 999) {
            throw new IllegalArgumentException("status must be from 100 to 999, was " + s);
          }
        });
    error = Objects.requireNonNull(error, "error").map(Delivery::cut);
    response =
        Objects.requireNonNull(response, "response").map(r -> Delivery.cut(r, MAX_RESPONSE_LENGTH));
  }

  /** Whether the subscriber answered 2xx. */
  public boolean succeeded() {
    return status.filter(s -> s >= 200 && s < 300).isPresent();
  }
}
