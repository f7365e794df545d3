package io.learnhook.http.ingest;

import static io.learnhook.http.ingest.EndpointFixture.ACME;
import static io.learnhook.http.ingest.EndpointFixture.ACME_KEY;
import static io.learnhook.http.ingest.EndpointFixture.ACME_WEBHOOK;
import static io.learnhook.http.ingest.EndpointFixture.GLOBEX;
import static io.learnhook.http.ingest.EndpointFixture.INITECH_KEY;
import static io.learnhook.http.ingest.EndpointFixture.NOW;
import static io.learnhook.http.ingest.EndpointFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.directory.ItemId;
import io.learnhook.ingest.IngestLimits;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IncomingWebhookEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EndpointFixture fixture = new EndpointFixture();

  private static JsonNode json(EndpointResponse response) throws Exception {
    return JSON.readTree(response.bodyText());
  }

  @Test
  void recordsACompletionAndAnswersWithItsIds() throws Exception {
    EndpointResponse response = fixture.post(payload("ann@acme.test", "1000"));

    assertThat(response.status()).isEqualTo(201);
    JsonNode body = json(response);
    assertThat(body.get("status").asText()).isEqualTo("recorded");
    assertThat(body.get("user_id").asText()).isEqualTo("u-ann");
    assertThat(body.get("item_id").asText()).isEqualTo("i-phish");
    assertThat(fixture.store.allCompletions())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.id().value()).isEqualTo(body.get("completion_id").asText());
              assertThat(c.completedAt()).isEqualTo(NOW);
              assertThat(c.webhook()).contains(ACME_WEBHOOK);
            });
    assertThat(fixture.announced).hasSize(1);
  }

  @Test
  void answers403NamingTheUnknownCompanyOfAWebhook() throws Exception {
    io.learnhook.webhook.WebhookKey key =
        io.learnhook.webhook.WebhookKey.of("44444444-4444-4444-8444-444444444444");
    fixture.webhook(
        io.learnhook.webhook.WebhookId.of("wh-orphan"),
        io.learnhook.directory.CompanyId.of("gone"),
        key,
        "{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}",
        null);

    EndpointResponse response =
        fixture.post("Bearer " + key.reveal(), "", payload("ann@acme.test", "1000"));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.bodyText())
        .isEqualTo(
            "{\"error\":\"Unknown company 'gone': this webhook's company is not set up in the"
                + " LMS. Ask its administrator to add it.\"}");
  }

  @Test
  void recordsOnceWhenTheSameEventArrivesTwice() throws Exception {
    String body =
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"delivery_id\":\"evt-1\"}";
    String first = json(fixture.post(body)).get("completion_id").asText();

    EndpointResponse again = fixture.post(body);

    assertThat(again.status()).isEqualTo(200);
    assertThat(json(again).get("status").asText()).isEqualTo("duplicate");
    assertThat(json(again).get("completion_id").asText()).isEqualTo(first);
    assertThat(fixture.store.allCompletions()).hasSize(1);
    assertThat(fixture.announced).hasSize(1);
  }

  @Test
  void recordsOnceWhenTheSameUserItemAndTimeArriveTwice() throws Exception {
    String body =
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},"
            + "\"completed_at\":\"2026-11-24T09:00:00+01:00\"}";
    String first = json(fixture.post(body)).get("completion_id").asText();
    String sameInstant = body.replace("2026-11-24T09:00:00+01:00", "2026-11-24T08:00:00Z");

    EndpointResponse again = fixture.post(sameInstant);

    assertThat(again.status()).isEqualTo(200);
    assertThat(json(again).get("completion_id").asText()).isEqualTo(first);
  }

  @Test
  void rejectsKeyOfAnotherCompany() throws Exception {
    byte[] bytes = payload("ann@acme.test", "1000").getBytes();
    IncomingRequest request =
        IncomingRequest.of(
                Optional.of(ACME_KEY.reveal()),
                "",
                OptionalLong.of(bytes.length),
                new ByteArrayInputStream(bytes))
            .forTenant(GLOBEX);

    EndpointResponse response =
        new IncomingWebhookEndpoint(fixture.learnHook.ingest()).handle(request);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.bodyText()).isEqualTo("{\"error\":\"Invalid webhook key\"}");
    assertThat(fixture.store.allCompletions()).isEmpty();
  }

  @Test
  void acceptsTheKeyOfTheTenantTheAppNamed() {
    byte[] bytes = payload("ann@acme.test", "1000").getBytes();
    IncomingRequest request =
        IncomingRequest.of(
                Optional.of(ACME_KEY.reveal()),
                "",
                OptionalLong.of(bytes.length),
                new ByteArrayInputStream(bytes))
            .forTenant(ACME);

    assertThat(new IncomingWebhookEndpoint(fixture.learnHook.ingest()).handle(request).status())
        .isEqualTo(201);
  }

  @Test
  void refusesEveryCallWhileTheCompanysIntegrationIsDisabled() throws Exception {
    EndpointResponse response =
        fixture.post("Bearer " + INITECH_KEY.reveal(), "", payload("ivy@initech.test", "1000"));

    assertThat(response.status()).isEqualTo(403);
    assertThat(json(response).get("error").asText()).contains("not enabled");
  }

  @Test
  void refusesAnItemWhoseCompletionIsNotControlledExternally() throws Exception {
    EndpointResponse response = fixture.post(payload("ann@acme.test", "2000"));

    assertThat(response.status()).isEqualTo(422);
    assertThat(json(response).get("error").asText())
        .isEqualTo(
            "Item 'i-course' does not have its completion controlled externally: items of type"
                + " 'course' cannot be completed externally (only web links, YouTube and Vimeo links,"
                + " embedded video and audio can); the completion was not recorded");
    assertThat(fixture.store.allCompletions()).isEmpty();
  }

  @Test
  void answersItemNotFoundOutsideTheWebhooksSourceType() throws Exception {
    // Company acme's i-other has source_id 1000 too, but from linkedin; the webhook is knowbe4's.
    fixture.store.putItem(
        new io.learnhook.directory.Item(
            ItemId.of("i-phish"),
            ACME,
            "moved",
            io.learnhook.directory.ItemType.WEB_LINK,
            Optional.empty(),
            Optional.of("9999"),
            Optional.of("knowbe4"),
            true));

    EndpointResponse response = fixture.post(payload("ann@acme.test", "1000"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.bodyText()).isEqualTo("{\"error\":\"Item not found\"}");
  }

  @Test
  void answersUserNotFoundForAnInactiveUser() {
    EndpointResponse response = fixture.post(payload("bob@acme.test", "1000"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.bodyText()).isEqualTo("{\"error\":\"User not found\"}");
  }

  @Test
  void namesTheFieldAndPathWhenTheEmailIsMissing() throws Exception {
    EndpointResponse response = fixture.post("{\"lesson\":{\"id\":\"1000\"}}");

    assertThat(response.status()).isEqualTo(422);
    assertThat(json(response).get("error").asText()).contains("email").contains("user.email");
  }

  @Test
  void dryRunAnswersWhatWouldBeRecordedAndWritesNothing() throws Exception {
    EndpointResponse response =
        fixture.post(
            "Bearer " + ACME_KEY.reveal(), "dry_run=true", payload("ann@acme.test", "1000"));

    assertThat(response.status()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("status").asText()).isEqualTo("dry_run");
    assertThat(body.get("would").asText()).isEqualTo("record");
    assertThat(body.get("user_id").asText()).isEqualTo("u-ann");
    assertThat(body.get("item_id").asText()).isEqualTo("i-phish");
    assertThat(body.get("fields").get("email").asText()).isEqualTo("ann@acme.test");
    assertThat(fixture.store.allCompletions()).isEmpty();
    assertThat(fixture.announced).isEmpty();
  }

  @Test
  void dryRunAnswersTheErrorARealCallWouldGet() {
    EndpointResponse dry =
        fixture.post(
            "Bearer " + ACME_KEY.reveal(), "dry_run=true", payload("nobody@acme.test", "1000"));
    EndpointResponse real = fixture.post(payload("nobody@acme.test", "1000"));

    assertThat(dry).isEqualTo(real);
  }

  @Test
  void dryRunSaysWhenTheCompletionWouldBeADuplicate() throws Exception {
    String body =
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"delivery_id\":\"e-7\"}";
    String first = json(fixture.post(body)).get("completion_id").asText();

    JsonNode dry = json(fixture.post("Bearer " + ACME_KEY.reveal(), "dry_run=true", body));

    assertThat(dry.get("would").asText()).isEqualTo("duplicate");
    assertThat(dry.get("completion_id").asText()).isEqualTo(first);
  }

  @Test
  void recordsEachElementOfATopLevelArrayOnItsOwn() throws Exception {
    String batch =
        "[" + payload("ann@acme.test", "1000") + "," + payload("nobody@acme.test", "1000") + ",42]";

    EndpointResponse response = fixture.post(batch);

    assertThat(response.status()).isEqualTo(200);
    JsonNode results = json(response).get("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("index").asInt()).isZero();
    assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
    assertThat(results.get(0).get("body").get("status").asText()).isEqualTo("recorded");
    assertThat(results.get(1).get("status").asInt()).isEqualTo(404);
    assertThat(results.get(1).get("body").get("error").asText()).isEqualTo("User not found");
    assertThat(results.get(2).get("status").asInt()).isEqualTo(422);
    assertThat(fixture.store.allCompletions()).hasSize(1);
  }

  @Test
  void refusesABatchLargerThanTheLimitWithoutRecordingAny() {
    EndpointFixture small = new EndpointFixture(IngestLimits.defaults().withMaxBatchSize(2));
    String batch =
        "[" + String.join(",", List.of(payload("ann@acme.test", "1000"), "{}", "{}")) + "]";

    EndpointResponse response = small.post(batch);

    assertThat(response.status()).isEqualTo(413);
    assertThat(small.store.allCompletions()).isEmpty();
  }

  @Test
  void keepsARequestLogEntryPerAuthenticatedCallWithoutTheKey() {
    fixture.post(payload("ann@acme.test", "1000"));
    fixture.post(payload("bob@acme.test", "1000"));
    fixture.post("not json");
    fixture.post(
        "Bearer 99999999-9999-4999-8999-999999999999", "", payload("ann@acme.test", "1000"));

    List<RequestLogEntry> log = fixture.learnHook.requestLog(ACME_WEBHOOK, 10);

    assertThat(log).extracting(RequestLogEntry::status).containsExactly(400, 404, 201);
    assertThat(log)
        .extracting(RequestLogEntry::outcome)
        .containsExactly(Outcome.REJECTED, Outcome.REJECTED, Outcome.RECORDED);
    assertThat(log.get(1).error()).contains("User not found");
    assertThat(log.get(2).mappedFields())
        .hasValueSatisfying(m -> assertThat(m).contains("ann@acme.test"));
    assertThat(log.toString()).doesNotContain(ACME_KEY.reveal());
  }

  @Test
  void answersBodiesThatAreNotJsonWith400AndNeverEchoesTheKey() throws Exception {
    EndpointResponse response =
        fixture.post(ACME_KEY.reveal(), "key=" + ACME_KEY.reveal(), "email=" + ACME_KEY.reveal());

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).startsWith("Body is not valid JSON");
    assertThat(response.bodyText()).doesNotContain(ACME_KEY.reveal());
  }

  @Test
  void answersAScalarBodyWith422() {
    assertThat(fixture.post("\"hello\"").status()).isEqualTo(422);
  }
}
