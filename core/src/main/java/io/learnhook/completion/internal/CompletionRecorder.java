package io.learnhook.completion.internal;

import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.completion.CompletionListener;
import io.learnhook.completion.NewCompletion;
import io.learnhook.completion.RecordResult;
import io.learnhook.spi.CompletionRepository;
import io.learnhook.spi.Transactions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records completions exactly once and tells the listeners of each new one. The one path every
 * completion takes, whether it arrived through a webhook or was recorded by the LMS.
 *
 * <p>A new completion and what must be written with it (its reports to subscribers) are written in
 * one transaction; the listeners hear of it only after that transaction has committed ({@link
 * Transactions#afterCommit}: the LMS's own, when the storage joined it), and never when it rolled
 * back.
 *
 * <p>Not API: the facade ({@code LearnHook.record}) and the ingest use case build and call it.
 */
public final class CompletionRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(CompletionRecorder.class);

  private final CompletionRepository completions;
  private final Transactions transactions;
  private final Consumer<Completion> sameTransaction;
  private final List<CompletionListener> listeners;
  private final Clock clock;
  private final boolean subscriptionHintsApply;

  /**
   * @param completions where completions are stored
   * @param transactions the transactions of that storage
   * @param sameTransaction the reports to write, in the same transaction, for a new completion (a
   *     failure there rolls the completion back); skipped when the caller knows its company has no
   *     enabled report subscription ({@link #record(NewCompletion, boolean)})
   * @param listeners told of each new completion after it is committed
   * @param clock the time of recording
   * @param subscriptionHintsApply whether callers' knowledge of no enabled report subscription
   *     ({@link #record(NewCompletion, boolean)}) was read from the same subscriptions the
   *     same-transaction work enqueues to ({@link SubscriptionHints}); when false, it is ignored
   */
  public CompletionRecorder(
      CompletionRepository completions,
      Transactions transactions,
      Consumer<Completion> sameTransaction,
      List<CompletionListener> listeners,
      Clock clock,
      boolean subscriptionHintsApply) {
    this.subscriptionHintsApply = subscriptionHintsApply;
    this.completions = Objects.requireNonNull(completions, "completions");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.sameTransaction = Objects.requireNonNull(sameTransaction, "sameTransaction");
    this.listeners = List.copyOf(listeners);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Records the completion, or finds the same one recorded before.
   *
   * @throws io.learnhook.spi.StorageException.StorageUnavailableException when storage cannot be
   *     reached; nothing was recorded and the call may be repeated
   */
  public RecordResult record(NewCompletion completion) {
    return record(completion, false);
  }

  /**
   * Records the completion like {@link #record(NewCompletion)}; when {@code
   * noEnabledReportSubscriptions}, the caller read, before this call, that the completion's company
   * had no enabled report subscription, and the same-transaction work (which only enqueues reports
   * to enabled subscriptions) is skipped: one statement fewer in the transaction. A subscription
   * committed after that read and before this transaction commits is then not reported to, as if it
   * had been committed just after the completion; one committed before the read never misses a
   * report.
   *
   * @throws io.learnhook.spi.StorageException.StorageUnavailableException when storage cannot be
   *     reached; nothing was recorded and the call may be repeated
   */
  public RecordResult record(NewCompletion completion, boolean noEnabledReportSubscriptions) {
    Completion candidate = completion.toCompletion(CompletionId.random(), clock.instant());
    RecordResult result =
        transactions.inTransaction(
            () -> {
              RecordResult recorded = completions.recordIfAbsent(candidate);
              if (recorded.created() && !(subscriptionHintsApply && noEnabledReportSubscriptions)) {
                sameTransaction.accept(recorded.completion());
              }
              return recorded;
            });
    if (result.created()) {
      // Inside a transaction of the LMS's that the storage joined, only once that one commits.
      Completion recorded = result.completion();
      transactions.afterCommit(() -> announce(recorded));
    }
    return result;
  }

  private void announce(Completion completion) {
    for (CompletionListener listener : listeners) {
      try {
        listener.onRecorded(completion);
      } catch (RuntimeException e) {
        // A listener's failure is the LMS's to fix; the completion stays recorded.
        LOG.error("Completion listener {} failed for completion {}", listener, completion.id(), e);
      }
    }
  }
}
