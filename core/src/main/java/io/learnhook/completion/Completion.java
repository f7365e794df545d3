package io.learnhook.completion;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.UserId;
import io.learnhook.internal.Preconditions;
import io.learnhook.webhook.WebhookId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A completion: a user completed an item.
 *
 * <p>Two completions are the same completion when they carry the same event id from the same
 * webhook, or the same user, item and completion time; storage records only the first (see {@link
 * io.learnhook.spi.CompletionRepository#recordIfAbsent}).
 *
 * @param id its id
 * @param company the company of the user and the item
 * @param user who completed
 * @param item what was completed
 * @param webhook the webhook that reported it; empty when the LMS recorded it itself
 * @param eventId the sender's delivery id, used to recognise the same event sent again
 * @param completedAt when it was completed, to the microsecond (the precision every supported
 *     database keeps, so that a resent completion compares equal wherever it is stored)
 * @param recordedAt when LearnHook recorded it
 * @param result a pass/fail result such as {@code PASS} or {@code FAIL}
 * @param score a score from 0 to 100, kept to at most {@value #SCORE_DECIMALS} decimal places (more
 *     are rounded half up), the precision storage keeps
 * @param totalTimeSeconds time spent, in whole seconds
 */
public record Completion(
    CompletionId id,
    CompanyId company,
    UserId user,
    ItemId item,
    Optional<WebhookId> webhook,
    Optional<String> eventId,
    Instant completedAt,
    Instant recordedAt,
    Optional<String> result,
    Optional<BigDecimal> score,
    Optional<Long> totalTimeSeconds) {

  /** The highest score: scores are percentages. */
  public static final BigDecimal MAX_SCORE = BigDecimal.valueOf(100);

  /** Decimal places a score keeps. */
  public static final int SCORE_DECIMALS = 4;

  public Completion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(company, "company");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(eventId, "eventId");
    eventId.ifPresent(value -> Preconditions.requireId(value, "event id"));
    completedAt =
        Preconditions.requireStorable(completedAt, "completedAt").truncatedTo(ChronoUnit.MICROS);
    recordedAt = Objects.requireNonNull(recordedAt, "recordedAt").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(result, "result");
    result.ifPresent(value -> Preconditions.requireId(value, "result"));
    score =
        Objects.requireNonNull(score, "score")
            .map(
                value ->
                    value.scale() > SCORE_DECIMALS
                        ? value.setScale(SCORE_DECIMALS, RoundingMode.HALF_UP)
                        : value);
    score.ifPresent(
        value -> {
          if (value.signum() < 0 || value.compareTo(MAX_SCORE) > 0) {
            throw new IllegalArgumentException("score must be between 0 and 100, was " + value);
          }
        });
    Objects.requireNonNull(totalTimeSeconds, "totalTimeSeconds");
    totalTimeSeconds.ifPresent(
        value -> {
          if (value < 0) {
            throw new IllegalArgumentException("total time must not be negative, was " + value);
          }
        });
  }

  /**
   * Whether {@code other} is the same completion reported again (same event, or same user, item and
   * time).
   */
  public boolean sameAs(Completion other) {
    boolean sameEvent =
        webhook.isPresent()
            && eventId.isPresent()
            && webhook.equals(other.webhook)
            && eventId.equals(other.eventId);
    boolean sameFacts =
        company.equals(other.company)
            && user.equals(other.user)
            && item.equals(other.item)
            && completedAt.equals(other.completedAt);
    return sameEvent || sameFacts;
  }
}
