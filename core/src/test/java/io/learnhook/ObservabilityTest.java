package io.learnhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.LearnHook.Health;
import io.learnhook.completion.NewCompletion;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.ingest.CompletionIngest.RequestBody;
import io.learnhook.ingest.IngestOutcome;
import io.learnhook.logcheck.Capture;
import io.learnhook.logcheck.CapturedLine;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.reporting.DeliveryWorkers;
import io.learnhook.spi.ReportTransport;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * What the engine tells observers and the log, and what {@link LearnHook#health()} finds: the
 * engine side of operating LearnHook (learnhook-micrometer and learnhook-http's health endpoints
 * build on it).
 */
class ObservabilityTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final UserId ANN = UserId.of("u-ann");
  private static final ItemId PHISHING = ItemId.of("i-phish");
  private static final WebhookKey KEY = WebhookKey.generate();
  private static final String CALL =
      "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},"
          + "\"completed_at\":\"2026-12-01T09:00:00Z\"}";

  /** Unique per test: the log capture is shared by the whole test JVM. */
  private final WebhookId webhook = WebhookId.of("w-" + UUID.randomUUID());

  private final InMemoryStore store = new InMemoryStore();
  private final SwitchedDatabase database = new SwitchedDatabase(store.transactions());
  private final Recording recording = new Recording();
  private final CountDownLatch hung = new CountDownLatch(1);
  private DeliveryWorkers workers;

  ObservabilityTest() {
    store.putCompany(new Company(ACME, true));
    store.putUser(new User(ANN, ACME, "ann@acme.test", "Ann", true, Optional.empty(), Map.of()));
    store.putItem(
        new Item(
            PHISHING,
            ACME,
            "Phishing 101",
            ItemType.WEB_LINK,
            Optional.empty(),
            Optional.of("1000"),
            Optional.empty(),
            true));
    store
        .webhooks()
        .save(
            new Webhook(
                webhook,
                ACME,
                "KnowBe4",
                KEY.hash(),
                FieldMapping.parse("{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}"),
                Optional.empty(),
                T0,
                T0));
  }

  @AfterEach
  void stop() {
    hung.countDown();
    if (workers != null) {
      workers.close();
    }
  }

  private LearnHook.Builder engine() {
    return LearnHook.builder().store(store).transactions(database);
  }

  @Test
  void observersHearEachCallsOutcomeEveryNewCompletionAndEachDeliveryOutcome() {
    LearnHook learnHook = engine().observer(recording).build();
    learnHook
        .deliveries()
        .saveSubscription(
            ReportSubscription.of(SubscriptionId.of("s1"), ACME, URI.create("https://h.test/x")));

    post(learnHook, Optional.of(KEY), CALL);
    post(learnHook, Optional.of(KEY), CALL);
    post(learnHook, Optional.of(WebhookKey.generate()), CALL);
    learnHook.record(NewCompletion.of(ACME, ANN, PHISHING, T0));
    learnHook.deliveries().workers(new Answering(200)).build().runOnce();

    assertThat(recording.events)
        .containsExactly(
            "completion",
            "call recorded",
            "call duplicate",
            "call invalid_key",
            "completion",
            "delivery delivered timed",
            "delivery delivered timed");
  }

  @Test
  void anObserverThatThrowsNeverBreaksACallAndIsLoggedOnce() {
    LearnHook.Observer broken =
        new LearnHook.Observer() {
          @Override
          public void webhookCall(String outcome) {
            throw new IllegalStateException("metrics backend gone " + webhook);
          }
        };
    LearnHook learnHook = engine().observer(broken).observer(recording).build();

    IngestOutcome first = post(learnHook, Optional.of(KEY), CALL);
    IngestOutcome second = post(learnHook, Optional.of(KEY), CALL);

    assertThat(first).isInstanceOf(IngestOutcome.Recorded.class);
    assertThat(second).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(recording.events).contains("call recorded", "call duplicate");
    assertThat(Capture.get().lines())
        .filteredOn(line -> line.text().contains("metrics backend gone " + webhook))
        .hasSize(1)
        .allSatisfy(line -> assertThat(line.level()).isEqualTo("ERROR"));
  }

  @Test
  void linesLoggedDuringACallNameItsWebhookAndCompanyOnceTheKeyIsAccepted() {
    LearnHook learnHook = engine().build();
    String unknownItem =
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"no-such-lesson\"}}";

    post(learnHook, Optional.of(KEY), unknownItem);
    post(learnHook, Optional.of(WebhookKey.generate()), unknownItem);

    List<CapturedLine> named =
        Capture.get().lines().stream()
            .filter(line -> webhook.value().equals(line.mdc().get("webhook_id")))
            .toList();
    assertThat(named).isNotEmpty();
    assertThat(named)
        .allSatisfy(line -> assertThat(line.mdc()).containsEntry("company_id", ACME.value()));
    assertThat(named).anySatisfy(line -> assertThat(line.text()).contains("No item matched"));
    assertThat(MDC.get("webhook_id")).as("cleared after the call").isNull();
    assertThat(MDC.get("company_id")).isNull();
  }

  @Test
  void theCallersOwnMdcEntriesOfTheSameNameSurviveACall() {
    LearnHook learnHook = engine().build();
    MDC.put("company_id", "the-app's-own");
    try {
      post(learnHook, Optional.of(KEY), CALL);

      assertThat(MDC.get("company_id")).isEqualTo("the-app's-own");
    } finally {
      MDC.remove("company_id");
    }
  }

  @Test
  void healthIsUpWhenTheDatabaseAnswersAndNoWorkersWereStarted() {
    assertThat(engine().build().health()).isEqualTo(new Health(Health.State.UP, Health.State.UP));
  }

  @Test
  void healthSaysTheDatabaseIsDownWhenItDoesNotAnswerOrFails() {
    LearnHook learnHook = engine().build();

    database.answer(() -> false);
    assertThat(learnHook.health().database()).isEqualTo(Health.State.DOWN);
    database.answer(
        () -> {
          throw new io.learnhook.spi.StorageException.StorageUnavailableException("gone", null);
        });
    assertThat(learnHook.health().database()).isEqualTo(Health.State.DOWN);
    database.answer(() -> true);
    assertThat(learnHook.health().up()).isTrue();
  }

  @Test
  void healthGivesUpOnAHungDatabaseAfterTwoSeconds() {
    LearnHook learnHook = engine().build();
    database.answer(
        () -> {
          try {
            hung.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return true;
        });

    long start = System.nanoTime();
    Health health = learnHook.health();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(health.database()).isEqualTo(Health.State.DOWN);
    assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofMillis(3000));
  }

  @Test
  void healthSaysTheDeliveryWorkersAreDownOnceStartedWorkersStop() {
    LearnHook learnHook = engine().build();
    workers = learnHook.deliveries().workers(new Answering(200)).start();
    assertThat(learnHook.health().deliveryWorkers()).isEqualTo(Health.State.UP);

    workers.close();

    assertThat(learnHook.health())
        .isEqualTo(new Health(Health.State.UP, Health.State.DOWN))
        .satisfies(h -> assertThat(h.up()).isFalse());
  }

  private static IngestOutcome post(LearnHook learnHook, Optional<WebhookKey> key, String body) {
    return learnHook
        .ingest()
        .ingest(
            key, Optional.empty(), false, RequestBody.of(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes down what it hears, as short words. */
  private static final class Recording implements LearnHook.Observer {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void webhookCall(String outcome) {
      events.add("call " + outcome);
    }

    @Override
    public void completionRecorded() {
      events.add("completion");
    }

    @Override
    public void deliveryFinished(String outcome, Optional<Duration> duration) {
      events.add("delivery " + outcome + (duration.isPresent() ? " timed" : ""));
    }
  }

  /** Answers every report with one status. */
  private record Answering(int status) implements ReportTransport {
    @Override
    public TransportResponse send(ReportRequest request) {
      return new TransportResponse(status, Optional.empty(), "");
    }

    @Override
    public Duration timeout() {
      return Duration.ofSeconds(5);
    }
  }
}
