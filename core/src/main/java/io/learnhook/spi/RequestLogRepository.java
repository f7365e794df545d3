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
}
