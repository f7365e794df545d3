package io.learnhook.completion;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.UserId;
import io.learnhook.webhook.WebhookId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A completion to record: what the LMS, or a webhook, knows before LearnHook gives it an id.
 *
 * <pre>{@code
 * learnHook.record(NewCompletion.of(company, user, item, completedAt).withScore(new BigDecimal("95")));
 * }</pre>
 */
public record NewCompletion(
    CompanyId company,
    UserId user,
    ItemId item,
    Optional<WebhookId> webhook,
    Optional<String> eventId,
    Instant completedAt,
    Optional<String> result,
    Optional<BigDecimal> score,
    Optional<Long> totalTimeSeconds) {

  public NewCompletion {
    Objects.requireNonNull(company, "company");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(completedAt, "completedAt");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(totalTimeSeconds, "totalTimeSeconds");
  }

  /** A completion with no result, score, time or event id, recorded by the LMS itself. */
  public static NewCompletion of(CompanyId company, UserId user, ItemId item, Instant completedAt) {
    return new NewCompletion(
        company,
        user,
        item,
        Optional.empty(),
        Optional.empty(),
        completedAt,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public NewCompletion withResult(String value) {
    return new NewCompletion(
        company,
        user,
        item,
        webhook,
        eventId,
        completedAt,
        Optional.of(value),
        score,
        totalTimeSeconds);
  }

  public NewCompletion withScore(BigDecimal value) {
    return new NewCompletion(
        company,
        user,
        item,
        webhook,
        eventId,
        completedAt,
        result,
        Optional.of(value),
        totalTimeSeconds);
  }

  public NewCompletion withTotalTimeSeconds(long value) {
    return new NewCompletion(
        company, user, item, webhook, eventId, completedAt, result, score, Optional.of(value));
  }

  /** The sender's id for this event; with a webhook, the same event id is recorded only once. */
  public NewCompletion withEvent(WebhookId source, String id) {
    return new NewCompletion(
        company,
        user,
        item,
        Optional.of(source),
        Optional.of(id),
        completedAt,
        result,
        score,
        totalTimeSeconds);
  }

  /** The completion this becomes, with its id and the time it was recorded. */
  public Completion toCompletion(CompletionId id, Instant recordedAt) {
    return new Completion(
        id,
        company,
        user,
        item,
        webhook,
        eventId,
        completedAt,
        recordedAt,
        result,
        score,
        totalTimeSeconds);
  }
}
