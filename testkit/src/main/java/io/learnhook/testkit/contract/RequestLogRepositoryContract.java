package io.learnhook.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RequestLogRepository}; extend it to run it against an adapter. "Newest"
 * means most recently appended.
 */
public abstract class RequestLogRepositoryContract extends PortContract {
  private static final WebhookId KNOWBE4 = WebhookId.of("w1");
  private static final WebhookId ARTICULATE = WebhookId.of("w2");

  /** The request log under test, the same one throughout a test. */
  protected abstract RequestLogRepository requestLog();

  /**
   * Puts a webhook where your storage keeps it, for storage that refuses request log entries naming
   * an unknown webhook. Does nothing unless overridden.
   */
  protected void saveWebhook(Webhook webhook) {}

  /** Adapters that enforce references find the webhook every entry names. */
  @BeforeEach
  void seedWebhooks() {
    saveWebhook(webhook(ACME, KNOWBE4.value(), "KnowBe4"));
    saveWebhook(webhook(ACME, ARTICULATE.value(), "Articulate"));
  }

  private static RequestLogEntry entry(WebhookId webhook, Instant receivedAt, int status) {
    return new RequestLogEntry(
        webhook,
        receivedAt,
        false,
        status == 201 ? Outcome.RECORDED : Outcome.REJECTED,
        status,
        Optional.of("{\"email\":\"ann@acme.test\"}"),
        status == 201 ? Optional.empty() : Optional.of("User not found"));
  }

