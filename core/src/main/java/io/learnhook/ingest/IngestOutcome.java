package io.learnhook.ingest;

import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.UserId;
import io.learnhook.mapping.MappedFields;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CompletionIngest#ingest} did with one call: an inbound adapter turns it into its own
 * answer (the HTTP bindings into a status and JSON body, a queue consumer into an ack or a
 * dead-letter). Text in an outcome never holds the presented key.
 */
public sealed interface IngestOutcome
    permits IngestOutcome.Recorded,
        IngestOutcome.Duplicate,
        IngestOutcome.DryRun,
        IngestOutcome.Batch,
        IngestOutcome.Refused {

  /**
   * A new completion was recorded (and its reports enqueued).
   *
   * @param completion the stored completion
   * @param fields what the mapping read from the payload
   */
  record Recorded(Completion completion, MappedFields fields) implements IngestOutcome {
    public Recorded {
      Objects.requireNonNull(completion, "completion");
      Objects.requireNonNull(fields, "fields");
    }
  }

  /**
   * The same completion was recorded before; nothing new was written.
   *
   * @param first the completion recorded first
   * @param fields what the mapping read from the payload
   */
  record Duplicate(Completion first, MappedFields fields) implements IngestOutcome {
    public Duplicate {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(fields, "fields");
    }
  }

  /**
   * A dry run that mapped and resolved the payload; nothing was written.
   *
   * @param user the user it resolved to
   * @param item the item it resolved to
   * @param completedAt when the completion would be recorded as completed
   * @param fields what the mapping read from the payload, as mapped (it may quote the payload)
   * @param duplicateOf the completion it would duplicate; empty when it would be recorded
   */
  record DryRun(
      UserId user,
      ItemId item,
      Instant completedAt,
      MappedFields fields,
      Optional<CompletionId> duplicateOf)
      implements IngestOutcome {
    public DryRun {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(completedAt, "completedAt");
      Objects.requireNonNull(fields, "fields");
      Objects.requireNonNull(duplicateOf, "duplicateOf");
    }
  }

  /**
   * A batch body: one outcome per element, in the body's order (each a {@link Recorded}, {@link
   * Duplicate}, {@link DryRun} or {@link Refused}).
   */
  record Batch(List<IngestOutcome> elements) implements IngestOutcome {
    public Batch {
      elements = List.copyOf(elements);
      if (elements.stream().anyMatch(Batch.class::isInstance)) {
        throw new IllegalArgumentException("a batch element is never a batch");
      }
    }
  }

  /**
   * The call (or one element of a batch) was refused, or failed; nothing of it was written.
   *
   * @param reason why, as a kind an adapter can act on
   * @param message what to tell the sender, never holding the key
   * @param retryAfter for {@link Reason#RATE_LIMITED} and {@link Reason#STORAGE_UNAVAILABLE}: how
   *     long to wait before sending again, in whole seconds, at least one; empty for the others
   */
  record Refused(Reason reason, String message, Optional<Duration> retryAfter)
      implements IngestOutcome {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    static Refused because(Reason reason, String message) {
      return new Refused(reason, message, Optional.empty());
    }
  }

  /** Why a call was refused. */
  enum Reason {
    /** No key, an unknown or expired key, or a key of another tenant. */
    INVALID_KEY,
    /** The webhook is over its rate limit ({@link io.learnhook.ratelimit.RateLimits}). */
    RATE_LIMITED,
    /** The company's completions integration is switched off. */
    INTEGRATION_DISABLED,
    /**
     * The webhook's company is not in the {@link io.learnhook.spi.CompanyRepository}: a setup
     * mistake of the LMS (the company was never added, or was removed), logged as a warning.
     */
    UNKNOWN_COMPANY,
    /** The body is larger than {@link IngestLimits#maxBodyBytes()}. */
    BODY_TOO_LARGE,
    /** The batch holds more elements than {@link IngestLimits#maxBatchSize()}. */
    BATCH_TOO_LARGE,
    /** The body could not be read to its end (the sender stopped sending). */
    UNREADABLE_BODY,
    /** The body is not one well-formed JSON value. */
    MALFORMED_BODY,
    /** The body is JSON, but its values cannot be mapped or are refused by the domain. */
    UNPROCESSABLE,
    /** The mapped item does not exist in the webhook's company. */
    ITEM_NOT_FOUND,
    /** The mapped user does not exist (or is inactive) in the webhook's company. */
    USER_NOT_FOUND,
    /** The item exists but its completions are not recorded from outside. */
    NOT_EXTERNALLY_CONTROLLED,
    /** Storage could not be reached; nothing was recorded, the call may be repeated. */
    STORAGE_UNAVAILABLE,
    /** An unexpected failure, logged; nothing was recorded. */
    INTERNAL_ERROR
  }
}
