package io.learnhook.spi;

import io.learnhook.spi.StorageException.StorageUnavailableException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs work in one storage transaction, so that a completion and its reports are written together
 * or not at all: no report is lost, and none goes out for a completion that was rolled back.
 *
 * <p>Every port call made by {@code work} on the same thread, on the same store, takes part in the
 * transaction. It commits when {@code work} returns and rolls back when it throws; a call inside
 * another {@code inTransaction} joins the outer transaction. Adapters throw {@link
 * StorageUnavailableException} only when nothing was committed.
 */
public interface Transactions {
  <T> T inTransaction(Supplier<T> work);

  /**
   * Runs {@code action} once the transaction open on this thread has committed, and never if it
   * rolls back: the completion listeners run through it, so that they never hear of a completion
   * that is not committed. An adapter whose transactions can join one the application manages
   * (learnhook-jdbc's {@code ConnectionSource}) waits for that one's commit; with no transaction
   * open, the action runs now. The default runs it now, for adapters whose {@link #inTransaction}
   * always commits before it returns.
   */
  default void afterCommit(Runnable action) {
    action.run();
  }

  /**
   * Whether the storage answers now, asked as cheaply as the adapter can (JDBC: {@code
   * Connection.isValid}), for a health check. Should give up after about {@code timeout}; the
   * health check waits no longer than that anyway. Returns false or throws when it does not answer.
   * The default answers true: a storage in the same process is up while the process is.
   */
  default boolean reachable(Duration timeout) {
    return true;
  }
}