  /** Appends {@code count} entries to {@code webhook}, one second apart from {@link #T0}. */
  private List<RequestLogEntry> appendEntries(WebhookId webhook, int count) {
    List<RequestLogEntry> appended = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RequestLogEntry entry = entry(webhook, T0.plusSeconds(i), 201);
      requestLog().append(entry);
      appended.add(entry);
    }
    return appended;
  }

  @Test
  void returnsTheLatestEntriesNewestFirst() {
    List<RequestLogEntry> appended = appendEntries(KNOWBE4, 3);

    assertThat(requestLog().latest(KNOWBE4, 10))
        .containsExactly(appended.get(2), appended.get(1), appended.get(0));
  }

  @Test
  void returnsNoMoreEntriesThanTheLimit() {
    List<RequestLogEntry> appended = appendEntries(KNOWBE4, 5);

    assertThat(requestLog().latest(KNOWBE4, 2)).containsExactly(appended.get(4), appended.get(3));
    assertThat(requestLog().latest(KNOWBE4, 0)).isEmpty();
  }

  @Test
  void keepsEachWebhooksLogApart() {
    List<RequestLogEntry> knowBe4 = appendEntries(KNOWBE4, 2);
    RequestLogEntry articulate = entry(ARTICULATE, T0.plusSeconds(30), 404);
    requestLog().append(articulate);

    assertThat(requestLog().latest(KNOWBE4, 10)).containsExactly(knowBe4.get(1), knowBe4.get(0));
    assertThat(requestLog().latest(ARTICULATE, 10)).containsExactly(articulate);
  }

  @Test
  void returnsAnEmptyListForAWebhookWithoutEntries() {
    appendEntries(KNOWBE4, 2);

    assertThat(requestLog().latest(ARTICULATE, 10)).isEmpty();
    assertThat(requestLog().latest(WebhookId.of("never-saved"), 10)).isEmpty();
  }

  @Test
  void keepsEveryFieldOfAnEntry() {
    List<RequestLogEntry> entries = new ArrayList<>();
    Outcome[] outcomes = Outcome.values();
    for (int i = 0; i < outcomes.length; i++) {
      boolean odd = i % 2 == 1;
      entries.add(
          new RequestLogEntry(
              KNOWBE4,
              T0.plusSeconds(i),
              odd,
              outcomes[i],
              200 + i,
              odd ? Optional.empty() : Optional.of("[{\"score\":95}]"),
              odd ? Optional.of("Item not found") : Optional.empty()));
    }
    entries.forEach(requestLog()::append);

    List<RequestLogEntry> newestFirst = new ArrayList<>(entries);
    Collections.reverse(newestFirst);
    assertThat(requestLog().latest(KNOWBE4, 10)).containsExactlyElementsOf(newestFirst);
  }

  @Test
  void keepsTheTimeToTheMicrosecondWhateverOffsetItWasWrittenIn() {
    Instant receivedAt = OffsetDateTime.parse("2024-10-27T01:59:59.999999+01:00").toInstant();
    requestLog().append(entry(KNOWBE4, receivedAt, 201));

    assertThat(requestLog().latest(KNOWBE4, 1))
        .extracting(RequestLogEntry::receivedAt)
        .containsExactly(Instant.parse("2024-10-27T00:59:59.999999Z"));
  }

  @Test
  void keepsSqlMetacharactersAndUnicodeExactly() {
    RequestLogEntry entry =
        new RequestLogEntry(
            WebhookId.of(LONGEST_ID),
            T0,
            true,
            Outcome.DRY_RUN,
            422,
            Optional.of("{\"name\":\"" + UNICODE + "\",\"x\":\"" + SQL_METACHARACTERS + "\"}"),
            Optional.of(SQL_METACHARACTERS + UNICODE + "\n\ttrace"));
    requestLog().append(entry);

    assertThat(requestLog().latest(WebhookId.of(LONGEST_ID), 1)).containsExactly(entry);
  }

  @Test
  void prunesAllButTheNewestEntries() {
    List<RequestLogEntry> appended = appendEntries(KNOWBE4, 5);

    int deleted = requestLog().prune(KNOWBE4, 2, T0.minusSeconds(3600));

    assertThat(deleted).isEqualTo(3);
    assertThat(requestLog().latest(KNOWBE4, 10)).containsExactly(appended.get(4), appended.get(3));
  }

  @Test
  void prunesEntriesReceivedBeforeTheCutoffEvenWhenFewerThanTheLimit() {
    List<RequestLogEntry> appended = appendEntries(KNOWBE4, 5);

    int deleted = requestLog().prune(KNOWBE4, 100, T0.plusSeconds(3));

    assertThat(deleted).isEqualTo(3);
    assertThat(requestLog().latest(KNOWBE4, 10)).containsExactly(appended.get(4), appended.get(3));
  }

  @Test
  void prunesByCountAndAgeTogether() {
    List<RequestLogEntry> appended = appendEntries(KNOWBE4, 6);

    int deleted = requestLog().prune(KNOWBE4, 3, T0.plusSeconds(4));

    assertThat(deleted).isEqualTo(4);
    assertThat(requestLog().latest(KNOWBE4, 10)).containsExactly(appended.get(5), appended.get(4));
  }

  @Test
  void prunesEverythingWhenKeepingNone() {
    appendEntries(KNOWBE4, 3);

    assertThat(requestLog().prune(KNOWBE4, 0, T0.minusSeconds(3600))).isEqualTo(3);
    assertThat(requestLog().latest(KNOWBE4, 10)).isEmpty();
  }

  @Test
  void pruneLeavesOtherWebhooksAlone() {
    appendEntries(KNOWBE4, 3);
    List<RequestLogEntry> articulate = appendEntries(ARTICULATE, 3);

    int deleted = requestLog().prune(KNOWBE4, 1, T0.plusSeconds(3600));

    assertThat(deleted).isEqualTo(3);
    assertThat(requestLog().latest(ARTICULATE, 10))
        .containsExactly(articulate.get(2), articulate.get(1), articulate.get(0));
  }

  @Test
  void pruneReturnsZeroWhenNothingIsDue() {
    appendEntries(KNOWBE4, 3);

    assertThat(requestLog().prune(KNOWBE4, 3, T0)).isZero();
    assertThat(requestLog().prune(ARTICULATE, 0, T0.plusSeconds(3600))).isZero();
    assertThat(requestLog().latest(KNOWBE4, 10)).hasSize(3);
  }

  @Test
  void returnsTheLatestEntriesOfOneOutcomeNewestFirst() {
    RequestLogEntry recorded1 = entry(KNOWBE4, T0, 201);
    RequestLogEntry rejected1 = entry(KNOWBE4, T0.plusSeconds(1), 404);
    RequestLogEntry recorded2 = entry(KNOWBE4, T0.plusSeconds(2), 201);
    RequestLogEntry rejected2 = entry(KNOWBE4, T0.plusSeconds(3), 422);
    RequestLogEntry otherWebhook = entry(ARTICULATE, T0.plusSeconds(4), 404);
    List.of(recorded1, rejected1, recorded2, rejected2, otherWebhook).forEach(requestLog()::append);

    assertThat(requestLog().latest(KNOWBE4, Outcome.REJECTED, 10))
        .containsExactly(rejected2, rejected1);
    assertThat(requestLog().latest(KNOWBE4, Outcome.RECORDED, 10))
        .containsExactly(recorded2, recorded1);
    assertThat(requestLog().latest(KNOWBE4, Outcome.REJECTED, 1)).containsExactly(rejected2);
    assertThat(requestLog().latest(KNOWBE4, Outcome.DRY_RUN, 10)).isEmpty();
    assertThat(requestLog().latest(ARTICULATE, Outcome.REJECTED, 10)).containsExactly(otherWebhook);
  }

  @Test
  void findsOlderEntriesOfAnOutcomeBeyondNewerOnesOfAnother() {
    RequestLogEntry old = entry(KNOWBE4, T0, 404);
    requestLog().append(old);
    appendEntries(KNOWBE4, 20);

    assertThat(requestLog().latest(KNOWBE4, Outcome.REJECTED, 5)).containsExactly(old);
  }

  // --- Body and reason ---

  private static RequestLogEntry withBody(
      Instant receivedAt, String body, boolean truncated, Optional<String> reason) {
    return new RequestLogEntry(
        KNOWBE4,
        receivedAt,
        false,
        Outcome.REJECTED,
        404,
        Optional.empty(),
        Optional.of("User not found"),
        Optional.of(body),
        truncated,
        reason);
  }

  @Test
  void keepsTheBodyAndTheReasonOfAnEntry() {
    RequestLogEntry entry =
        withBody(
            T0,
            "{\"user\":{\"email\":\"" + UNICODE + SQL_METACHARACTERS + "\"}}",
            false,
            Optional.of("user with email 'bob@acme.test' exists but is inactive (company 'acme')"));
    requestLog().append(entry);

    assertThat(requestLog().latest(KNOWBE4, 1)).containsExactly(entry);
  }

  @Test
  void keepsABodyOfSixtyFourKibibytesOfFourByteCharactersWithItsTruncationMark() {
    // 16,384 emoji: 65,536 bytes of UTF-8, 32,768 UTF-16 chars; MySQL's TEXT would hold 65,535.
    String body = "\uD83D\uDE00".repeat(RequestLogEntry.MAX_BODY_BYTES / 4);
    RequestLogEntry entry = withBody(T0, body, true, Optional.empty());
    requestLog().append(entry);

    RequestLogEntry read = requestLog().latest(KNOWBE4, 1).get(0);
    assertThat(read.body()).hasValue(body);
    assertThat(read.bodyTruncated()).isTrue();
    assertThat(read.reason()).isEmpty();
  }

  @Test
  void keepsAnEntryWithoutBodyOrReason() {
    RequestLogEntry entry = entry(KNOWBE4, T0, 201);
    requestLog().append(entry);

    RequestLogEntry read = requestLog().latest(KNOWBE4, 1).get(0);
    assertThat(read.body()).isEmpty();
    assertThat(read.bodyTruncated()).isFalse();
    assertThat(read.reason()).isEmpty();
  }

  // --- Retention across webhooks ---

  @Test
  void prunesEntriesOfEveryWebhookReceivedBeforeTheCutoff() {
    appendEntries(KNOWBE4, 3); // T0, T0+1s, T0+2s
    List<RequestLogEntry> newer = appendEntries(ARTICULATE, 4);

    int pruned = requestLog().pruneOlderThan(T0.plusSeconds(2), 100);

    assertThat(pruned).isEqualTo(4);
    assertThat(requestLog().latest(KNOWBE4, 10))
        .extracting(RequestLogEntry::receivedAt)
        .containsExactly(T0.plusSeconds(2));
    assertThat(requestLog().latest(ARTICULATE, 10)).containsExactly(newer.get(3), newer.get(2));
  }

  @Test
  void prunesByAgeInBatchesOfAtMostTheBatchSizeOldestFirst() {
    appendEntries(KNOWBE4, 5);

    assertThat(requestLog().pruneOlderThan(T0.plusSeconds(10), 2)).isEqualTo(2);
    assertThat(requestLog().latest(KNOWBE4, 10))
        .extracting(RequestLogEntry::receivedAt)
        .containsExactly(T0.plusSeconds(4), T0.plusSeconds(3), T0.plusSeconds(2));
    assertThat(requestLog().pruneOlderThan(T0.plusSeconds(10), 2)).isEqualTo(2);
    assertThat(requestLog().pruneOlderThan(T0.plusSeconds(10), 2)).isEqualTo(1);
    assertThat(requestLog().pruneOlderThan(T0.plusSeconds(10), 2)).isZero();
    assertThat(requestLog().latest(KNOWBE4, 10)).isEmpty();
  }

  @Test
  void refusesABatchSmallerThanOne() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> requestLog().pruneOlderThan(T0, 0));
  }
}
