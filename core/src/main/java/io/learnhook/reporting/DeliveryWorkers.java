package io.learnhook.reporting;

import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.internal.LogContext;
import io.learnhook.internal.Observation;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.DeliveryOutbox.ClaimId;
import io.learnhook.spi.DeliveryOutbox.DeliveryOutcome;
import io.learnhook.spi.ReportSubscriptionRepository;
import io.learnhook.spi.ReportTransport;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.spi.StorageException;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's reports: a poller claims due deliveries, and worker threads send them, each
 * under a lease; a finisher records the outcomes in groups, one transaction per group. Any number
 * of these may run, in one app node or many, on one shared outbox; the outbox's claims make sure no
 * delivery is sent by two at once, and a delivery whose worker died is claimed again once its lease
 * has run out.
 *
 * <p>The poller claims ahead: up to four deliveries per thread are claimed and not yet sent at any
 * time, so that claims come in groups and no thread waits for the next claim. A claimed delivery
 * that has waited so long that its lease would end during its send is given back unsent instead, so
 * the lease only has to outlast one send.
 *
 * <pre>{@code
 * DeliveryWorkers workers = learnHook.deliveries()
 *     .workers(HttpReportTransport.create())
 *     .threads(8)
 *     .start();
 * // … at shutdown:
 * workers.close();
 * }</pre>
 *
 * <p>When nothing is due, the poller waits, doubling the wait from {@link Builder#pollInterval} up
 * to {@link Builder#maxPollInterval}; a completion recorded by the same {@link
 * io.learnhook.LearnHook} wakes it at once. No database transaction is open while a report is being
 * sent. {@link #runOnce()} runs one round of the very same steps (claim, send, record the outcomes
 * as one group) on the calling thread, for tests and for applications that schedule delivery
 * themselves.
 *
 * <p>Started workers also run the {@link Retention}: on its schedule, a thread of their own deletes
 * delivered reports (30 days after delivery), failed ones (90 days after they were given up), each
 * with its attempts, and request-log entries of every webhook (30 days), in short batches. {@link
 * #pruneOnce()} runs one such round on the calling thread.
 */
public final class DeliveryWorkers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorkers.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final DeliveryOutbox outbox;
  private final Dispatcher dispatcher;
  private final Clock clock;
  private final int threads;
  private final Duration lease;
  private final Duration pollInterval;
  private final Duration maxPollInterval;
  private final Duration shutdownGrace;
  private final Set<DeliveryWorkers> registry;
  private final Set<DeliveryWorkers> launched;
  private final Observation observation;
  private final String name;

  private final Object signal = new Object();
  private boolean woken;
  private volatile boolean running;
  private final Duration subscriptionCache;
  private final Duration sendTimeout;
  private Thread poller;
  private ExecutorService workers;
  private Finisher finisher;
  private final Optional<Retention> retention;
  private final Optional<RequestLogRepository> requestLog;
  private Thread pruner;

  /** Deliveries claimed and not yet sent may number at most {@link #outstanding}. */
  private Semaphore idle;

  private DeliveryWorkers(Builder builder) {
    this.outbox = builder.outbox;
    this.clock = builder.clock;
    this.threads = builder.threads;
    this.lease = builder.lease;
    this.pollInterval = builder.pollInterval;
    this.maxPollInterval = builder.maxPollInterval;
    this.shutdownGrace = builder.shutdownGrace;
    this.registry = builder.registry;
    this.launched = builder.launched;
    this.observation = builder.observation;
    this.subscriptionCache = builder.subscriptionCache;
    this.retention = builder.retention;
    this.requestLog = builder.requestLog;
    this.sendTimeout = builder.transport.timeout();
    this.dispatcher =
        new Dispatcher(
            builder.outbox,
            builder.subscriptions,
            builder.transport,
            builder.clock,
            builder.random,
            builder.subscriptionCache);
    this.name = "learnhook-delivery-" + INSTANCES.incrementAndGet();
  }

  /**
   * Workers on these ports; {@link io.learnhook.LearnHook#deliveries()} offers the same, wired to
   * the engine so that new completions wake them.
   */
  public static Builder builder(
      DeliveryOutbox outbox,
      ReportSubscriptionRepository subscriptions,
      ReportTransport transport) {
    return new Builder(outbox, subscriptions, transport);
  }

  /** Starts the poller and the worker threads. */
  public synchronized DeliveryWorkers start() {
    if (running) {
      throw new IllegalStateException("already started");
    }
    if (workers != null) {
      throw new IllegalStateException("stopped workers cannot be started again; build new ones");
    }
    running = true;
    idle = new Semaphore(outstanding());
    finisher = new Finisher();
    AtomicInteger number = new AtomicInteger();
    workers =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, name + "-worker-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    poller = new Thread(this::poll, name + "-poller");
    poller.setDaemon(true);
    poller.start();
    finisher.start();
    if (retention.isPresent()) {
      pruner = new Thread(this::pruneOnSchedule, name + "-retention");
      pruner.setDaemon(true);
      pruner.start();
    }
    registry.add(this);
    launched.add(this);
    LOG.info("Delivery workers started: {} thread(s), lease {}", threads, lease);
    return this;
  }

  /** Whether the workers are started and not closed. */
  public boolean running() {
    return running;
  }

  /**
   * Whether the workers run and every thread they need is still there: false once closed, and when
   * the poller or the finisher died (a health check then says the delivery workers are down).
   */
  boolean alive() {
    synchronized (this) {
      if (!running || poller == null) {
        return false;
      }
    }
    return poller.isAlive() && finisher.thread.isAlive() && !workers.isShutdown();
  }

  /** Drops the cached copy of a subscription that was just changed or deleted. */
  void forget(SubscriptionId id) {
    dispatcher.forget(id);
  }

  /**
   * Tells the poller that reports may be due now (a completion was recorded, a redelivery asked).
   */
  public void wakeUp() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /**
   * One round on the calling thread, through the same steps as started workers: claims the
   * deliveries due now, up to the number of threads, sends each in turn, and records their outcomes
   * as one group, as the finisher does. Returns how many were claimed. For tests (with a fixed
   * clock) and for applications that run delivery from their own scheduler; do not mix with {@link
   * #start()}.
   *
   * @throws StorageException when the deliveries could not be claimed (nothing was sent then);
   *     started workers log it and try again later
   */
  public int runOnce() {
    Claimed claimed = claim(threads);
    List<DeliveryOutbox.Finished> group = new ArrayList<>(claimed.deliveries().size());
    for (Delivery delivery : claimed.deliveries()) {
      send(delivery, claimed).ifPresent(group::add);
    }
    try {
      finish(group);
    } catch (InterruptedException e) {
      // Not recorded: the lease brings the reports back, as when started workers are stopped.
      Thread.currentThread().interrupt();
    }
    return claimed.deliveries().size();
  }

  /** Deliveries claimed together, under one claim id, leased until {@code leaseUntil}. */
  private record Claimed(ClaimId claim, Instant leaseUntil, List<Delivery> deliveries) {}

  /** Claims up to {@code limit} due deliveries; the first step of every round. */
  private Claimed claim(int limit) {
    Instant now = clock.instant();
    ClaimId claim = ClaimId.random();
    Instant leaseUntil = now.plus(lease);
    return new Claimed(claim, leaseUntil, outbox.claim(claim, now, leaseUntil, limit));
  }

  /**
   * Sends one claimed delivery and returns its outcome, to be recorded by {@link #finish}; empty
   * when there is nothing to record: the delivery was given back unsent, or the attempt failed
   * unexpectedly (the lease then brings it back).
   */
  private Optional<DeliveryOutbox.Finished> send(Delivery delivery, Claimed claimed) {
    if (clock.instant().plus(sendTimeout).isAfter(claimed.leaseUntil())) {
      // Waited so long that the lease could end mid-send and another worker take it over: give it
      // back unsent; it is claimed again at once.
      releaseQuietly(claimed.claim(), delivery);
      return Optional.empty();
    }
    // Every line logged while this report is sent names it, its subscription and its company.
    try (LogContext ignored =
        LogContext.of()
            .with(LogContext.DELIVERY_ID, delivery.id().value())
            .with(LogContext.SUBSCRIPTION_ID, delivery.subscription().value())
            .with(LogContext.COMPANY_ID, delivery.company().value())) {
      DeliveryOutcome outcome = dispatcher.attempt(delivery);
      observation.deliveryFinished(
          outcomeName(outcome), outcome.attempt().map(DeliveryAttempt::latency));
      return Optional.of(new DeliveryOutbox.Finished(claimed.claim(), outcome));
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure delivering {}", delivery.id(), e);
      return Optional.empty();
    }
  }

  /** The outcome as the observers name it: {@code delivered}, {@code retried} or {@code failed}. */
  private static String outcomeName(DeliveryOutcome outcome) {
    return switch (outcome.state()) {
      case DELIVERED -> "delivered";
      case PENDING -> "retried";
      default -> "failed";
    };
  }

  /** Outcomes recorded in one transaction, at most. */
  private static final int MAX_GROUP = 256;

  /** A group a deadlock rolled back wrote nothing, and is simply recorded again. */
  private static final int RECORD_ATTEMPTS = 3;

  /**
   * Records outcomes, one transaction per group of up to {@link #MAX_GROUP}; the last step of every
   * round. A group the storage could not take is logged, never thrown: its deliveries stay in
   * flight and are sent again, with the same {@code webhook-id}, once their lease runs out.
   */
  private void finish(List<DeliveryOutbox.Finished> outcomes) throws InterruptedException {
    for (int from = 0; from < outcomes.size(); from += MAX_GROUP) {
      List<DeliveryOutbox.Finished> group =
          outcomes.subList(from, Math.min(outcomes.size(), from + MAX_GROUP));
      try {
        record(group);
      } catch (StorageUnavailableException e) {
        for (DeliveryOutbox.Finished finished : group) {
          Dispatcher.notRecorded(finished.outcome().delivery(), e);
        }
      }
    }
  }

  private void record(List<DeliveryOutbox.Finished> group) throws InterruptedException {
    for (int attempt = 1; attempt < RECORD_ATTEMPTS; attempt++) {
      try {
        recordOnce(group);
        return;
      } catch (StorageUnavailableException e) {
        LOG.debug(
            "Recording {} outcome(s) failed (attempt {}): {}",
            group.size(),
            attempt,
            e.getMessage());
        Thread.sleep(10L * attempt);
      }
    }
    recordOnce(group);
  }

  private void recordOnce(List<DeliveryOutbox.Finished> group) {
    try {
      List<Boolean> held = outbox.finishAll(group);
      for (int i = 0; i < group.size(); i++) {
        if (!held.get(i)) {
          Dispatcher.tookOver(group.get(i).outcome().delivery());
        }
      }
    } catch (StorageUnavailableException e) {
      throw e;
    } catch (StorageException e) {
      for (DeliveryOutbox.Finished finished : group) {
        Dispatcher.notRecorded(finished.outcome().delivery(), e);
      }
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure recording {} delivery outcome(s)", group.size(), e);
    }
  }

  /**
   * Stops claiming, lets the reports being sent finish (up to the shutdown grace period), and
   * returns. Reports still being sent after that are claimed again by whoever runs next, once their
   * lease ends.
   */
  @Override
  public void close() {
    Thread pollerThread;
    ExecutorService pool;
    Finisher recorder;
    Thread prunerThread;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      pollerThread = poller;
      pool = workers;
      recorder = finisher;
      prunerThread = pruner;
    }
    wakeUp();
    pollerThread.interrupt();
    if (prunerThread != null) {
      // Between batches it stops at once; a batch under way ends within its short statement.
      prunerThread.interrupt();
    }
    try {
      pollerThread.join(shutdownGrace.toMillis() + 1);
      pool.shutdown();
      if (!pool.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "Reports still being sent after {}; they will be sent again after their lease",
            shutdownGrace);
        pool.shutdownNow();
      }
      // Records what the workers finished, then stops.
      recorder.stop(shutdownGrace);
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      registry.remove(this);
    }
    LOG.info("Delivery workers stopped");
  }

  private void poll() {
    Duration wait = pollInterval;
    while (running) {
      int free;
      try {
        idle.acquire();
        free = 1 + idle.drainPermits();
      } catch (InterruptedException e) {
        break;
      }
      Claimed claimed;
      try {
        claimed = claim(free);
      } catch (StorageException e) {
        idle.release(free);
        LOG.warn(
            "Could not claim reports to deliver; trying again in {}: {}", wait, e.getMessage());
        wait = pause(wait);
        continue;
      } catch (RuntimeException e) {
        idle.release(free);
        LOG.error("Unexpected failure while claiming reports; trying again in {}", wait, e);
        wait = pause(wait);
        continue;
      }
      List<Delivery> deliveries = claimed.deliveries();
      idle.release(free - deliveries.size());
      for (int i = 0; i < deliveries.size(); i++) {
        if (!submit(deliveries.get(i), claimed)) {
          // Closing: give back what will not be sent, so that the next run does not wait for the
          // lease.
          for (Delivery unsent : deliveries.subList(i, deliveries.size())) {
            releaseQuietly(claimed.claim(), unsent);
            idle.release();
          }
          break;
        }
      }
      wait = deliveries.isEmpty() ? pause(wait) : pollInterval;
    }
  }

  private boolean submit(Delivery delivery, Claimed claimed) {
    if (!running) {
      return false;
    }
    try {
      workers.execute(
          () -> {
            Optional<DeliveryOutbox.Finished> finished;
            try {
              finished = send(delivery, claimed);
            } finally {
              // Sent or given back: the poller may claim the next one while the finisher records
              // this one.
              idle.release();
            }
            finished.ifPresent(finisher::add);
          });
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Deliveries claimed and not yet sent, at most: four per thread. */
  private int outstanding() {
    return threads * 4;
  }

  /**
   * Records outcomes in groups, one transaction per group: the workers' results pile up while the
   * previous group commits, so a busy pool commits far fewer times than it sends.
   */
  private final class Finisher {
    /** Put last into the queue by {@link #stop}. */
    private final DeliveryOutbox.Finished STOP =
        new DeliveryOutbox.Finished(
            ClaimId.of("stop"),
            DeliveryOutcome.failed(DeliveryId.of("stop"), Optional.empty(), "stop", Instant.EPOCH));

    // Bounded: when the database records more slowly than the workers send, the workers wait here.
    private final BlockingQueue<DeliveryOutbox.Finished> queue =
        new ArrayBlockingQueue<>(MAX_GROUP * 2);
    private final Thread thread = new Thread(this::run, name + "-finisher");
    private volatile boolean stopping;

    void start() {
      thread.setDaemon(true);
      thread.start();
    }

    void add(DeliveryOutbox.Finished finished) {
      try {
        queue.put(finished);
      } catch (InterruptedException e) {
        // Closing: the outcome is not recorded, and the lease brings the report back.
        Thread.currentThread().interrupt();
      }
    }

    void stop(Duration grace) throws InterruptedException {
      stopping = true;
      // Wakes the finisher at once; it records what is queued before it, then ends.
      queue.put(STOP);
      thread.join(grace.toMillis() + 1);
      if (thread.isAlive()) {
        thread.interrupt();
      }
    }

    private void run() {
      List<DeliveryOutbox.Finished> group = new ArrayList<>();
      while (true) {
        try {
          DeliveryOutbox.Finished first = queue.poll(50, TimeUnit.MILLISECONDS);
          if (first == null) {
            if (stopping) {
              return;
            }
            continue;
          }
          boolean last = first == STOP;
          if (!last) {
            group.add(first);
            queue.drainTo(group, MAX_GROUP - 1);
            last = group.removeIf(f -> f == STOP);
          }
          if (group.isEmpty() && last) {
            return;
          }
          finish(group);
          if (last) {
            return;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } finally {
          group.clear();
        }
      }
    }
  }

  private void releaseQuietly(ClaimId claim, Delivery delivery) {
    try {
      outbox.release(claim, delivery.id());
    } catch (RuntimeException e) {
      LOG.debug(
          "Could not give back delivery {}; it will be claimed after its lease", delivery.id(), e);
    }
  }

  /** Waits {@code wait} or until woken; returns the next, longer wait. */
  private Duration pause(Duration wait) {
    synchronized (signal) {
      try {
        if (!woken && running) {
          signal.wait(Math.max(1, wait.toMillis()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
      if (woken) {
        woken = false;
        return pollInterval;
      }
    }
    Duration longer = wait.multipliedBy(2);
    return longer.compareTo(maxPollInterval) > 0 ? maxPollInterval : longer;
  }

  // --- Retention ---

  /**
   * What the workers delete, when, and in what steps. Nested here (not in {@code
   * RequestLogRetention}) because the workers run it and most of what it deletes is theirs: the
   * outbox's finished reports. Request-log entries of every webhook are pruned by age too, also of
   * webhooks that get no calls, which the per-call pruning of {@link
   * io.learnhook.requestlog.RequestLogRetention} never visits; through {@link
   * io.learnhook.LearnHook#deliveries()} that age defaults to the engine's {@code
   * RequestLogRetention#maxAge()}, so the two agree. Completions are never deleted.
   *
   * @param delivered how long a delivered report (and its attempts) is kept after its delivery
   * @param failed how long a failed report (and its attempts) is kept after it was given up
   * @param requestLog how long a request-log entry is kept after it was received
   * @param every how often a round runs on each node (the first round one {@code every} after
   *     {@link #start()})
   * @param batch rows deleted per statement and transaction at most, so that no lock is held long
   * @param maxPerRun rows of each kind deleted per round at most; the rest waits for the next round
   */
  public record Retention(
      Duration delivered,
      Duration failed,
      Duration requestLog,
      Duration every,
      int batch,
      int maxPerRun) {
    public Retention {
      positive(delivered, "delivered");
      positive(failed, "failed");
      positive(requestLog, "requestLog");
      positive(every, "every");
      if (batch < 1 || batch > 10_000) {
        throw new IllegalArgumentException("batch must be from 1 to 10000, was " + batch);
      }
      if (maxPerRun < batch) {
        throw new IllegalArgumentException("maxPerRun must be at least batch (" + batch + ")");
      }
    }

    /**
     * Delivered reports 30 days, failed ones 90 days, request-log entries 30 days; a round every 10
     * minutes, 500 rows per statement, at most 50,000 rows of each kind per round.
     */
    public static Retention defaults() {
      return new Retention(
          Duration.ofDays(30),
          Duration.ofDays(90),
          Duration.ofDays(30),
          Duration.ofMinutes(10),
          500,
          50_000);
    }

    /** These settings with request-log entries kept for {@code value}. */
    public Retention withRequestLog(Duration value) {
      return new Retention(delivered, failed, value, every, batch, maxPerRun);
    }

    /** These settings with a round every {@code value}. */
    public Retention withEvery(Duration value) {
      return new Retention(delivered, failed, requestLog, value, batch, maxPerRun);
    }

    private static void positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
    }

    /**
     * What one round deleted.
     *
     * @param deliveries finished reports deleted, each with its attempts
     * @param requestLogEntries request-log entries deleted
     */
    public record Pruned(long deliveries, long requestLogEntries) {}
  }

  /**
   * One round of the {@link Retention} on the calling thread: deletes, batch by batch, the finished
   * reports and request-log entries past their age, up to {@link Retention#maxPerRun()} of each.
   * Pending and in-flight reports are never deleted. For tests and for applications that schedule
   * it themselves; started workers run it on the retention's schedule.
   *
   * @throws IllegalStateException when these workers have no retention ({@link
   *     Builder#noRetention()})
   * @throws StorageException when the storage fails; what was deleted before stays deleted
   */
  public Retention.Pruned pruneOnce() {
    Retention r = retention.orElseThrow(() -> new IllegalStateException("no retention set"));
    Instant now = clock.instant();
    Instant deliveredBefore = now.minus(r.delivered());
    Instant failedBefore = now.minus(r.failed());
    long deliveries =
        inBatches(r, batch -> outbox.pruneFinished(deliveredBefore, failedBefore, batch));
    long entries = 0;
    if (requestLog.isPresent()) {
      Instant receivedBefore = now.minus(r.requestLog());
      entries = inBatches(r, batch -> requestLog.get().pruneOlderThan(receivedBefore, batch));
    }
    if (deliveries > 0 || entries > 0) {
      LOG.info(
          "Retention deleted {} finished report(s) and {} request-log entr(ies)",
          deliveries,
          entries);
    }
    return new Retention.Pruned(deliveries, entries);
  }

  /**
   * Runs {@code step} (one short transaction each) until it deletes less than a batch, pausing
   * after each full batch {@value #PRUNE_PAUSE_FACTOR} times as long as it took, and long enough
   * that a round deletes at most {@value #MAX_PRUNED_PER_SECOND} rows a second: retention is never
   * urgent, and recordings running meanwhile should not notice it. (Pausing only as long as a batch
   * took cost them a fifth of their rate in the retention harness: deleting is cheap per row, but a
   * backlog of old rows is many times the rate at which rows are written.)
   */
  /** How many times as long as a batch took the pruner pauses after it. */
  private static final int PRUNE_PAUSE_FACTOR = 9;

  /** The most rows a round of retention deletes per second (of each kind, one kind at a time). */
  private static final int MAX_PRUNED_PER_SECOND = 2_000;

  private static long inBatches(Retention r, java.util.function.IntUnaryOperator step) {
    long total = 0;
    while (total < r.maxPerRun()) {
      int batch = (int) Math.min(r.batch(), r.maxPerRun() - total);
      long started = System.nanoTime();
      int deleted = step.applyAsInt(batch);
      total += deleted;
      if (deleted < batch) {
        break;
      }
      long tookMillis = (System.nanoTime() - started) / 1_000_000;
      try {
        long pace = batch * 1_000L / MAX_PRUNED_PER_SECOND - tookMillis;
        Thread.sleep(Math.min(Math.max(tookMillis * PRUNE_PAUSE_FACTOR, pace), 5_000));
      } catch (InterruptedException e) {
        // Closing: stop between batches, and let the caller see the interrupt.
        Thread.currentThread().interrupt();
        break;
      }
    }
    return total;
  }

  private void pruneOnSchedule() {
    Duration every = retention.orElseThrow().every();
    while (running) {
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      if (!running) {
        return;
      }
      try {
        pruneOnce();
      } catch (StorageException e) {
        LOG.warn("Retention could not prune; trying again in {}: {}", every, e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("Unexpected failure while pruning; trying again in {}", every, e);
      }
    }
  }

  /** Configures {@link DeliveryWorkers}. */
  public static final class Builder {
    private final DeliveryOutbox outbox;
    private final ReportSubscriptionRepository subscriptions;
    private final ReportTransport transport;
    private int threads = 4;
    private Clock clock = Clock.systemUTC();
    private Duration lease;
    private Duration pollInterval = Duration.ofMillis(250);
    private Duration maxPollInterval = Duration.ofSeconds(5);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private Duration subscriptionCache = Duration.ofSeconds(1);
    private Set<DeliveryWorkers> registry = ConcurrentHashMap.newKeySet();
    private Set<DeliveryWorkers> launched = ConcurrentHashMap.newKeySet();
    private Observation observation = Observation.NONE;
    private Optional<Retention> retention = Optional.of(Retention.defaults());
    private Optional<RequestLogRepository> requestLog = Optional.empty();

    private Builder(
        DeliveryOutbox outbox,
        ReportSubscriptionRepository subscriptions,
        ReportTransport transport) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** How many reports are sent at once (default 4). */
    public Builder threads(int value) {
      if (value < 1 || value > 1024) {
        throw new IllegalArgumentException("threads must be from 1 to 1024, was " + value);
      }
      this.threads = value;
      return this;
    }

    /** The clock for due times, leases and attempt times (default: the system clock, UTC). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * How long a claimed delivery belongs to its worker (default: the transport's timeout plus one
     * minute). Must be longer than the transport's timeout, or a slow send could be taken over by
     * another worker while it still runs; a claimed delivery with less lease left than one send is
     * given back unsent.
     */
    public Builder lease(Duration value) {
      this.lease = Objects.requireNonNull(value, "lease");
      return this;
    }

    /** The first wait when nothing is due (default 250 ms); it doubles while nothing comes. */
    public Builder pollInterval(Duration value) {
      this.pollInterval = positive(value, "pollInterval");
      return this;
    }

    /** The longest wait between polls when nothing is due (default 5 s). */
    public Builder maxPollInterval(Duration value) {
      this.maxPollInterval = positive(value, "maxPollInterval");
      return this;
    }

    /** How long {@link DeliveryWorkers#close()} waits for reports being sent (default 10 s). */
    public Builder shutdownGrace(Duration value) {
      this.shutdownGrace = Objects.requireNonNull(value, "shutdownGrace");
      return this;
    }

    /**
     * How long a subscription read for one report serves the next ones (default 1 s; zero reads it
     * for every report). A change to a subscription, or its deletion, reaches the workers within
     * it.
     */
    public Builder subscriptionCache(Duration value) {
      Objects.requireNonNull(value, "subscriptionCache");
      if (value.isNegative()) {
        throw new IllegalArgumentException("subscriptionCache must not be negative");
      }
      this.subscriptionCache = value;
      return this;
    }

    /**
     * What the workers delete and when (default {@link Retention#defaults()}; through {@link
     * io.learnhook.LearnHook#deliveries()}, with the engine's request-log age).
     */
    public Builder retention(Retention value) {
      this.retention = Optional.of(Objects.requireNonNull(value, "retention"));
      return this;
    }

    /** The workers delete nothing: the application prunes by itself (or keeps everything). */
    public Builder noRetention() {
      this.retention = Optional.empty();
      return this;
    }

    /**
     * The request log whose entries the retention prunes by age (set by {@link
     * io.learnhook.LearnHook#deliveries()}; without it only reports are pruned).
     */
    public Builder requestLog(RequestLogRepository value) {
      this.requestLog = Optional.of(Objects.requireNonNull(value, "requestLog"));
      return this;
    }

    /** Where the retry jitter's random numbers come from, from 0 to 1 (for tests). */
    public Builder random(DoubleSupplier value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /** Where started workers register, so that the engine can wake them. */
    Builder registry(Set<DeliveryWorkers> value) {
      this.registry = value;
      return this;
    }

    /** Where started workers stay even once closed, so that a health check sees them stopped. */
    Builder launched(Set<DeliveryWorkers> value) {
      this.launched = value;
      return this;
    }

    /** Who hears of each delivery's outcome (the engine's observers). */
    Builder observation(Observation value) {
      this.observation = Objects.requireNonNull(value, "observation");
      return this;
    }

    /**
     * Workers not yet started: call {@link DeliveryWorkers#start()} or {@link
     * DeliveryWorkers#runOnce()}.
     */
    public DeliveryWorkers build() {
      Duration timeout = Objects.requireNonNull(transport.timeout(), "transport timeout");
      Duration chosen = lease != null ? lease : timeout.plusMinutes(1);
      if (chosen.compareTo(timeout) <= 0) {
        throw new IllegalArgumentException(
            "the lease ("
                + chosen
                + ") must be longer than the transport's timeout ("
                + timeout
                + "), or a slow send could be taken over by another worker while it still runs");
      }
      if (maxPollInterval.compareTo(pollInterval) < 0) {
        throw new IllegalArgumentException("maxPollInterval must be at least pollInterval");
      }
      this.lease = chosen;
      return new DeliveryWorkers(this);
    }

    /** Builds and starts the workers. */
    public DeliveryWorkers start() {
      return build().start();
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return value;
    }
  }
}
