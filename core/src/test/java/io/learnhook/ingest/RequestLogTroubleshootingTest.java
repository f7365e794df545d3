package io.learnhook.ingest;

import static io.learnhook.ingest.KeyPieces.assertHoldsNoPieceOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.ingest.CompletionIngest.RequestBody;
import io.learnhook.ingest.IngestOutcome.Refused;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the request log keeps for troubleshooting: the body as received (cut at 64 KiB) and, for a
 * refused call, the reason for the company's administrators, while the sender's answer stays the
 * short public one.
 */
class RequestLogTroubleshootingTest {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final WebhookKey KEY = WebhookKey.of("0f3c2a1b-9d4e-4c1a-8b2f-6e5d4c3b2a19");
  private static final WebhookKey OTHER = WebhookKey.of("a7e19c04-53bd-4f6e-9a21-c8d07b3e5f42");
  private static final WebhookId WEBHOOK = WebhookId.of("wh-1");

  private final InMemoryStore store = new InMemoryStore();
  private final LearnHook learnHook = acme(store, true);

  @Test
  void keepsTheBodyOfARecordedCallAsReceivedWithoutAReason() {
    String body = "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"}}";

    ingest(learnHook, body);

    RequestLogEntry entry = latest(learnHook);
    assertThat(entry.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(entry.body()).hasValue(body);
    assertThat(entry.bodyTruncated()).isFalse();
    assertThat(entry.reason()).isEmpty();
  }

  @Test
  void saysTheUserIsUnknownWhenNoUserHasTheEmail() {
    IngestOutcome outcome =
        ingest(learnHook, "{\"user\":{\"email\":\"zoe@acme.test\"},\"lesson\":{\"id\":\"1000\"}}");

    assertThat(((Refused) outcome).message()).isEqualTo("User not found");
    assertThat(latest(learnHook).reason())
        .hasValue("no user with email 'zoe@acme.test' (company 'acme')");
    assertThat(latest(learnHook).error()).hasValue("User not found");
  }

  @Test
  void saysTheUserIsInactiveWhenTheirAccountIsDeactivated() {
    IngestOutcome outcome =
        ingest(learnHook, "{\"user\":{\"email\":\"bob@acme.test\"},\"lesson\":{\"id\":\"1000\"}}");

    assertThat(((Refused) outcome).message()).isEqualTo("User not found");
    assertThat(latest(learnHook).reason())
        .hasValue("user with email 'bob@acme.test' exists but is inactive (company 'acme')");
  }

  @Test
  void namesEveryItemIdentifierTriedWhenNoItemMatches() {
    IngestOutcome outcome =
        ingest(
            learnHook,
            "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"2000\"},"
                + "\"item_id\":\"i-9\",\"slug\":\"intro\"}");

    assertThat(((Refused) outcome).message()).isEqualTo("Item not found");
    assertThat(latest(learnHook).reason().orElseThrow())
        .contains("item_id 'i-9'")
        .contains("source_id '2000' with source type 'knowbe4'")
        .contains("slug 'intro'");
  }

  @Test
  void namesTheFieldThatFailedAndWhy() {
    ingest(
        learnHook,
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"score\":\"lots\"}");

    assertThat(latest(learnHook).reason().orElseThrow()).startsWith("field 'score' (score): ");
  }

  @Test
  void namesTheIntegrationSwitchWhenItIsOff() {
    LearnHook off = acme(new InMemoryStore(), false);

    ingest(off, "{}");

    RequestLogEntry entry = latest(off);
    assertThat(entry.reason().orElseThrow()).contains("integration switch of company 'acme'");
    assertThat(entry.body()).as("refused before the body is read").isEmpty();
  }

  @Test
  void givesEachRefusedElementOfABatchItsReason() {
    ingest(
        learnHook,
        "[{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"}},"
            + "{\"user\":{\"email\":\"zoe@acme.test\"},\"lesson\":{\"id\":\"1000\"}}]");

    assertThat(latest(learnHook).reason())
        .hasValue("element 1: no user with email 'zoe@acme.test' (company 'acme')");
  }

  @Test
  void cutsABodyOverSixtyFourKibibytesOnACharacterBoundaryAndSaysSo() {
    // 65,535 bytes of ASCII, then a three-byte character across the limit.
    String start = "{\"pad\":\"" + "p".repeat(65_535 - 8);
    String body = start + "€€€\"}";

    ingest(learnHook, body);

    RequestLogEntry entry = latest(learnHook);
    assertThat(entry.bodyTruncated()).isTrue();
    assertThat(entry.body()).hasValue(start);
    assertThat(entry.body().orElseThrow().getBytes(StandardCharsets.UTF_8).length)
        .isEqualTo(65_535);
  }

  @Test
  void keepsABodyOfExactlySixtyFourKibibytesWhole() {
    String body = "{\"pad\":\"" + "p".repeat(65_536 - 10) + "\"}";

    ingest(learnHook, body);

    assertThat(latest(learnHook).body()).hasValue(body);
    assertThat(latest(learnHook).bodyTruncated()).isFalse();
  }

  @Test
  void redactsTheCompanysKeysInEveryFormFromTheBodyAndTheReason() {
    List<String> forms =
        List.of(
            KEY.reveal(),
            OTHER.reveal(),
            OTHER.reveal().toUpperCase(Locale.ROOT),
            OTHER.reveal().replace("-", ""),
            OTHER.reveal().substring(5, 17),
            escaped(OTHER.reveal()));
    for (String form : forms) {
      InMemoryStore fresh = new InMemoryStore();
      LearnHook acme = acme(fresh, true);
      String body =
          "{\"user\":{\"email\":\"x"
              + form
              + "@acme.test\"},\"lesson\":{\"id\":\""
              + form
              + "\"},\"note\":\""
              + form
              + "\"}";

      IngestOutcome outcome = ingest(acme, body);

      RequestLogEntry entry = latest(acme);
      assertThat(((Refused) outcome).message()).isEqualTo("Item not found");
      assertThat(entry.body().orElseThrow()).contains("[redacted]");
      assertHoldsNoPieceOf("the body", entry.body().orElseThrow(), List.of(KEY, OTHER));
      assertHoldsNoPieceOf("the body as read", read(entry.body().orElseThrow()), List.of(OTHER));
      assertThat(entry.reason().orElseThrow()).contains("[redacted]");
      assertHoldsNoPieceOf("the reason", entry.reason().orElseThrow(), List.of(KEY, OTHER));
    }
  }

  /** Every character as a JSON escape, as a sender might write it. */
  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
    }
    return out.toString();
  }

  /** The body as a JSON reader sees it, escapes resolved. */
  private static String read(String json) {
    try {
      return new ObjectMapper().readTree(json).toString();
    } catch (Exception e) {
      throw new AssertionError("the kept body no longer reads as JSON: " + json, e);
    }
  }

  private static IngestOutcome ingest(LearnHook learnHook, String body) {
    return learnHook
        .ingest()
        .ingest(
            Optional.of(KEY),
            Optional.empty(),
            false,
            RequestBody.of(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static RequestLogEntry latest(LearnHook learnHook) {
    return learnHook.requestLog(WEBHOOK, 1).get(0);
  }

  private static LearnHook acme(InMemoryStore store, boolean integrationEnabled) {
    store.putCompany(new Company(ACME, integrationEnabled));
    store.putUser(
        new User(
            UserId.of("u-ann"), ACME, "ann@acme.test", "Ann", true, Optional.empty(), Map.of()));
    store.putUser(
        new User(
            UserId.of("u-bob"), ACME, "bob@acme.test", "Bob", false, Optional.empty(), Map.of()));
    store.putItem(
        new Item(
            ItemId.of("i-1"),
            ACME,
            "Phishing",
            ItemType.WEB_LINK,
            Optional.of("phishing-101"),
            Optional.of("1000"),
            Optional.of("knowbe4"),
            true));
    FieldMapping mapping =
        FieldMapping.parse(
            "{\"email\":\"user.email\",\"source_id\":\"lesson.id\",\"item_id\":\"item_id\","
                + "\"slug\":\"slug\",\"score\":\"score\"}");
    store
        .webhooks()
        .save(
            new Webhook(
                WEBHOOK, ACME, "w1", KEY.hash(), mapping, Optional.of("knowbe4"), NOW, NOW));
    store
        .webhooks()
        .save(
            new Webhook(
                WebhookId.of("wh-2"),
                ACME,
                "w2",
                OTHER.hash(),
                mapping,
                Optional.empty(),
                NOW,
                NOW));
    return LearnHook.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }
}
