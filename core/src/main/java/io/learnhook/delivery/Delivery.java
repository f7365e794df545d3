package io.learnhook.delivery;

import io.learnhook.completion.CompletionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.internal.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One report to one subscriber, as the outbox keeps it.
 *
 * <p>The payload is built once, when the completion is recorded, and sent byte for byte the same on
 * every attempt: a retry or a redelivery reports the completion as it was, and its {@code
 * webhook-id} ({@link #id()}) and body stay the same, so a receiver can de-duplicate.
 *
 * @param id the delivery, sent as {@code webhook-id}
 * @param subscription the subscriber
 * @param company the company whose completion it reports
 * @param completion the completion it reports
 * @param payload the JSON body
 * @param state where it stands
 * @param attempts attempts made and recorded so far
 * @param createdAt when it was enqueued, with the completion
 * @param nextAttemptAt when it is due (for {@link DeliveryState#PENDING})
 * @param lastAttemptAt when the latest recorded attempt started
 * @param lastError what went wrong last, when the latest attempt failed or the report was given up
 * @param finishedAt when it was delivered or given up
 */
public record Delivery(
    DeliveryId id,
    SubscriptionId subscription,
    CompanyId company,
    CompletionId completion,
    String payload,
    DeliveryState state,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    Optional<Instant> lastAttemptAt,
    Optional<String> lastError,
    Optional<Instant> finishedAt) {

  /**
   * The longest payload, in characters: a report is a few hundred; storage columns are sized to it.
   */
  public static final int MAX_PAYLOAD_LENGTH = 1_000_000;

  /** The longest {@link #lastError} kept; longer text is cut. */
  public static final int MAX_ERROR_LENGTH = 1000;

  public Delivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(company, "company");
    Objects.requireNonNull(completion, "completion");
    Preconditions.requireText(payload, "payload");
    if (payload.length() > MAX_PAYLOAD_LENGTH) {
      throw new IllegalArgumentException(
          "a report payload must be at most "
              + MAX_PAYLOAD_LENGTH
              + " characters, was "
              + payload.length());
    }
    Objects.requireNonNull(state, "state");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative");
    }
    createdAt = micros(createdAt, "createdAt");
    nextAttemptAt = micros(nextAttemptAt, "nextAttemptAt");
    lastAttemptAt =
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt").map(t -> micros(t, "lastAttemptAt"));
    lastError = Objects.requireNonNull(lastError, "lastError").map(Delivery::cut);
    finishedAt = Objects.requireNonNull(finishedAt, "finishedAt").map(t -> micros(t, "finishedAt"));
  }

  /** A report waiting for its first attempt, due now. */
  public static Delivery pending(
      DeliveryId id,
      SubscriptionId subscription,
      CompanyId company,
      CompletionId completion,
      String payload,
      Instant now) {
    return new Delivery(
        id,
        subscription,
        company,
        completion,
        payload,
        DeliveryState.PENDING,
        0,
        now,
        now,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static String cut(String text) {
    return cut(text, MAX_ERROR_LENGTH);
  }

  static String cut(String text, int max) {
    return Preconditions.cut(text, max);
  }

  static Instant micros(Instant instant, String name) {
    return Preconditions.micros(instant, name);
  }

  /** Where a report to one subscriber stands. */
  public enum DeliveryState {
    /** Waiting for its first attempt or its next retry, due at {@link Delivery#nextAttemptAt()}. */
    PENDING,
    /**
     * Claimed by a worker that is sending it now. If that worker dies, the delivery is claimed
     * again once the lease runs out.
     */
    IN_FLIGHT,
    /** The subscriber answered 2xx. */
    DELIVERED,
    /**
     * Given up: every retry failed, the subscriber answered 410 Gone, the callback URL was refused,
     * or the subscription was disabled or deleted. Kept, and may be sent again on request.
     */
    FAILED;

    /** Whether nothing more happens to the delivery unless someone asks for it to be sent again. */
    public boolean finished() {
      return this == DELIVERED || this == FAILED;
    }
  }

  /**
   * One attempt to deliver a report, kept for troubleshooting. It never holds the Authorization
   * value or the signing secret.
   *
   * @param delivery the delivery attempted
   * @param number 1 for the first attempt, counting on across redeliveries
   * @param startedAt when the request was started
   * @param latency how long until the answer (or the failure), to the microsecond
   * @param status the HTTP status, when the subscriber answered
   * @param error what went wrong, when it failed (a connection error, a timeout, a refused address,
   *     or the status that is not 2xx)
   * @param response the start of the subscriber's answer body, at most {@value
   *     #MAX_RESPONSE_LENGTH} characters
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
          Objects.requireNonNull(response, "response")
              .map(r -> Delivery.cut(r, MAX_RESPONSE_LENGTH));
    }

    /** Whether the subscriber answered 2xx. */
    public boolean succeeded() {
      return status.filter(s -> s >= 200 && s < 300).isPresent();
    }
  }
}
