package io.learnhook.micrometer;

import io.learnhook.LearnHook;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.DeliveryOutbox.Backlog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LearnHook's meters on a Micrometer {@link MeterRegistry}. Register it as the engine's observer;
 * the outbox gauges read the outbox itself, once per scrape.
 *
 * <pre>{@code
 * JdbcStore store = JdbcStore.builder(dataSource).build();
 * LearnHook learnHook = LearnHook.builder()
 *     .store(store)
 *     .observer(new LearnHookMetrics(registry, store.outbox()))
 *     .build();
 * }</pre>
 *
 * <p>The meters, as Prometheus names them ({@code docs/OPERATIONS.md} says what to alert on):
 *
 * <ul>
 *   <li>{@value #WEBHOOK_REQUESTS} ({@code learnhook_webhook_requests_total}), counter, tag {@code
 *       outcome}: every answered webhook call, by outcome ({@code recorded}, {@code duplicate},
 *       {@code dry_run}, {@code batch} or a refusal such as {@code invalid_key}; see {@link
 *       LearnHook.Observer#webhookCall});
 *   <li>{@value #COMPLETIONS_RECORDED} ({@code learnhook_completions_recorded_total}), counter: new
 *       completions, from webhooks and from the LMS;
 *   <li>{@value #DELIVERIES} ({@code learnhook_deliveries_total}), counter, tag {@code outcome}:
 *       {@code delivered}, {@code retried} or {@code failed} (given up);
 *   <li>{@value #DELIVERY_DURATION} ({@code learnhook_delivery_duration_seconds}), timer: how long
 *       each report's POST took;
 *   <li>{@value #OUTBOX_PENDING} ({@code learnhook_outbox_pending}), gauge: reports waiting to be
 *       sent, pending or in flight, of every company;
 *   <li>{@value #OUTBOX_OLDEST_AGE} ({@code learnhook_outbox_oldest_pending_age_seconds}), gauge:
 *       how long the oldest of them has waited; 0 when none waits.
 * </ul>
 *
 * The gauges are NaN while the outbox cannot be read (the database is down). Thread-safe.
 */
public final class LearnHookMetrics implements LearnHook.Observer {
  private static final Logger LOG = LoggerFactory.getLogger(LearnHookMetrics.class);

  /** Counter of answered webhook calls, tagged by {@code outcome}. */
  public static final String WEBHOOK_REQUESTS = "learnhook.webhook.requests";

  /** Counter of new completions. */
  public static final String COMPLETIONS_RECORDED = "learnhook.completions.recorded";

  /** Counter of delivery outcomes, tagged by {@code outcome}. */
  public static final String DELIVERIES = "learnhook.deliveries";

  /** Timer of report POSTs. */
  public static final String DELIVERY_DURATION = "learnhook.delivery.duration";

  /** Gauge of reports waiting to be sent. */
  public static final String OUTBOX_PENDING = "learnhook.outbox.pending";

  /** Gauge of the oldest waiting report's age, in seconds. */
  public static final String OUTBOX_OLDEST_AGE = "learnhook.outbox.oldest.pending.age";

  /** One scrape reads both gauges: they share one outbox query made at most this often. */
  private static final Duration BACKLOG_FRESHNESS = Duration.ofSeconds(1);

  private final MeterRegistry registry;
  private final DeliveryOutbox outbox;
  private final Clock clock;
  private final Counter completions;
  private final Map<String, Counter> deliveries;
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Timer duration;
  private Snapshot snapshot;

  /** The backlog as last read; {@code backlog} empty when the read failed. */
  private record Snapshot(Optional<Backlog> backlog, Instant readAt) {}

  /**
   * Meters on {@code registry}; the outbox gauges read {@code outbox} (the engine's, e.g. {@code
   * store.outbox()}).
   */
  public LearnHookMetrics(MeterRegistry registry, DeliveryOutbox outbox) {
    this(registry, outbox, Clock.systemUTC());
  }

  /**
   * As {@link #LearnHookMetrics(MeterRegistry, DeliveryOutbox)}, ages measured by {@code clock}.
   */
  public LearnHookMetrics(MeterRegistry registry, DeliveryOutbox outbox, Clock clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.completions =
        Counter.builder(COMPLETIONS_RECORDED)
            .description("New completions recorded, from webhook calls and from the LMS")
            .register(registry);
    // Registered up front, so that a failure-rate alert has a series to divide by from the start.
    this.deliveries =
        Map.copyOf(
            Map.of(
                "delivered", deliveryCounter("delivered"),
                "retried", deliveryCounter("retried"),
                "failed", deliveryCounter("failed")));
    this.duration =
        Timer.builder(DELIVERY_DURATION)
            .description("How long each report's POST to its subscriber took")
            .register(registry);
    for (String outcome : List.of("recorded", "duplicate", "invalid_key", "internal_error")) {
      requests.put(outcome, requestCounter(outcome));
    }
    Gauge.builder(
            OUTBOX_PENDING,
            this,
            m -> m.backlog().map(b -> (double) b.pending()).orElse(Double.NaN))
        .description("Reports waiting to be sent, pending or in flight, of every company")
        .register(registry);
    Gauge.builder(
            OUTBOX_OLDEST_AGE,
            this,
            m ->
                m.backlog()
                    .map(b -> b.oldestAge(m.clock.instant()).toNanos() / 1e9)
                    .orElse(Double.NaN))
        .description("How long the oldest report waiting to be sent has waited")
        .baseUnit("seconds")
        .register(registry);
  }

  @Override
  public void webhookCall(String outcome) {
    requests.computeIfAbsent(outcome, this::requestCounter).increment();
  }

  @Override
  public void completionRecorded() {
    completions.increment();
  }

  @Override
  public void deliveryFinished(String outcome, Optional<Duration> took) {
    Counter counter = deliveries.get(outcome);
    if (counter != null) {
      counter.increment();
    }
    took.ifPresent(duration::record);
  }

  private Counter deliveryCounter(String outcome) {
    return Counter.builder(DELIVERIES)
        .description("Delivery attempts by outcome: delivered, retried, or failed (given up)")
        .tag("outcome", outcome)
        .register(registry);
  }

  private Counter requestCounter(String outcome) {
    return Counter.builder(WEBHOOK_REQUESTS)
        .description("Incoming webhook calls answered, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  /**
   * The backlog, read at most once per {@link #BACKLOG_FRESHNESS}; empty when it cannot be read.
   */
  private synchronized Optional<Backlog> backlog() {
    Instant now = clock.instant();
    if (snapshot == null
        || !now.isBefore(snapshot.readAt().plus(BACKLOG_FRESHNESS))
        || now.isBefore(snapshot.readAt())) {
      snapshot = new Snapshot(read(), now);
    }
    return snapshot.backlog();
  }

  private Optional<Backlog> read() {
    try {
      return Optional.of(outbox.backlog());
    } catch (RuntimeException e) {
      // The health check reports the database; a scrape only shows the gauges as unknown.
      LOG.debug("Could not read the outbox backlog: {}", e.toString());
      return Optional.empty();
    }
  }
}
