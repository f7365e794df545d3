package io.learnhook.requestlog;

import io.learnhook.webhook.WebhookId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One authenticated call to a webhook.
 *
 * @param webhook the webhook called
 * @param receivedAt when the call arrived
 * @param dryRun whether it was a dry run
 * @param outcome how it ended
 * @param status the HTTP status answered
 * @param mappedFields the mapped fields as JSON (for a batch, an array with one object per
 *     element), when mapping got that far
 * @param error the error answered, when there was one
 */
public record RequestLogEntry(
    WebhookId webhook,
    Instant receivedAt,
    boolean dryRun,
    Outcome outcome,
    int status,
    Optional<String> mappedFields,
    Optional<String> error) {

  public RequestLogEntry {
    Objects.requireNonNull(webhook, "webhook");
    // Microseconds: the precision every supported database keeps.
    receivedAt = Objects.requireNonNull(receivedAt, "receivedAt").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(outcome, "outcome");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    Objects.requireNonNull(mappedFields, "mappedFields");
    Objects.requireNonNull(error, "error");
  }

  /** How an authenticated call ended. */
  public enum Outcome {
    /** A completion was recorded. */
    RECORDED,
    /** The completion was already recorded; nothing new was written. */
    DUPLICATE,
    /** A dry run: mapped and resolved, nothing written. */
    DRY_RUN,
    /** A batch: see the entry's details for each element. */
    BATCH,
    /** The call was refused (4xx) or failed (5xx); see the entry's error. */
    REJECTED
  }
}
