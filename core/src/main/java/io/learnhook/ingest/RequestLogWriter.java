package io.learnhook.ingest;

import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogRetention;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.webhook.WebhookId;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends to the request log and keeps it within its retention. Best effort: the log is for
 * troubleshooting, so a failure to write it never changes an answer.
 *
 * <p>Each webhook's appends are counted on their own, and a webhook's log is pruned on every {@code
 * pruneEvery}th of them: so whatever order calls of many webhooks arrive in, no webhook's log holds
 * more than {@code maxEntries} plus the {@code pruneEvery - 1} entries each node appended since its
 * last prune. A webhook's count starts at a random point, so that its first prune comes within its
 * first {@code pruneEvery} appends without every webhook being pruned on its first call.
 *
 * <p>One counter per webhook this node wrote for; past {@value #MAX_COUNTED} they are all forgotten
 * (deleted and idle webhooks must not pile up). Only when more webhooks than that call between two
 * such clears does a webhook's pruning become a matter of chance: one prune per {@code pruneEvery}
 * appends on average, still independent of the order of calls, and still no more prunes in all.
 */
final class RequestLogWriter {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLogWriter.class);

  /**
   * Prune a webhook's log once every this many of its appends (fewer when the cap itself is
   * smaller): often enough to stay bounded, rarely enough to cost nothing.
   */
  static final int PRUNE_EVERY = 128;

  /** How many webhooks' counters are kept before they are all dropped. */
  static final int MAX_COUNTED = 10_000;

  private final RequestLogRepository repository;
  private final RequestLogRetention retention;
  private final Clock clock;
  private final int pruneEvery;
  private final ConcurrentMap<WebhookId, AtomicLong> appends = new ConcurrentHashMap<>();

  RequestLogWriter(RequestLogRepository repository, RequestLogRetention retention, Clock clock) {
    this.repository = repository;
    this.retention = retention;
    this.clock = clock;
    this.pruneEvery = Math.min(PRUNE_EVERY, retention.maxEntries());
  }

  void append(RequestLogEntry entry) {
    try {
      repository.append(entry);
      if (appendsOf(entry.webhook()).getAndIncrement() % pruneEvery == 0) {
        repository.prune(
            entry.webhook(), retention.maxEntries(), clock.instant().minus(retention.maxAge()));
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not write the request log of webhook {}: {}", entry.webhook(), e.toString());
    }
  }

  private AtomicLong appendsOf(WebhookId webhook) {
    AtomicLong count = appends.get(webhook);
    if (count != null) {
      return count;
    }
    if (appends.size() >= MAX_COUNTED) {
      appends.clear();
    }
    return appends.computeIfAbsent(
        webhook, id -> new AtomicLong(ThreadLocalRandom.current().nextInt(pruneEvery)));
  }
}
