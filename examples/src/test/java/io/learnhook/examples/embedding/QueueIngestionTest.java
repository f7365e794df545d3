package io.learnhook.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.LearnHook;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.ingest.IngestOutcome;
import io.learnhook.ingest.IngestOutcome.Reason;
import io.learnhook.management.Actor;
import io.learnhook.management.Actor.Role;
import io.learnhook.management.WebhookAdministration.IssuedKey;
import io.learnhook.management.WebhookAdministration.NewWebhook;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueIngestionTest {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final String ANN_COMPLETED =
      "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},"
          + "\"completed_at\":\"2026-11-24T08:00:00Z\"}";

  private final InMemoryStore store = new InMemoryStore();
  private final BlockingQueue<QueueIngestion.Message> queue = new LinkedBlockingQueue<>();
  private final List<IngestOutcome> outcomes = new ArrayList<>();
  private LearnHook learnHook;
  private IssuedKey key;
  private QueueIngestion consumer;

  @BeforeEach
  void lms() {
    store
        .putCompany(new Company(ACME, true))
        .putUser(
            new User(
                UserId.of("u-ann"), ACME, "ann@acme.test", "Ann", true, Optional.empty(), Map.of()))
        .putItem(
            new Item(
                ItemId.of("i-1"),
                ACME,
                "Phishing 101",
                ItemType.WEB_LINK,
                Optional.of("phishing-101"),
                Optional.of("1000"),
                Optional.of("knowbe4"),
                true));
    store
        .subscriptions()
        .save(
            ReportSubscription.of(
                SubscriptionId.of("s1"), ACME, URI.create("https://hooks.example.com/lms")));
    learnHook = LearnHook.builder().store(store).build();
    key =
        learnHook
            .administration()
            .create(
                new Actor(UserId.of("u-olivia"), ACME, Role.OWNER),
                NewWebhook.of("Broker", "{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}")
                    .withSourceType("knowbe4"));
    consumer =
        new QueueIngestion(queue, learnHook.ingest(), (message, outcome) -> outcomes.add(outcome));
  }

  private void send(String key, String json) {
    queue.add(new QueueIngestion.Message(key, json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void recordsACompletionFromTheQueueAndQueuesItsReport() {
    send(key.key().reveal(), ANN_COMPLETED);

    assertThat(consumer.drain()).isEqualTo(1);

    assertThat(outcomes).singleElement().isInstanceOf(IngestOutcome.Recorded.class);
    IngestOutcome.Recorded recorded = (IngestOutcome.Recorded) outcomes.get(0);
    assertThat(recorded.completion().user()).isEqualTo(UserId.of("u-ann"));
    assertThat(recorded.completion().item()).isEqualTo(ItemId.of("i-1"));
    assertThat(store.allCompletions()).containsExactly(recorded.completion());
    assertThat(store.allDeliveries())
        .singleElement()
        .satisfies(
            delivery -> {
              assertThat(delivery.subscription()).isEqualTo(SubscriptionId.of("s1"));
              assertThat(delivery.completion()).isEqualTo(recorded.completion().id());
              assertThat(delivery.state()).isEqualTo(DeliveryState.PENDING);
            });
  }

  @Test
  void recordsTheSameCompletionSentTwiceOnce() {
    send(key.key().reveal(), ANN_COMPLETED);
    send(key.key().reveal(), ANN_COMPLETED);

    consumer.drain();

    assertThat(outcomes).hasSize(2).first().isInstanceOf(IngestOutcome.Recorded.class);
    assertThat(outcomes.get(1)).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(((IngestOutcome.Duplicate) outcomes.get(1)).first())
        .isEqualTo(((IngestOutcome.Recorded) outcomes.get(0)).completion());
    assertThat(store.allCompletions()).hasSize(1);
    assertThat(store.allDeliveries()).extracting(Delivery::id).hasSize(1);
  }

  @Test
  void givesARefusedMessageItsReasonAndRecordsNothing() {
    send("not-a-key", ANN_COMPLETED);
    send(
        key.key().reveal(),
        "{\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":\"1000\"}}");
    send(key.key().reveal(), "{\"user\":");

    consumer.drain();

    assertThat(outcomes)
        .extracting(outcome -> ((IngestOutcome.Refused) outcome).reason())
        .containsExactly(Reason.INVALID_KEY, Reason.USER_NOT_FOUND, Reason.MALFORMED_BODY);
    assertThat(store.allCompletions()).isEmpty();
    assertThat(store.allDeliveries()).isEmpty();
  }

  @Test
  void writesTheRequestLogOfEachMessageOfAKnownWebhook() {
    send(key.key().reveal(), ANN_COMPLETED);
    send(
        key.key().reveal(),
        "{\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":\"1000\"}}");

    consumer.drain();

    List<RequestLogEntry> log = learnHook.requestLog(key.webhook().id(), 10);
    assertThat(log)
        .extracting(RequestLogEntry::outcome)
        .containsExactlyInAnyOrder(Outcome.RECORDED, Outcome.REJECTED);
    assertThat(log)
        .filteredOn(entry -> entry.outcome() == Outcome.RECORDED)
        .singleElement()
        .satisfies(
            entry ->
                assertThat(entry.mappedFields())
                    .hasValueSatisfying(fields -> assertThat(fields).contains("ann@acme.test")));
    assertThat(log)
        .filteredOn(entry -> entry.outcome() == Outcome.REJECTED)
        .singleElement()
        .satisfies(
            entry ->
                assertThat(entry.error())
                    .hasValueSatisfying(error -> assertThat(error).contains("User not found")));
  }

  @Test
  void stopsWhenItsThreadIsInterrupted() throws InterruptedException {
    Thread thread = new Thread(consumer);
    thread.start();
    send(key.key().reveal(), ANN_COMPLETED);

    thread.interrupt();
    thread.join(5_000);

    assertThat(thread.isAlive()).isFalse();
  }
}
