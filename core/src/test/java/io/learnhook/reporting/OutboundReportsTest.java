package io.learnhook.reporting;

import static io.learnhook.ingest.Calls.kind;
import static io.learnhook.reporting.DeliveryFixture.ACME;
import static io.learnhook.reporting.DeliveryFixture.ANN;
import static io.learnhook.reporting.DeliveryFixture.GLOBEX;
import static io.learnhook.reporting.DeliveryFixture.HOOK;
import static io.learnhook.reporting.DeliveryFixture.PHISHING;
import static io.learnhook.reporting.DeliveryFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.LearnHook;
import io.learnhook.completion.Completion;
import io.learnhook.completion.NewCompletion;
import io.learnhook.completion.RecordResult;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.UserId;
import io.learnhook.ingest.Calls;
import io.learnhook.ingest.IngestOutcome;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.ReportDetails.CompletionDetails;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What enqueues a report, and what it says: when a lesson is completed, its report is POSTed to
 * each enabled subscriber of the company.
 */
class OutboundReportsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final WebhookKey KEY = WebhookKey.of("11111111-1111-4111-8111-111111111111");

  private static IngestOutcome post(LearnHook learnHook, String body) {
    return Calls.post(learnHook, KEY, body);
  }

  private static void webhook(DeliveryFixture lms) {
    lms.store
        .webhooks()
        .save(
            new Webhook(
                WebhookId.of("w1"),
                ACME,
                "KnowBe4",
                KEY.hash(),
                FieldMapping.parse(
                    "{\"email\":\"user.email\",\"source_id\":\"lesson.id\",\"score\":\"score\",\"event_id\":\"id\"}"),
                Optional.of("knowbe4"),
                T0,
                T0));
  }

  private static final String PAYLOAD =
      "{\"id\":\"evt-1\",\"user\":{\"email\":\"ANN@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"score\":87.5}";

  @Test
  void aCompletionFromTheIncomingWebhookEnqueuesOneReportPerEnabledSubscription() {
    DeliveryFixture lms = new DeliveryFixture();
    lms.learnHook
        .deliveries()
        .saveSubscription(DeliveryFixture.subscription(SubscriptionId.of("s-second")));
    lms.learnHook
        .deliveries()
        .saveSubscription(
            DeliveryFixture.subscription(SubscriptionId.of("s-off")).withEnabled(false));
    lms.learnHook
        .deliveries()
        .saveSubscription(
            ReportSubscription.of(
                SubscriptionId.of("s-globex"), GLOBEX, URI.create("https://globex.test/h")));
    webhook(lms);

    IngestOutcome response = post(lms.learnHook, PAYLOAD);

    assertThat(kind(response)).isEqualTo("RECORDED");
    assertThat(lms.store.allDeliveries())
        .extracting(Delivery::subscription)
        .containsExactlyInAnyOrder(HOOK, SubscriptionId.of("s-second"));
    assertThat(lms.store.allDeliveries())
        .allSatisfy(
            d -> {
              assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
              assertThat(d.company()).isEqualTo(ACME);
              assertThat(d.completion()).isEqualTo(lms.store.allCompletions().get(0).id());
              assertThat(d.nextAttemptAt()).isEqualTo(T0);
            });
    assertThat(lms.store.allDeliveries()).extracting(Delivery::id).doesNotHaveDuplicates();
  }

  @Test
  void theSameCompletionSentAgainEnqueuesNothingMore() {
    DeliveryFixture lms = new DeliveryFixture();
    webhook(lms);
    post(lms.learnHook, PAYLOAD);

    IngestOutcome again = post(lms.learnHook, PAYLOAD);

    assertThat(kind(again)).isEqualTo("DUPLICATE");
    assertThat(lms.store.allDeliveries()).hasSize(1);
  }

  @Test
  void aCompletionTheLmsRecordsItselfEnqueuesReportsToo() {
    DeliveryFixture lms = new DeliveryFixture();

    RecordResult result =
        lms.learnHook.record(
            NewCompletion.of(ACME, ANN, PHISHING, Instant.parse("2026-11-24T09:00:00Z"))
                .withScore(new BigDecimal("100")));

    Delivery delivery = lms.only();
    assertThat(delivery.completion()).isEqualTo(result.completion().id());
    assertThat(delivery.subscription()).isEqualTo(HOOK);
  }

  @Test
  void theReportSaysWhoCompletedWhatWithTheLmsDetails() throws Exception {
    DeliveryFixture lms =
        new DeliveryFixture(
            c ->
                CompletionDetails.none()
                    .withStartedAt(Instant.parse("2026-11-24T08:30:00Z"))
                    .withAssignedAt(Instant.parse("2026-11-01T00:00:00Z"))
                    .withReportCardUrl("https://lms.acme.test/report_cards/" + c.user())
                    .withRetakeScore(80));
    webhook(lms);

    post(lms.learnHook, PAYLOAD);

    JsonNode report = JSON.readTree(lms.only().payload());
    assertThat(report.toString())
        .isEqualTo(
            "{\"user\":{\"ext_uid\":\"E-1\",\"id\":\"u-ann\",\"name\":\"Ann\",\"email\":\"ann@acme.test\","
                + "\"custom_fields\":{\"Team\":\"Blue\"}},\"lesson\":{\"id\":\"i-phish\",\"title\":\"Phishing 101\","
                + "\"retake_score\":80},\"score\":0.875,\"score_percent\":87.5,\"started_at\":\"2026-11-24T08:30:00Z\","
                + "\"completed_at\":\"2026-11-25T10:00:00Z\",\"assigned_at\":\"2026-11-01T00:00:00Z\","
                + "\"report_card_url\":\"https://lms.acme.test/report_cards/u-ann\"}");
  }

  @Test
  void aFailingReportDetailsStillReportsTheCompletion() throws Exception {
    DeliveryFixture lms =
        new DeliveryFixture(
            c -> {
              throw new IllegalStateException("LMS lookup broke");
            });

    lms.complete(T0);

    JsonNode report = JSON.readTree(lms.only().payload());
    assertThat(report.get("started_at").isNull()).isTrue();
    assertThat(report.get("lesson").get("retake_score").isNull()).isTrue();
  }

  @Test
  void recordingForAUserNobodyKnowsWritesNothing() {
    DeliveryFixture lms = new DeliveryFixture();

    assertThatThrownBy(
            () -> lms.learnHook.record(NewCompletion.of(ACME, UserId.of("u-ghost"), PHISHING, T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("u-ghost");

    assertThat(lms.store.allCompletions()).isEmpty();
    assertThat(lms.store.allDeliveries()).isEmpty();
  }

  @Test
  void aCompanyWithoutSubscribersRecordsWithoutLookingAnythingUp() {
    DeliveryFixture lms = new DeliveryFixture();
    lms.learnHook.deliveries().deleteSubscription(HOOK);

    RecordResult result =
        lms.learnHook.record(NewCompletion.of(ACME, UserId.of("u-elsewhere"), PHISHING, T0));

    assertThat(result.created()).isTrue();
    assertThat(lms.store.allDeliveries()).isEmpty();
  }

  @Test
  void whenTheOutboxIsUnreachableTheWebhookAnswers503AndNothingIsWritten() {
    DeliveryFixture base = new DeliveryFixture();
    webhook(base);
    DeliveryOutbox real = base.store.outbox();
    DeliveryOutbox down =
        (DeliveryOutbox)
            Proxy.newProxyInstance(
                DeliveryOutbox.class.getClassLoader(),
                new Class<?>[] {DeliveryOutbox.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("enqueue")) {
                    throw new StorageUnavailableException("outbox unreachable", null);
                  }
                  return method.invoke(real, args);
                });
    List<Completion> heard = new ArrayList<>();
    LearnHook learnHook =
        LearnHook.builder()
            .store(base.store)
            .outbox(down)
            .clock(base.clock)
            .listener(heard::add)
            .build();

    IngestOutcome response = post(learnHook, PAYLOAD);

    assertThat(kind(response)).isEqualTo("STORAGE_UNAVAILABLE");
    assertThat(((IngestOutcome.Refused) response).retryAfter()).isPresent();
    assertThat(base.store.allCompletions())
        .as("the completion was rolled back with its report")
        .isEmpty();
    assertThat(base.store.allDeliveries()).isEmpty();
    assertThat(heard).as("listeners hear only of committed completions").isEmpty();

    IngestOutcome retried = post(base.learnHook, PAYLOAD);
    assertThat(kind(retried)).isEqualTo("RECORDED");
    assertThat(base.store.allDeliveries()).hasSize(1);
  }
}
