package io.learnhook.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.completion.RecordResult;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.UserId;
import io.learnhook.spi.CompletionRepository;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link Transactions}; extend it to run it against an adapter. A completion and
 * the reports enqueued with it are stored together or not at all, and recording a duplicate inside
 * a transaction finds the first completion without spoiling the transaction.
 */
public abstract class TransactionsContract extends PortContract {
  private static final int THREADS = 20;

  /** The transactions under test, over {@link #completions()} and {@link #outbox()}. */
  protected abstract Transactions transactions();

  /** The completion repository under test, the same one throughout a test. */
  protected abstract CompletionRepository completions();

  /** The outbox under test, the same one throughout a test. */
  protected abstract DeliveryOutbox outbox();

  /**
   * Puts a company where your storage keeps it, for storage that refuses completions or deliveries
   * naming an unknown company. Does nothing unless overridden.
   */
  protected void putCompany(Company company) {}

  @BeforeEach
  void seedCompany() {
    putCompany(new Company(ACME, true));
  }

  private static Completion completion(Instant completedAt) {
    return new Completion(
        CompletionId.random(),
        ACME,
        UserId.of("u1"),
        ItemId.of("i1"),
        Optional.empty(),
        Optional.empty(),
        completedAt,
        T0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static Delivery report(Completion completion) {
    return Delivery.pending(
        DeliveryId.random(),
        SubscriptionId.of("s1"),
        ACME,
        completion.id(),
        "{\"report\":true}",
        T0);
  }

  /** What the recorder does: the completion, and when it is new, its report. */
  private RecordResult recordWithReport(Completion candidate) {
    RecordResult result = completions().recordIfAbsent(candidate);
    if (result.created()) {
      outbox().enqueue(List.of(report(result.completion())));
    }
    return result;
  }

  private List<Delivery> reports() {
    return outbox().list(ACME, DeliveryState.PENDING, 1000);
  }

  @Test
  void commitsTheCompletionAndItsReportTogether() {
    Completion candidate = completion(T0);

    RecordResult result = transactions().inTransaction(() -> recordWithReport(candidate));

    assertThat(result.created()).isTrue();
    assertThat(completions().findById(candidate.id())).isPresent();
    assertThat(reports()).extracting(Delivery::completion).containsExactly(candidate.id());
  }

  @Test
  void rollsBackTheCompletionAndItsReportWhenTheWorkFails() {
    Completion candidate = completion(T0);

    assertThatThrownBy(
            () ->
                transactions()
                    .inTransaction(
                        () -> {
                          recordWithReport(candidate);
                          throw new IllegalStateException("the LMS's lookup failed");
                        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the LMS's lookup failed");

    assertThat(completions().findById(candidate.id())).isEmpty();
    assertThat(completions().findSameAs(candidate)).isEmpty();
    assertThat(reports()).isEmpty();
    assertThat(transactions().inTransaction(() -> recordWithReport(candidate)).created()).isTrue();
  }

  @Test
  void anInnerTransactionJoinsTheOuterOne() {
    Completion candidate = completion(T0);

    assertThatThrownBy(
            () ->
                transactions()
                    .inTransaction(
                        () -> {
                          transactions().inTransaction(() -> recordWithReport(candidate));
                          throw new IllegalStateException("outer fails after the inner returned");
                        }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(completions().findById(candidate.id())).isEmpty();
    assertThat(reports()).isEmpty();
  }

  @Test
  void recordingADuplicateInsideATransactionFindsTheFirstAndTheTransactionGoesOn() {
    Completion first = completion(T0);
    transactions().inTransaction(() -> recordWithReport(first));
    Completion other = completion(T0.plusSeconds(1));

    List<RecordResult> results =
        transactions()
            .inTransaction(
                () -> List.of(recordWithReport(completion(T0)), recordWithReport(other)));

    assertThat(results.get(0).created()).isFalse();
    assertThat(results.get(0).completion().id()).isEqualTo(first.id());
    assertThat(results.get(1).created()).isTrue();
    assertThat(completions().findById(other.id())).isPresent();
    assertThat(reports())
        .extracting(Delivery::completion)
        .containsExactlyInAnyOrder(first.id(), other.id());
  }

  @Test
  void nothingIsWrittenWhenAReportCannotBeEnqueued() {
    Completion first = completion(T0);
    Delivery taken = report(first);
    outbox().enqueue(List.of(taken));
    Completion candidate = completion(T0.plusSeconds(5));

    assertThatThrownBy(
            () ->
                transactions()
                    .inTransaction(
                        () -> {
                          completions().recordIfAbsent(candidate);
                          // The same delivery id again: the outbox refuses it, so the completion
                          // must go too.
                          outbox()
                              .enqueue(
                                  List.of(
                                      new Delivery(
                                          taken.id(),
                                          taken.subscription(),
                                          ACME,
                                          candidate.id(),
                                          "{}",
                                          DeliveryState.PENDING,
                                          0,
                                          T0,
                                          T0,
                                          Optional.empty(),
                                          Optional.empty(),
                                          Optional.empty())));
                          return null;
                        }))
        .isInstanceOf(RuntimeException.class);

    assertThat(completions().findById(candidate.id())).isEmpty();
    assertThat(reports()).containsExactly(taken);
  }

  @Test
  void anActionAfterCommitOutsideATransactionRunsAtOnce() {
    List<String> ran = new ArrayList<>();

    transactions().afterCommit(() -> ran.add("after commit"));

    assertThat(ran).containsExactly("after commit");
  }

  @Test
  void returnsWhatTheWorkReturns() {
    assertThat(transactions().inTransaction(() -> "done")).isEqualTo("done");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twentyThreadsRecordingTheSameCompletionEnqueueOneReport() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch ready = new CountDownLatch(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<RecordResult>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  start.await();
                  return transactions().inTransaction(() -> recordWithReport(completion(T0)));
                }));
      }
      ready.await();
      start.countDown();
      List<RecordResult> results = new ArrayList<>();
      for (Future<RecordResult> future : futures) {
        results.add(future.get(100, TimeUnit.SECONDS));
      }

      assertThat(results).filteredOn(RecordResult::created).hasSize(1);
      CompletionId winner =
          results.stream()
              .filter(RecordResult::created)
              .findFirst()
              .orElseThrow()
              .completion()
              .id();
      assertThat(results).extracting(r -> r.completion().id()).containsOnly(winner);
      assertThat(reports()).extracting(Delivery::completion).containsExactly(winner);
    } finally {
      pool.shutdownNow();
    }
  }
}
