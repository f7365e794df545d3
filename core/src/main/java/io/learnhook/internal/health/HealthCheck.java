package io.learnhook.internal.health;

import io.learnhook.spi.Transactions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers and the delivery workers run, each answered within a bound: a health
 * probe must answer "down" quickly when the database hangs, not hang with it.
 *
 * <p>The database is asked on a thread of its own ({@link Transactions#reachable}), waited for at
 * most the timeout. A check still running when the next probe comes is waited for again rather than
 * started twice, so a hung database costs one thread, however often it is probed.
 */
public final class HealthCheck {
  private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);

  private final Transactions storage;
  private final BooleanSupplier workersUp;
  private final Duration timeout;
  private final ThreadPoolExecutor pinger;
  private Future<Boolean> running;

  /**
   * @param storage the storage to ping
   * @param workersUp whether the delivery workers started on this node still run
   * @param timeout how long the database may take to answer before it counts as down
   */
  public HealthCheck(Transactions storage, BooleanSupplier workersUp, Duration timeout) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.workersUp = Objects.requireNonNull(workersUp, "workersUp");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    // One thread at most, gone when idle: an engine that is never probed keeps no thread.
    this.pinger =
        new ThreadPoolExecutor(
            1,
            1,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "learnhook-health");
              thread.setDaemon(true);
              return thread;
            });
    pinger.allowCoreThreadTimeOut(true);
  }

  /** Whether the database answered within the timeout. */
  public boolean databaseUp() {
    Future<Boolean> check = check();
    try {
      return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.debug("The database did not answer the health check within {}", timeout);
      return false;
    } catch (ExecutionException e) {
      LOG.debug("The database health check failed: {}", e.getCause().toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether every delivery worker pool started on this engine still runs. */
  public boolean deliveryWorkersUp() {
    return workersUp.getAsBoolean();
  }

  private synchronized Future<Boolean> check() {
    if (running == null || running.isDone()) {
      running = pinger.submit(() -> storage.reachable(timeout));
    }
    return running;
  }
}
