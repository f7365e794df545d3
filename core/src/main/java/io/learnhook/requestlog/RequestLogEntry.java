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
 * @param body the request body as received, decoded as UTF-8, when it was read (a call refused
 *     before its body is read, or for a body over the size limit, has none): at most {@link
 *     #MAX_BODY_BYTES} bytes of it, cut on a character boundary, with every run of key characters
 *     redacted like the answers
 * @param bodyTruncated whether {@code body} is cut: the body was longer than {@link
 *     #MAX_BODY_BYTES} bytes
 * @param reason for the company's administrators, not the sender: why a refused call was refused
 *     (which identifiers were tried, whether the user is unknown or inactive, which field failed
 *     and why), with key runs redacted; empty for calls that were not refused
 */
public record RequestLogEntry(
    WebhookId webhook,
    Instant receivedAt,
    boolean dryRun,
    Outcome outcome,
    int status,
    Optional<String> mappedFields,
    Optional<String> error,
    Optional<String> body,
    boolean bodyTruncated,
    Optional<String> reason) {

  /** How much of a body an entry keeps: 64 KiB of UTF-8. */
  public static final int MAX_BODY_BYTES = 65_536;

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
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(reason, "reason");
    // Each character takes at least one byte: a cheap bound, not the exact UTF-8 length.
    if (body.isPresent() && body.get().length() > MAX_BODY_BYTES) {
      throw new IllegalArgumentException("body longer than " + MAX_BODY_BYTES + " bytes");
    }
    if (bodyTruncated && body.isEmpty()) {
      throw new IllegalArgumentException("a truncated body needs the body");
    }
  }

  /** An entry without body or reason (as entries written before they were kept). */
  public RequestLogEntry(
      WebhookId webhook,
      Instant receivedAt,
      boolean dryRun,
      Outcome outcome,
      int status,
      Optional<String> mappedFields,
      Optional<String> error) {
    this(
        webhook,
        receivedAt,
        dryRun,
        outcome,
        status,
        mappedFields,
        error,
        Optional.empty(),
        false,
        Optional.empty());
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
