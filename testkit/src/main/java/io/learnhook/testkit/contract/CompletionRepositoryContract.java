package io.learnhook.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.completion.RecordResult;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.spi.CompletionRepository;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link CompletionRepository}; extend it to run it against an adapter. A
 * completion is stored once: the same event from the same webhook, or the same user, item and
 * completion time, is the same completion, and every later report of it gets the first one back.
 */
public abstract class CompletionRepositoryContract extends PortContract {
  private static final int THREADS = 50;

  /** Several races, each of another completion: one race may by chance run its threads in turn. */
  private static final int RACE_ROUNDS = 5;

  private static final UserId ANN = UserId.of("u1");
  private static final UserId BOB = UserId.of("u2");
  private static final ItemId PHISHING = ItemId.of("i1");
  private static final WebhookId KNOWBE4 = WebhookId.of("w1");
  private static final WebhookId ARTICULATE = WebhookId.of("w2");

  /** The completion repository under test, the same one throughout a test. */
  protected abstract CompletionRepository completions();

  /**
   * Puts a company where your storage keeps it, for storage that refuses completions naming an
   * unknown company. Does nothing unless overridden.
   */
  protected void putCompany(Company company) {}

  /**
   * Puts a user where your storage keeps it, for storage that refuses completions naming an unknown
   * user. Does nothing unless overridden.
   */
  protected void putUser(User user) {}

  /**
   * Puts an item where your storage keeps it, for storage that refuses completions naming an
   * unknown item. Does nothing unless overridden.
   */
  protected void putItem(Item item) {}

  /**
   * Puts a webhook where your storage keeps it, for storage that refuses completions naming an
   * unknown webhook. Does nothing unless overridden.
   */
  protected void saveWebhook(Webhook webhook) {}

  /** Adapters that enforce references find the user, item and webhook every completion names. */
  @BeforeEach
  void seedDirectoryAndWebhooks() {
    for (CompanyId company : List.of(ACME, GLOBEX)) {
      putCompany(new Company(company, true));
      for (UserId user : List.of(ANN, BOB)) {
        putUser(
            new User(
                user,
                company,
                user + "@" + company + ".test",
                "User " + user,
                true,
                Optional.empty(),
                Map.of()));
      }
      putItem(
          new Item(
              PHISHING,
              company,
              "Phishing 101",
              ItemType.WEB_LINK,
              Optional.empty(),
              Optional.of("1000"),
              Optional.empty(),
              true));
    }
    saveWebhook(webhook(ACME, KNOWBE4.value(), "KnowBe4"));
    saveWebhook(webhook(ACME, ARTICULATE.value(), "Articulate"));
  }

  private static Completion fromWebhook(WebhookId webhook, String eventId, Instant completedAt) {
    return new Completion(
        CompletionId.random(),
        ACME,
        ANN,
        PHISHING,
        Optional.of(webhook),
        Optional.of(eventId),
        completedAt,
        T0.plusSeconds(5),
        Optional.of("PASS"),
        Optional.of(new BigDecimal("87.5")),
        Optional.of(600L));
  }

