package io.learnhook.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.ingest.CompletionIngest.RequestBody;
import io.learnhook.ingest.IngestOutcome.Reason;
import io.learnhook.ingest.IngestOutcome.Refused;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.ratelimit.RateLimits.RateLimit;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The ingest use case's rules as outcomes, without HTTP (learnhook-http's tests assert the answers
 * each outcome gets).
 */
class CompletionIngestTest {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final CompanyId OFF = CompanyId.of("off");
  private static final WebhookKey KEY = WebhookKey.of("11111111-1111-4111-8111-111111111111");
  private static final WebhookKey OFF_KEY = WebhookKey.of("33333333-3333-4333-8333-333333333333");
  private static final WebhookId WEBHOOK = WebhookId.of("wh-acme");
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final String ANN =
      "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"}}";

  private final InMemoryStore store = new InMemoryStore();

  private LearnHook learnHook(IngestLimits limits, RateLimits rateLimits) {
    store.putCompany(new Company(ACME, true)).putCompany(new Company(OFF, false));
    store.putUser(
        new User(
            UserId.of("u-ann"), ACME, "ann@acme.test", "Ann", true, Optional.empty(), Map.of()));
    store.putItem(
        new Item(
            ItemId.of("i-1"),
            ACME,
            "Phishing",
            ItemType.WEB_LINK,
            Optional.empty(),
            Optional.of("1000"),
            Optional.empty(),
            true));
    FieldMapping mapping =
        FieldMapping.parse("{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}");
    store
        .webhooks()
        .save(new Webhook(WEBHOOK, ACME, "w", KEY.hash(), mapping, Optional.empty(), NOW, NOW));
    store
        .webhooks()
        .save(
            new Webhook(
                WebhookId.of("wh-off"),
                OFF,
                "w",
                OFF_KEY.hash(),
                mapping,
                Optional.empty(),
                NOW,
                NOW));
    return LearnHook.builder()
        .store(store)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .limits(limits)
        .rateLimits(rateLimits)
        .build();
  }

  private LearnHook learnHook() {
    return learnHook(IngestLimits.defaults(), RateLimits.defaults());
  }

  private static RequestBody body(String json) {
    return RequestBody.of(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void checksTheKeyBeforeReadingAnyByteOfTheBody() {
    AtomicInteger reads = new AtomicInteger();
    RequestBody counted =
        max -> {
          reads.incrementAndGet();
          return Optional.of(ANN.getBytes(StandardCharsets.UTF_8));
        };
    CompletionIngest ingest = learnHook().ingest();

    IngestOutcome none = ingest.ingest(Optional.empty(), Optional.empty(), false, counted);
    IngestOutcome unknown =
        ingest.ingest(Optional.of(WebhookKey.generate()), Optional.empty(), false, counted);
    IngestOutcome otherTenant =
        ingest.ingest(Optional.of(KEY), Optional.of(CompanyId.of("globex")), false, counted);
    IngestOutcome disabled = ingest.ingest(Optional.of(OFF_KEY), Optional.empty(), false, counted);

    assertThat(List.of(none, unknown, otherTenant))
        .allSatisfy(o -> assertThat(((Refused) o).reason()).isEqualTo(Reason.INVALID_KEY));
    assertThat(((Refused) disabled).reason()).isEqualTo(Reason.INTEGRATION_DISABLED);
    assertThat(reads).hasValue(0);
  }

  @Test
  void refusesAWebhookWhoseCompanyIsUnknownSayingSoAndNotThatTheIntegrationIsOff() {
    LearnHook learnHook = learnHook();
    WebhookKey orphanKey = WebhookKey.of("44444444-4444-4444-8444-444444444444");
    store
        .webhooks()
        .save(
            new Webhook(
                WebhookId.of("wh-orphan"),
                CompanyId.of("gone"),
                "w",
                orphanKey.hash(),
                FieldMapping.parse("{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}"),
                Optional.empty(),
                NOW,
                NOW));

    IngestOutcome outcome =
        learnHook.ingest().ingest(Optional.of(orphanKey), Optional.empty(), false, body(ANN));

    assertThat(outcome)
        .isEqualTo(
            Refused.because(
                Reason.UNKNOWN_COMPANY,
                "Unknown company 'gone': this webhook's company is not set up in the LMS. Ask its"
                    + " administrator to add it."));
    assertThat(learnHook.requestLog(WebhookId.of("wh-orphan"), 1).get(0).status()).isEqualTo(403);
  }

  @Test
  void asksTheBodyForNoMoreThanTheLimitAndRefusesALargerOne() {
    List<Long> asked = new java.util.ArrayList<>();
    RequestBody tooLarge =
        max -> {
          asked.add(max);
          return Optional.empty();
        };

    IngestOutcome outcome =
        learnHook(IngestLimits.defaults().withMaxBodyBytes(64), RateLimits.defaults())
            .ingest()
            .ingest(Optional.of(KEY), Optional.empty(), false, tooLarge);

    assertThat(asked).containsExactly(64L);
    assertThat(outcome)
        .isEqualTo(
            Refused.because(
                Reason.BODY_TOO_LARGE,
                "Body is larger than the limit of 64 bytes (IngestLimits.maxBodyBytes)"));
  }

  @Test
  void refusesABodyThatCouldNotBeReadToItsEnd() {
    RequestBody broken =
        max -> {
          throw new RequestBody.UnreadableBodyException("gone", null);
        };

    IngestOutcome outcome =
        learnHook().ingest().ingest(Optional.of(KEY), Optional.empty(), false, broken);

    assertThat(((Refused) outcome).reason()).isEqualTo(Reason.UNREADABLE_BODY);
  }

  @Test
  void neverQuotesThePresentedKeyInARefusal() {
    IngestOutcome outcome =
        learnHook()
            .ingest()
            .ingest(
                Optional.of(KEY),
                Optional.empty(),
                false,
                body(
                    "{\"user\":{\"email\":\""
                        + KEY.reveal().toUpperCase()
                        + "\"},\"lesson\":{\"id\":\"1000\"}}"));

    assertThat(((Refused) outcome).reason()).isEqualTo(Reason.USER_NOT_FOUND);
    assertThat(((Refused) outcome).message()).doesNotContainIgnoringCase(KEY.reveal());
  }

  @Test
  void tellsARateLimitedSenderHowLongToWaitAndLogsNothing() {
    LearnHook learnHook =
        learnHook(IngestLimits.defaults(), RateLimits.of(RateLimit.perMinute(1, 1)));
    learnHook.ingest().ingest(Optional.of(KEY), Optional.empty(), false, body(ANN));

    IngestOutcome outcome =
        learnHook.ingest().ingest(Optional.of(KEY), Optional.empty(), false, body(ANN));

    assertThat(((Refused) outcome).reason()).isEqualTo(Reason.RATE_LIMITED);
    assertThat(((Refused) outcome).retryAfter())
        .hasValueSatisfying(wait -> assertThat(wait).isPositive());
    assertThat(learnHook.requestLog(WEBHOOK, 10)).hasSize(1);
  }

  @Test
  void logsTheCodesTheRequestLogHasAlwaysStored() {
    LearnHook learnHook = learnHook();
    CompletionIngest ingest = learnHook.ingest();
    ingest.ingest(Optional.of(KEY), Optional.empty(), false, body(ANN));
    ingest.ingest(Optional.of(KEY), Optional.empty(), false, body(ANN));
    ingest.ingest(Optional.of(KEY), Optional.empty(), true, body(ANN));
    ingest.ingest(Optional.of(KEY), Optional.empty(), false, body("{"));
    ingest.ingest(Optional.of(KEY), Optional.empty(), false, body("[" + ANN + "]"));
    ingest.ingest(
        Optional.of(KEY),
        Optional.empty(),
        false,
        body("{\"user\":{\"email\":\"x@acme.test\"},\"lesson\":{\"id\":\"1000\"}}"));
    ingest.ingest(
        Optional.of(KEY),
        Optional.empty(),
        false,
        body("{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"9\"}}"));
    ingest.ingest(
        Optional.of(KEY), Optional.empty(), false, body("{\"lesson\":{\"id\":\"1000\"}}"));

    assertThat(learnHook.requestLog(WEBHOOK, 20))
        .extracting(entry -> entry.outcome() + " " + entry.status())
        .containsExactlyInAnyOrder(
            "RECORDED 201",
            "DUPLICATE 200",
            "DRY_RUN 200",
            "REJECTED 400",
            "BATCH 200",
            "REJECTED 404",
            "REJECTED 404",
            "REJECTED 422");
  }
}
