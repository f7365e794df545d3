package io.learnhook.spi;

import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import io.learnhook.webhook.WebhookId;
import java.time.Instant;
import java.util.List;

/** Keeps the request log: one entry per authenticated call to a webhook. */
public interface RequestLogRepository {
  void append(RequestLogEntry entry);

  /** The webhook's latest entries, newest first. */
  List<RequestLogEntry> latest(WebhookId webhook, int limit);

  /** The webhook's latest entries with this outcome, newest first. */
  List<RequestLogEntry> latest(WebhookId webhook, Outcome outcome, int limit);

  /**
   * Deletes the webhook's entries beyond the newest {@code keep}, and any received before {@code
   * olderThan}.
   *
   * @return how many were deleted
   */
  int prune(WebhookId webhook, int keep, Instant olderThan);

  /**
   * Retention across webhooks, for {@code DeliveryWorkers.Retention}: deletes at most {@code batch}
   * entries of any webhook received before {@code olderThan}, oldest first, in one short statement
   * (callers loop while it returns {@code batch}). Reaches the logs of webhooks that get no calls,
   * which {@link #prune} (run as calls arrive) never visits.
   *
   * @return how many were deleted, at most {@code batch}
   * @throws IllegalArgumentException when {@code batch} is less than 1
   */
  int pruneOlderThan(Instant olderThan, int batch);
}
