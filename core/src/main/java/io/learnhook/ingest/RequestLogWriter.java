package io.learnhook.ingest;

import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogRetention;
import io.learnhook.spi.RequestLogRepository;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends to the request log and keeps it within its retention. Best effort: the log is for
 * troubleshooting, so a failure to write it never changes an answer.
 */
final class RequestLogWriter {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLogWriter.class);

  /**
   * Prune once every this many appends: often enough to stay bounded, rarely enough to cost
   * nothing.
   */
  private static final int PRUNE_EVERY = 128;

  private final RequestLogRepository repository;
  private final RequestLogRetention retention;
  private final Clock clock;
  private final AtomicLong appends = new AtomicLong();

  RequestLogWriter(RequestLogRepository repository, RequestLogRetention retention, Clock clock) {
    this.repository = repository;
    this.retention = retention;
    this.clock = clock;
  }

  void append(RequestLogEntry entry) {
    try {
      repository.append(entry);
      if (appends.incrementAndGet() % PRUNE_EVERY == 0) {
        repository.prune(
            entry.webhook(), retention.maxEntries(), clock.instant().minus(retention.maxAge()));
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not write the request log of webhook {}: {}", entry.webhook(), e.toString());
    }
  }
}
