package io.learnhook.reporting;

import static io.learnhook.reporting.DeliveryFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.DeliveryOutbox.ClaimId;
import io.learnhook.spi.DeliveryOutbox.DeliveryOutcome;
import io.learnhook.spi.StorageException;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link DeliveryWorkers#runOnce()} and started workers record outcomes the same way, through the
 * same steps: in groups by {@link DeliveryOutbox#finishAll}, never one by one; a group the storage
 * could not take for a moment is recorded again; a group it refuses is left in flight, for the
 * lease to bring back. Each test runs both ways, so tests that use {@code runOnce} prove the path
 * production takes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OneFinishingPathTest {
  private final DeliveryFixture lms = new DeliveryFixture();
  private final WatchedOutbox outbox = new WatchedOutbox(lms.store.outbox());

  /** The two ways to run workers. */
  enum Way {
    RUN_ONCE {
      @Override
      void run(DeliveryWorkers workers, BooleanSupplier done) {
        workers.runOnce();
      }
    },
    STARTED {
      @Override
      void run(DeliveryWorkers workers, BooleanSupplier done) throws InterruptedException {
        workers.start();
        try {
          while (!done.getAsBoolean()) {
            Thread.sleep(5);
          }
        } finally {
          workers.close();
        }
      }
    };

    /** Runs the workers until {@code done} (started) or for one round (runOnce). */
    abstract void run(DeliveryWorkers workers, BooleanSupplier done) throws InterruptedException;
  }

  private DeliveryWorkers workers() {
    return DeliveryWorkers.builder(outbox, lms.store.subscriptions(), lms.transport)
        .clock(lms.clock)
        .random(() -> 0.0)
        .pollInterval(Duration.ofMillis(5))
        .maxPollInterval(Duration.ofMillis(20))
        .build();
  }

  private long delivered() {
    return lms.store.allDeliveries().stream()
        .filter(d -> d.state() == DeliveryState.DELIVERED)
        .count();
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void recordsEveryOutcomeThroughFinishAllNeverOneByOne(Way way) throws Exception {
    for (int i = 0; i < 3; i++) {
      lms.complete(T0.minusSeconds(i));
    }

    way.run(workers(), () -> delivered() == 3);

    assertThat(delivered()).isEqualTo(3);
    assertThat(outbox.finishedOneByOne).hasValue(0);
    assertThat(outbox.groups.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void recordsAGroupAgainWhenTheStorageWasUnavailableForAMoment(Way way) throws Exception {
    lms.complete(T0);
    outbox.unavailableTimes.set(1);

    way.run(workers(), () -> delivered() == 1);

    assertThat(lms.only().state()).isEqualTo(DeliveryState.DELIVERED);
    assertThat(outbox.groupCalls).hasValue(2);
    assertThat(lms.transport.sent()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void leavesAGroupTheStorageRefusesInFlightAndSendsItAgainAfterTheLease(Way way) throws Exception {
    lms.complete(T0);
    outbox.refuse = true;

    way.run(workers(), () -> outbox.groupCalls.get() >= 1);

    assertThat(lms.only().state()).isEqualTo(DeliveryState.IN_FLIGHT);
    assertThat(lms.transport.sent()).hasSize(1);

    outbox.refuse = false;
    lms.advance(Duration.ofMinutes(2));
    way.run(workers(), () -> delivered() == 1);

    assertThat(lms.only().state()).isEqualTo(DeliveryState.DELIVERED);
    assertThat(lms.transport.sent()).hasSize(2);
    assertThat(lms.transport.sent().get(1).id()).isEqualTo(lms.transport.sent().get(0).id());
  }

  /** The in-memory outbox, watching how outcomes are recorded, and failing them on demand. */
  private static final class WatchedOutbox implements DeliveryOutbox {
    private final DeliveryOutbox delegate;
    final AtomicInteger finishedOneByOne = new AtomicInteger();
    final AtomicInteger groupCalls = new AtomicInteger();
    final List<Integer> groups = new CopyOnWriteArrayList<>();
    final AtomicInteger unavailableTimes = new AtomicInteger();
    volatile boolean refuse;

    WatchedOutbox(DeliveryOutbox delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<Boolean> finishAll(List<Finished> finished) {
      groupCalls.incrementAndGet();
      if (unavailableTimes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new StorageUnavailableException("connection lost", null);
      }
      if (refuse) {
        throw new StorageException("broken schema");
      }
      groups.add(finished.size());
      return delegate.finishAll(finished);
    }

    @Override
    public boolean finish(ClaimId claim, DeliveryOutcome outcome) {
      finishedOneByOne.incrementAndGet();
      return delegate.finish(claim, outcome);
    }

    @Override
    public void enqueue(List<Delivery> deliveries) {
      delegate.enqueue(deliveries);
    }

    @Override
    public List<Delivery> claim(ClaimId claim, Instant now, Instant leaseUntil, int limit) {
      return delegate.claim(claim, now, leaseUntil, limit);
    }

    @Override
    public boolean release(ClaimId claim, DeliveryId id) {
      return delegate.release(claim, id);
    }

    @Override
    public int pruneFinished(Instant deliveredBefore, Instant failedBefore, int batch) {
      return delegate.pruneFinished(deliveredBefore, failedBefore, batch);
    }

    @Override
    public Optional<Delivery> findById(DeliveryId id) {
      return delegate.findById(id);
    }

    @Override
    public List<Delivery> list(CompanyId company, DeliveryState state, int limit) {
      return delegate.list(company, state, limit);
    }

    @Override
    public List<DeliveryAttempt> attempts(DeliveryId id) {
      return delegate.attempts(id);
    }

    @Override
    public boolean redeliver(DeliveryId id, Instant now) {
      return delegate.redeliver(id, now);
    }

    @Override
    public int redeliverFailed(CompanyId company, Instant from, Instant to, Instant now) {
      return delegate.redeliverFailed(company, from, to, now);
    }

    @Override
    public List<Listed> list(Query query) {
      return delegate.list(query);
    }

    @Override
    public int redeliver(Query query, Instant now) {
      return delegate.redeliver(query, now);
    }

    @Override
    public int cancelPending(
        io.learnhook.delivery.SubscriptionId subscription, Instant now, String reason) {
      return delegate.cancelPending(subscription, now, reason);
    }

    @Override
    public Backlog backlog() {
      return delegate.backlog();
    }
  }
}
