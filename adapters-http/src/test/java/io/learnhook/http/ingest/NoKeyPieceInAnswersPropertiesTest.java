package io.learnhook.http.ingest;

import static io.learnhook.http.ingest.EndpointFixture.ACME;
import static io.learnhook.http.ingest.EndpointFixture.ACME_KEY;
import static io.learnhook.http.ingest.EndpointFixture.ACME_WEBHOOK;
import static io.learnhook.ingest.KeyPieces.assertHoldsNoPieceOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.ingest.KeyPieces;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a payload holds, no answer of {@code POST /webhooks/item_completions} (errors, dry-run
 * fields, batch results) and no request-log entry holds a run of 12 characters of any webhook key
 * of the company, in any case, with or without dashes: neither the key presented nor the company's
 * other keys.
 */
class NoKeyPieceInAnswersPropertiesTest {
  /** Two more webhooks of acme, with keys that look like real ones. */
  private static final List<WebhookKey> MORE_ACME_KEYS =
      List.of(
          WebhookKey.of("0f3c2a1b-9d4e-4c1a-8b2f-6e5d4c3b2a19"),
          WebhookKey.of("a7e19c04-53bd-4f6e-9a21-c8d07b3e5f42"));

  private static final List<WebhookKey> ACME_KEYS =
      List.of(MORE_ACME_KEYS.get(0), MORE_ACME_KEYS.get(1), ACME_KEY);

  private static final List<WebhookId> ACME_WEBHOOKS =
      List.of(WebhookId.of("wh-acme-0"), WebhookId.of("wh-acme-1"), ACME_WEBHOOK);

  private static final String MAPPING =
      "{\"email\":\"user.email\",\"source_id\":\"lesson.id\",\"event_id\":\"event_id\","
          + "\"result\":\"result\",\"score\":\"score\",\"completed_at\":\"completed_at\","
          + "\"total_time\":\"total_time\",\"slug\":\"slug\"}";

  @Provide
  Arbitrary<String> bodies() {
    return KeyPieces.bodies(ACME_KEYS);
  }

  @Property(tries = 400)
  void noAnswerAndNoRequestLogEntryHoldsAPieceOfAnyKeyOfTheCompany(
      @ForAll("bodies") String body, @ForAll boolean dryRun, @ForAll boolean inQuery) {
    EndpointFixture fixture = fixture();
    String key = MORE_ACME_KEYS.get(0).reveal();

    EndpointResponse response =
        fixture.post(
            inQuery ? null : "Bearer " + key,
            (inQuery ? "key=" + key + "&" : "") + (dryRun ? "dry_run=true" : ""),
            body);

    Statistics.label("status").collect(response.status());
    assertHoldsNoPieceOf("the answer", response.bodyText(), ACME_KEYS);
    for (WebhookId webhook : ACME_WEBHOOKS) {
      for (RequestLogEntry entry : fixture.learnHook.requestLog(webhook, 10)) {
        assertHoldsNoPieceOf("a request-log entry", entry.mappedFields().orElse(""), ACME_KEYS);
        assertHoldsNoPieceOf("a request-log entry", entry.error().orElse(""), ACME_KEYS);
      }
    }
  }

  @Example
  void answersADryRunWithAnotherWebhooksKeyInItsFieldsRedacted() {
    EndpointFixture fixture = fixture();
    String otherKey = MORE_ACME_KEYS.get(1).reveal().toUpperCase();

    EndpointResponse response =
        fixture.post(
            "Bearer " + MORE_ACME_KEYS.get(0).reveal(),
            "dry_run=true",
            "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"result\":\"x"
                + otherKey
                + "\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).contains("\"result\":\"x[redacted]\"");
  }

  @Example
  void answersAScoreHoldingAPieceOfAKeyWithoutQuotingIt() {
    EndpointFixture fixture = fixture();
    String piece = ACME_KEY.reveal().substring(0, 35);

    EndpointResponse response =
        fixture.post(
            "Bearer " + MORE_ACME_KEYS.get(0).reveal(),
            "",
            "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"score\":\""
                + piece
                + "\"}");

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.bodyText())
        .isEqualTo(
            "{\"error\":\"score must be a number from 0 to 100: found \\\"[redacted]\\\" at"
                + " 'score'\"}");
  }

  private static EndpointFixture fixture() {
    EndpointFixture fixture = new EndpointFixture();
    for (int i = 0; i < MORE_ACME_KEYS.size(); i++) {
      fixture.webhook(ACME_WEBHOOKS.get(i), ACME, MORE_ACME_KEYS.get(i), MAPPING, null);
    }
    return fixture;
  }
}
