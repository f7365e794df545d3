package io.learnhook.ingest;

import static io.learnhook.ingest.KeyPieces.assertHoldsNoPieceOf;
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
import io.learnhook.requestlog.RequestLogEntry;
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
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a payload holds, no refusal and no request-log entry holds a run of 12 characters of any
 * webhook key of the company, in its error, mapped fields, kept body or reason: neither the key
 * presented nor another webhook's, of which the engine knows only the hash. (learnhook-http's
 * {@code NoKeyPieceInAnswersPropertiesTest} holds the same of whole HTTP answers.)
 */
class NoKeyPieceEchoedPropertiesTest {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  /** Keys that look like real ones (fixed, so that a failing sample can be replayed). */
  static final List<WebhookKey> KEYS =
      List.of(
          WebhookKey.of("0f3c2a1b-9d4e-4c1a-8b2f-6e5d4c3b2a19"),
          WebhookKey.of("a7e19c04-53bd-4f6e-9a21-c8d07b3e5f42"),
          WebhookKey.of("5b8d2e7f-1a6c-4d93-b0e4-7f2c9a8d1e63"));

  private static final String MAPPING =
      "{\"email\":\"user.email\",\"source_id\":\"lesson.id\",\"event_id\":\"event_id\","
          + "\"result\":\"result\",\"score\":\"score\",\"completed_at\":\"completed_at\","
          + "\"total_time\":\"total_time\",\"slug\":\"slug\"}";

  @Provide
  Arbitrary<String> bodies() {
    return KeyPieces.bodies(KEYS);
  }

  @Property(tries = 400)
  void noRefusalAndNoRequestLogEntryHoldsAPieceOfAnyKeyOfTheCompany(
      @ForAll("bodies") String body, @ForAll boolean dryRun) {
    InMemoryStore store = new InMemoryStore();
    LearnHook learnHook = acme(store);

    IngestOutcome outcome = ingest(learnHook, body, dryRun);

    Statistics.label("outcome").collect(Calls.kind(outcome));
    for (String message : messages(outcome)) {
      assertHoldsNoPieceOf("a refusal", message, KEYS);
    }
    for (int i = 0; i < KEYS.size(); i++) {
      for (RequestLogEntry entry : learnHook.requestLog(WebhookId.of("wh-" + i), 10)) {
        assertHoldsNoPieceOf("a request-log entry", entry.mappedFields().orElse(""), KEYS);
        assertHoldsNoPieceOf("a request-log entry", entry.error().orElse(""), KEYS);
        assertHoldsNoPieceOf("a request-log body", entry.body().orElse(""), KEYS);
        assertHoldsNoPieceOf("a request-log reason", entry.reason().orElse(""), KEYS);
      }
    }
  }

  /**
   * Found by the property: an over-long email holding another webhook's key was quoted back cut at
   * 100 characters, 35 of the key's 36 in it, which no hash could recognise.
   */
  @Example
  void refusesAnOverLongEmailWithoutQuotingTheKeyInIt() {
    LearnHook learnHook = acme(new InMemoryStore());
    String email = "y".repeat(300) + KEYS.get(1).reveal().toUpperCase() + "@acme.test";

    IngestOutcome outcome =
        ingest(
            learnHook,
            "{\"user\":{\"email\":\"" + email + "\"},\"lesson\":{\"id\":\"1000\"}}",
            false);

    assertThat(((Refused) outcome).reason()).isEqualTo(Reason.UNPROCESSABLE);
    assertThat(((Refused) outcome).message())
        .isEqualTo(
            "email must be at most 320 characters: found \"yyyyyyyy…\" (346 characters) at"
                + " 'user.email'");
  }

  @Example
  void logsAnotherWebhooksKeyInAMappedFieldRedacted() {
    LearnHook learnHook = acme(new InMemoryStore());
    String undashed = KEYS.get(2).reveal().replace("-", "");

    ingest(
        learnHook,
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"event_id\":\""
            + undashed
            + "\"}",
        false);

    RequestLogEntry entry = learnHook.requestLog(WebhookId.of("wh-0"), 1).get(0);
    assertThat(entry.outcome()).isEqualTo(RequestLogEntry.Outcome.RECORDED);
    assertThat(entry.mappedFields())
        .hasValue(
            "{\"email\":\"ann@acme.test\",\"source_id\":\"1000\",\"event_id\":\"[redacted]\"}");
  }

  private static IngestOutcome ingest(LearnHook learnHook, String body, boolean dryRun) {
    return learnHook
        .ingest()
        .ingest(
            Optional.of(KEYS.get(0)),
            Optional.empty(),
            dryRun,
            RequestBody.of(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> messages(IngestOutcome outcome) {
    if (outcome instanceof Refused refused) {
      return List.of(refused.message());
    }
    if (outcome instanceof IngestOutcome.Batch batch) {
      return batch.elements().stream().flatMap(e -> messages(e).stream()).toList();
    }
    return List.of();
  }

  /** Company acme with three webhooks, one per key, a user and an item. */
  private static LearnHook acme(InMemoryStore store) {
    store.putCompany(new Company(ACME, true));
    store.putUser(
        new User(
            UserId.of("u-ann"), ACME, "ann@acme.test", "Ann", true, Optional.empty(), Map.of()));
    store.putItem(
        new Item(
            ItemId.of("i-1"),
            ACME,
            "Phishing",
            ItemType.WEB_LINK,
            Optional.of("phishing-101"),
            Optional.of("1000"),
            Optional.empty(),
            true));
    for (int i = 0; i < KEYS.size(); i++) {
      store
          .webhooks()
          .save(
              new Webhook(
                  WebhookId.of("wh-" + i),
                  ACME,
                  "w" + i,
                  KEYS.get(i).hash(),
                  FieldMapping.parse(MAPPING),
                  Optional.empty(),
                  NOW,
                  NOW));
    }
    return LearnHook.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }
}