  private static Completion withoutEvent(CompanyId company, UserId user, Instant completedAt) {
    return new Completion(
        CompletionId.random(),
        company,
        user,
        PHISHING,
        Optional.empty(),
        Optional.empty(),
        completedAt,
        T0.plusSeconds(5),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private Optional<Completion> stored(CompletionId id) {
    return completions().findById(id).map(PortContract::content);
  }

  @Test
  void recordsANewCompletion() {
    Completion candidate = fromWebhook(KNOWBE4, "evt-1", T0);

    RecordResult result = completions().recordIfAbsent(candidate);

    assertThat(result.created()).isTrue();
    assertThat(content(result.completion())).isEqualTo(content(candidate));
    assertThat(stored(candidate.id())).contains(content(candidate));
  }

  @Test
  void recordsOnceWhenTheSameEventArrivesTwice() {
    Completion first = fromWebhook(KNOWBE4, "evt-1", T0);
    Completion again = fromWebhook(KNOWBE4, "evt-1", T0.plusSeconds(30));
    completions().recordIfAbsent(first);

    RecordResult result = completions().recordIfAbsent(again);

    assertThat(result.created()).isFalse();
    assertThat(content(result.completion())).isEqualTo(content(first));
    assertThat(completions().findById(again.id())).isEmpty();
  }

  @Test
  void recordsOnceWhenTheSameUserItemAndTimeArriveTwice() {
    Completion first = withoutEvent(ACME, ANN, T0);
    Completion again = withoutEvent(ACME, ANN, T0);
    completions().recordIfAbsent(first);

    RecordResult result = completions().recordIfAbsent(again);

    assertThat(result.created()).isFalse();
    assertThat(content(result.completion())).isEqualTo(content(first));
    assertThat(completions().findById(again.id())).isEmpty();
  }

  @Test
  void recognisesTheSameUserItemAndTimeUnderAnotherEventId() {
    Completion first = fromWebhook(KNOWBE4, "evt-1", T0);
    Completion again = fromWebhook(KNOWBE4, "evt-2", T0);
    completions().recordIfAbsent(first);

    RecordResult result = completions().recordIfAbsent(again);

    assertThat(result.created()).isFalse();
    assertThat(result.completion().id()).isEqualTo(first.id());
  }

  @Test
  void recognisesTheSameUserItemAndTimeReportedByTheLmsAfterAWebhook() {
    Completion first = fromWebhook(KNOWBE4, "evt-1", T0);
    completions().recordIfAbsent(first);

    RecordResult result = completions().recordIfAbsent(withoutEvent(ACME, ANN, T0));

    assertThat(result.created()).isFalse();
    assertThat(result.completion().id()).isEqualTo(first.id());
  }

  @Test
  void recordsANewCompletionWhenTheTimeDiffers() {
    Completion first = withoutEvent(ACME, ANN, T0);
    Completion later = withoutEvent(ACME, ANN, T0.plusNanos(1_000));
    completions().recordIfAbsent(first);

    RecordResult result = completions().recordIfAbsent(later);

    assertThat(result.created()).isTrue();
    assertThat(stored(first.id())).contains(content(first));
    assertThat(stored(later.id())).contains(content(later));
  }

  @Test
  void recordsANewCompletionForTheSameEventIdFromAnotherWebhook() {
    Completion fromKnowBe4 = fromWebhook(KNOWBE4, "evt-1", T0);
    Completion fromArticulate = fromWebhook(ARTICULATE, "evt-1", T0.plusSeconds(30));
    completions().recordIfAbsent(fromKnowBe4);

    RecordResult result = completions().recordIfAbsent(fromArticulate);

    assertThat(result.created()).isTrue();
    assertThat(stored(fromArticulate.id())).contains(content(fromArticulate));
  }

  @Test
  void recordsANewCompletionForAnotherUserAtTheSameTime() {
    completions().recordIfAbsent(withoutEvent(ACME, ANN, T0));

    RecordResult result = completions().recordIfAbsent(withoutEvent(ACME, BOB, T0));

    assertThat(result.created()).isTrue();
  }

  @Test
  void keepsCompaniesApartWhenTheirIdsCoincide() {
    completions().recordIfAbsent(withoutEvent(ACME, ANN, T0));
    Completion globex = withoutEvent(GLOBEX, ANN, T0);

    RecordResult result = completions().recordIfAbsent(globex);

    assertThat(result.created()).isTrue();
    assertThat(stored(globex.id())).contains(content(globex));
  }

  @Test
  void findSameAsFindsTheFirstCompletionAndWritesNothing() {
    Completion first = fromWebhook(KNOWBE4, "evt-1", T0);
    Completion unseen = fromWebhook(KNOWBE4, "evt-2", T0.plusSeconds(60));
    completions().recordIfAbsent(first);

    assertThat(
            completions()
                .findSameAs(fromWebhook(KNOWBE4, "evt-1", T0.plusSeconds(1)))
                .map(PortContract::content))
        .contains(content(first));
    assertThat(completions().findSameAs(withoutEvent(ACME, ANN, T0)).map(PortContract::content))
        .contains(content(first));
    assertThat(completions().findSameAs(unseen)).isEmpty();
    assertThat(completions().findById(unseen.id())).isEmpty();
    assertThat(completions().recordIfAbsent(unseen).created()).isTrue();
  }

  @Test
  void findsNothingForAnUnknownId() {
    completions().recordIfAbsent(fromWebhook(KNOWBE4, "evt-1", T0));

    assertThat(completions().findById(CompletionId.random())).isEmpty();
  }

  @Test
  void keepsEveryOptionalFieldWhenPresent() {
    Completion full =
        new Completion(
            CompletionId.random(),
            ACME,
            ANN,
            PHISHING,
            Optional.of(KNOWBE4),
            Optional.of("evt-1"),
            T0,
            T0.plusSeconds(5),
            Optional.of("FAIL"),
            Optional.of(new BigDecimal("33.3333")),
            Optional.of(3723L));

    completions().recordIfAbsent(full);

    Completion found = completions().findById(full.id()).orElseThrow();
    assertThat(content(found)).isEqualTo(content(full));
    assertThat(found.webhook()).contains(KNOWBE4);
    assertThat(found.eventId()).contains("evt-1");
    assertThat(found.result()).contains("FAIL");
    assertThat(found.score())
        .hasValueSatisfying(score -> assertThat(score).isEqualByComparingTo("33.3333"));
    assertThat(found.totalTimeSeconds()).contains(3723L);
  }

  @Test
  void keepsEveryOptionalFieldWhenAbsent() {
    Completion bare = withoutEvent(ACME, ANN, T0);

    completions().recordIfAbsent(bare);

    Completion found = completions().findById(bare.id()).orElseThrow();
    assertThat(found.webhook()).isEmpty();
    assertThat(found.eventId()).isEmpty();
    assertThat(found.result()).isEmpty();
    assertThat(found.score()).isEmpty();
    assertThat(found.totalTimeSeconds()).isEmpty();
    assertThat(content(found)).isEqualTo(content(bare));
  }

  @Test
  void keepsScoresAndTimesAtTheirLimits() {
    List<Completion> candidates = new ArrayList<>();
    String[] scores = {"0", "100", "0.0001", "99.9999", "87.50"};
    for (int i = 0; i < scores.length; i++) {
      candidates.add(
          new Completion(
              CompletionId.random(),
              ACME,
              ANN,
              PHISHING,
              Optional.empty(),
              Optional.empty(),
              T0.plusSeconds(i),
              T0,
              Optional.empty(),
              Optional.of(new BigDecimal(scores[i])),
              Optional.of(i == 0 ? 0L : Long.MAX_VALUE)));
    }

    candidates.forEach(completions()::recordIfAbsent);

    for (Completion candidate : candidates) {
      assertThat(stored(candidate.id())).contains(content(candidate));
    }
  }

  @Test
  void keepsTheCompletionTimeToTheMicrosecondWhateverOffsetItWasWrittenIn() {
    Instant withNanos = OffsetDateTime.parse("2024-03-31T02:30:00.123456789+05:45").toInstant();
    Completion candidate = withoutEvent(ACME, ANN, withNanos);

    completions().recordIfAbsent(candidate);

    assertThat(completions().findById(candidate.id()).orElseThrow().completedAt())
        .isEqualTo(Instant.parse("2024-03-30T20:45:00.123456Z"));
    Completion sameInstantOtherOffset =
        withoutEvent(
            ACME, ANN, OffsetDateTime.parse("2024-03-30T11:45:00.123456-09:00").toInstant());
    assertThat(completions().recordIfAbsent(sameInstantOtherOffset).completion().id())
        .isEqualTo(candidate.id());
  }

  @Test
  void keepsTheInstantWhateverTheDefaultTimeZoneOfTheJvm() {
    TimeZone original = TimeZone.getDefault();
    Completion candidate = withoutEvent(ACME, ANN, Instant.parse("2024-03-31T01:30:00.000001Z"));
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Europe/London"));
      completions().recordIfAbsent(candidate);
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));

      assertThat(completions().findById(candidate.id()).orElseThrow().completedAt())
          .isEqualTo(Instant.parse("2024-03-31T01:30:00.000001Z"));
    } finally {
      TimeZone.setDefault(original);
    }
  }

  @Test
  void keepsSqlMetacharactersAndUnicodeExactly() {
    String eventId = SQL_METACHARACTERS + UNICODE;
    Completion candidate =
        new Completion(
            CompletionId.of(SQL_METACHARACTERS),
            CompanyId.of(UNICODE),
            UserId.of(SQL_METACHARACTERS),
            ItemId.of(UNICODE),
            Optional.of(WebhookId.of(UNICODE)),
            Optional.of(eventId),
            T0,
            T0,
            Optional.of("BESTANDEN ✓ " + SQL_METACHARACTERS),
            Optional.of(new BigDecimal("50")),
            Optional.of(1L));

    completions().recordIfAbsent(candidate);

    assertThat(stored(candidate.id())).contains(content(candidate));
    assertThat(
            completions()
                .recordIfAbsent(fromWebhookOf(candidate, T0.plusSeconds(9)))
                .completion()
                .id())
        .isEqualTo(candidate.id());
  }

  @Test
  void keepsIdsOfTheLongestLength() {
    Completion candidate =
        new Completion(
            CompletionId.of(LONGEST_ID),
            CompanyId.of(LONGEST_ID),
            UserId.of(LONGEST_ID),
            ItemId.of(LONGEST_ID),
            Optional.of(WebhookId.of(LONGEST_ID)),
            Optional.of(LONGEST_ID),
            T0,
            T0,
            Optional.of(LONGEST_ID),
            Optional.empty(),
            Optional.empty());

    completions().recordIfAbsent(candidate);

    assertThat(stored(candidate.id())).contains(content(candidate));
    assertThat(completions().findSameAs(fromWebhookOf(candidate, T0.plusSeconds(9))))
        .map(Completion::id)
        .contains(candidate.id());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void recordsExactlyOnceWhenFiftyThreadsReportTheSameEventAtOnce() throws Exception {
    for (int round = 0; round < RACE_ROUNDS; round++) {
      String eventId = "evt-race-" + round;
      Instant base = T0.plusSeconds(1000L * round);
      List<RecordResult> results =
          recordConcurrently(i -> fromWebhook(KNOWBE4, eventId, base.plusSeconds(i)));

      assertRecordedExactlyOnce(results);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void recordsExactlyOnceWhenFiftyThreadsReportTheSameUserItemAndTimeAtOnce() throws Exception {
    for (int round = 0; round < RACE_ROUNDS; round++) {
      Instant completedAt = T0.plusSeconds(round);
      List<RecordResult> results = recordConcurrently(i -> withoutEvent(ACME, ANN, completedAt));

      assertRecordedExactlyOnce(results);
    }
  }

  private static void assertRecordedExactlyOnce(List<RecordResult> results) {
    assertThat(results).hasSize(THREADS);
    assertThat(results).filteredOn(RecordResult::created).hasSize(1);
    CompletionId winner =
        results.stream().filter(RecordResult::created).findFirst().orElseThrow().completion().id();
    assertThat(results).extracting(r -> r.completion().id()).containsOnly(winner);
  }

  private List<RecordResult> recordConcurrently(IntFunction<Completion> candidate)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch ready = new CountDownLatch(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<RecordResult>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        Completion mine = candidate.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  start.await();
                  return completions().recordIfAbsent(mine);
                }));
      }
      // Every thread waits at the gate, so the inserts really race instead of running in turn.
      ready.await();
      start.countDown();
      List<RecordResult> results = new ArrayList<>();
      for (Future<RecordResult> future : futures) {
        results.add(future.get(50, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The same event as {@code original}, reported again with another id and completion time. */
  private static Completion fromWebhookOf(Completion original, Instant completedAt) {
    return new Completion(
        CompletionId.random(),
        original.company(),
        original.user(),
        original.item(),
        original.webhook(),
        original.eventId(),
        completedAt,
        completedAt,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
