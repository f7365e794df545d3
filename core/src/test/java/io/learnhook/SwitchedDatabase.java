package io.learnhook;

import io.learnhook.spi.Transactions;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A store's transactions with a database check the test decides: up, down, or hanging. Shared with
 * learnhook-http's health tests through core's test-jar.
 */
public final class SwitchedDatabase implements Transactions {
  private final Transactions delegate;
  private volatile Supplier<Boolean> answer = () -> true;

  public SwitchedDatabase(Transactions delegate) {
    this.delegate = delegate;
  }

  /** What every later database check answers (or does: block, throw). */
  public void answer(Supplier<Boolean> value) {
    this.answer = value;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return delegate.inTransaction(work);
  }

  @Override
  public void afterCommit(Runnable action) {
    delegate.afterCommit(action);
  }

  @Override
  public boolean reachable(Duration timeout) {
    return answer.get();
  }
}
