package io.learnhook.delivery;

import io.learnhook.completion.CompletionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.internal.Preconditions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

  /**
   * {@code text} cut to at most {@code max} characters, never between the halves of a surrogate
   * pair.
   */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  /** Instants are kept to the microsecond, as storage keeps them. */
  static Instant micros(Instant instant, String name) {
    return Objects.requireNonNull(instant, name).truncatedTo(ChronoUnit.MICROS);
  }
}
