package io.learnhook.spring.boot;

import io.learnhook.LearnHook;
import io.learnhook.reporting.DeliveryWorkers;
import io.learnhook.spi.ReportTransport;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;

/**
 * The delivery workers of the application's {@link LearnHook}, started when the application context
 * has started and closed (letting reports in flight finish, within their grace) when it stops.
 * Stopped workers cannot be started again, so a restart of the context builds new ones.
 */
public class DeliveryWorkersLifecycle implements SmartLifecycle {
  private final LearnHook learnHook;
  private final ReportTransport transport;
  private final int threads;
  private DeliveryWorkers workers;

  /** Workers of {@code learnHook} sending through {@code transport}, {@code threads} at once. */
  public DeliveryWorkersLifecycle(LearnHook learnHook, ReportTransport transport, int threads) {
    this.learnHook = Objects.requireNonNull(learnHook, "learnHook");
    this.transport = Objects.requireNonNull(transport, "transport");
    if (threads < 1) {
      throw new IllegalArgumentException("learnhook.delivery.threads must be at least 1");
    }
    this.threads = threads;
  }

  @Override
  public synchronized void start() {
    if (workers == null) {
      workers = learnHook.deliveries().workers(transport).threads(threads).start();
    }
  }

  @Override
  public synchronized void stop() {
    if (workers != null) {
      workers.close();
      workers = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return workers != null;
  }

  /**
   * The running workers, if started: for tests and for {@code runOnce} in an application's jobs.
   */
  public synchronized Optional<DeliveryWorkers> workers() {
    return Optional.ofNullable(workers);
  }
}
