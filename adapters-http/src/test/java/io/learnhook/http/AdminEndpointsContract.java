package io.learnhook.http;

import static io.learnhook.http.Client.bearer;
import static io.learnhook.http.Client.json;
import static io.learnhook.http.Client.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnhook.LearnHook;
import io.learnhook.http.admin.AdminAuthenticator;
import io.learnhook.management.Actor;
import io.learnhook.management.Actor.Role;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookKey;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin endpoints over a real socket, the same on every binding ({@link
 * AdminEndpointsOnJdkServerTest}, {@link AdminEndpointsOnServletTest}): who may call them, what
 * each route answers, and that every refused call changes nothing.
 */
abstract class AdminEndpointsContract {
  private static final String OWNER = "owner-token-acme";
  private static final String ADMIN = "admin-token-acme";
  private static final String MANAGER = "manager-token-acme";
  private static final String LEARNER = "learner-token-acme";
  private static final String GLOBEX_ADMIN = "admin-token-globex";
  private static final String MAPPING = "{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}";

  private Lms lms;
  private LearnHook learnHook;
  private Binding.Served server;

  abstract Binding binding();

  @BeforeEach
  void start() {
    lms = new Lms();
    learnHook = lms.learnHook().build();
    AdminAuthenticator tokens =
        AdminAuthenticator.bearerTokens(
            Map.of(
                OWNER, Actor.of("u-olivia", "acme", Role.OWNER),
                ADMIN, Actor.of("u-adam", "acme", Role.ADMIN),
                MANAGER, Actor.of("u-mona", "acme", Role.MANAGER),
                LEARNER, Actor.of("u-ann", "acme", Role.LEARNER),
                GLOBEX_ADMIN, Actor.of("u-gus", "globex", Role.ADMIN)));
    server = binding().serve(learnHook.ingest(), null, learnHook, tokens);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  // ---- who may call
  // -------------------------------------------------------------------------------

  @Test
  void answers401ToACallerTheAppDoesNotKnowOnEveryPath() {
    for (String token : new String[] {null, "not-a-token", OWNER + "x"}) {
      for (String path : List.of("/webhooks", "/webhooks/w-acme", "/integration", "/nowhere")) {
        HttpResponse<String> response = call("GET", path, token, null);

        assertError(response, 401, "Authentication required");
      }
      assertError(call("POST", "/webhooks", token, "{not json"), 401, "Authentication required");
    }
    assertThat(lms.store.webhooks().listByCompany(Lms.ACME)).hasSize(1);
  }

  @Test
  void refusesAManagerEvenARead() {
    for (String[] route :
        new String[][] {
          {"GET", "/webhooks", null},
          {"GET", "/webhooks/w-acme", null},
          {"GET", "/webhooks/w-acme/requests", null},
          {"GET", "/integration", null},
        }) {
      assertError(
          call(route[0], route[1], MANAGER, route[2]),
          403,
          "Only a company's Owners and Admins may manage its webhooks");
    }
  }

  @Test
  void refusesALearnerEveryChangeBeforeLookingAtTheInput() {
    Webhook before = acmeWebhook();

    assertThat(
            call("POST", "/webhooks", LEARNER, "{\"name\":\"X\",\"mapping\":" + MAPPING + "}")
                .statusCode())
        .isEqualTo(403);
    assertThat(call("POST", "/webhooks", LEARNER, "{not json").statusCode()).isEqualTo(403);
    assertThat(call("PATCH", "/webhooks/w-acme", LEARNER, "{\"name\":\"Mine\"}").statusCode())
        .isEqualTo(403);
    assertThat(call("DELETE", "/webhooks/w-acme", LEARNER, null).statusCode()).isEqualTo(403);
    assertThat(call("POST", "/webhooks/w-acme/regenerate-key", LEARNER, null).statusCode())
        .isEqualTo(403);
    assertThat(call("PUT", "/integration", LEARNER, "{\"enabled\":false}").statusCode())
        .isEqualTo(403);

    assertThat(lms.store.webhooks().listByCompany(Lms.ACME)).containsExactly(before);
    assertThat(lms.store.companies().findById(Lms.ACME).orElseThrow().integrationEnabled())
        .isTrue();
  }

  @Test
  void adminOfAnotherCompanyGets404ForEveryRouteOfTheWebhookAndChangesNothing() {
    Webhook before = acmeWebhook();
    HttpResponse<String> unknown = call("GET", "/webhooks/no-such-webhook", GLOBEX_ADMIN, null);

    List<HttpResponse<String>> answers =
        List.of(
            call("GET", "/webhooks/w-acme", GLOBEX_ADMIN, null),
            call("PATCH", "/webhooks/w-acme", GLOBEX_ADMIN, "{\"name\":\"Mine\"}"),
            call("PATCH", "/webhooks/w-acme", GLOBEX_ADMIN, "{\"mapping\":{\"colour\":1}}"),
            call("DELETE", "/webhooks/w-acme", GLOBEX_ADMIN, null),
            call(
                "POST",
                "/webhooks/w-acme/regenerate-key",
                GLOBEX_ADMIN,
                "{\"grace_period_seconds\":60}"),
            call(
                "POST",
                "/webhooks/w-acme/regenerate-key",
                GLOBEX_ADMIN,
                "{\"grace_period_seconds\":\"x\"}"),
            call("GET", "/webhooks/w-acme/requests?outcome=nonsense", GLOBEX_ADMIN, null),
            call("GET", "/webhooks/w-acme/requests", GLOBEX_ADMIN, null));

    assertError(unknown, 404, "Webhook not found");
    for (HttpResponse<String> answer : answers) {
      assertError(answer, 404, "Webhook not found");
    }
    assertThat(json(call("GET", "/webhooks", GLOBEX_ADMIN, null).body()).get("webhooks"))
        .extracting(w -> w.get("id").asText())
        .containsExactly("w-globex");
    assertThat(lms.store.webhooks().listByCompany(Lms.ACME)).containsExactly(before);
    assertThat(
            post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(Lms.ACME_KEY))
                .statusCode())
        .isEqualTo(201);
  }

  // ---- create, list, read
  // --------------------------------------------------------------------------

  @Test
  void createsAWebhookShowingItsKeyOnceAndTheKeyWorks() {
    HttpResponse<String> created =
        call(
            "POST",
            "/webhooks",
            ADMIN,
            "{\"name\":\"Articulate\",\"mapping\":" + MAPPING + ",\"source_type\":\"knowbe4\"}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Client.assertJsonUtf8(created);
    assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = json(created.body());
    String key = body.get("key").asText();
    String id = body.get("webhook").get("id").asText();
    assertThat(WebhookKey.parse(key)).isPresent();
    assertThat(body.get("webhook").get("name").asText()).isEqualTo("Articulate");
    assertThat(body.get("webhook").get("source_type").asText()).isEqualTo("knowbe4");
    assertThat(body.get("webhook").get("mapping")).isEqualTo(json(MAPPING));
    assertThat(body.get("webhook").get("key_last_rotated_at").asText())
        .isEqualTo(body.get("webhook").get("created_at").asText());

    HttpResponse<String> listed = call("GET", "/webhooks", OWNER, null);
    HttpResponse<String> read = call("GET", "/webhooks/" + id, OWNER, null);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(json(listed.body()).get("webhooks"))
        .extracting(w -> w.get("name").asText())
        .containsExactly("Articulate", "KnowBe4");
    assertThat(listed.body()).doesNotContain(key).doesNotContain("\"key\"");
    assertThat(json(read.body())).isEqualTo(body.get("webhook"));

    HttpResponse<String> completion =
        post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(key));
    assertThat(completion.statusCode()).as(completion.body()).isEqualTo(201);
  }

  @Test
  void listShowsWhenEachKeyWasLastRotated() {
    String rotated =
        json(call("POST", "/webhooks/w-acme/regenerate-key", OWNER, null).body())
            .get("webhook")
            .get("key_last_rotated_at")
            .asText();

    JsonNode listed = json(call("GET", "/webhooks", OWNER, null).body()).get("webhooks").get(0);

    assertThat(listed.get("key_last_rotated_at").asText()).isEqualTo(rotated);
    assertThat(listed.get("created_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(listed.get("previous_key_valid_until").isNull()).isTrue();
  }

  @Test
  void answers422ListingEveryProblemOfAnInvalidMappingAndCreatesNothing() {
    HttpResponse<String> response =
        call(
            "POST",
            "/webhooks",
            OWNER,
            "{\"name\":\" \",\"mapping\":{\"email\":\"user..email\",\"score\":{\"path\":\"s\","
                + "\"transform\":\"percent\"},\"colour\":\"x\"}}");

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode body = json(response.body());
    assertThat(body.get("error").asText()).isEqualTo("Invalid input");
    assertThat(body.get("problems"))
        .extracting(p -> p.get("field").asText())
        .containsExactlyInAnyOrder(
            "name", "mapping.email", "mapping.score.transform", "mapping.colour");
    assertThat(lms.store.webhooks().listByCompany(Lms.ACME)).hasSize(1);
  }

  @Test
  void answers422ListingEveryProblemOfTheBodysShape() {
    HttpResponse<String> response =
        call(
            "POST",
            "/webhooks",
            OWNER,
            "{\"name\":5,\"mapping\":\"user.email\",\"sourceType\":\"x\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response.body()).get("problems"))
        .extracting(p -> p.get("field").asText())
        .containsExactlyInAnyOrder("sourceType", "name", "mapping");
    assertThat(lms.store.webhooks().listByCompany(Lms.ACME)).hasSize(1);
  }

  @Test
  void answers409ToADuplicateNameAndCreatesNothing() {
    HttpResponse<String> response =
        call("POST", "/webhooks", OWNER, "{\"name\":\"knowbe4\",\"mapping\":" + MAPPING + "}");

    assertError(response, 409, "A webhook named 'knowbe4' already exists in this company");
    assertThat(lms.store.webhooks().listByCompany(Lms.ACME)).hasSize(1);
  }

  @Test
  void answers400ToABodyThatIsNotAJsonObjectAnd413ToOneTooLarge() {
    assertThat(Client.errorOf(call("POST", "/webhooks", OWNER, "{\"name\":"), 400))
        .startsWith("Body is not valid JSON");
    assertError(call("POST", "/webhooks", OWNER, "[1,2]"), 400, "Body must be a JSON object");
    assertError(
        call("PUT", "/integration", OWNER, ""), 400, "Body is empty; expected a JSON object");
    String large = "{\"name\":\"" + "x".repeat(70_000) + "\",\"mapping\":{}}";
    assertError(
        call("POST", "/webhooks", OWNER, large),
        413,
        "Body is larger than the limit of 65536 bytes");
    assertThat(lms.store.webhooks().listByCompany(Lms.ACME)).hasSize(1);
  }

  @Test
  void answers404ToAnUnknownPathAnd405ToAMethodTheRouteDoesNotServe() {
    assertError(call("GET", "/nowhere", OWNER, null), 404, "Not found");
    assertError(call("GET", "/webhooks/w-acme/keys", OWNER, null), 404, "Not found");

    HttpResponse<String> delete = call("DELETE", "/webhooks", OWNER, null);
    HttpResponse<String> get = call("GET", "/webhooks/w-acme/regenerate-key", OWNER, null);

    assertError(delete, 405, "Method not allowed; use GET, POST");
    assertThat(delete.headers().firstValue("Allow")).hasValue("GET, POST");
    assertError(get, 405, "Method not allowed; use POST");
  }

  // ---- configure and delete
  // ----------------------------------------------------------------------

  @Test
  void patchChangesWhatItNamesAndKeepsTheKey() {
    HttpResponse<String> response =
        call("PATCH", "/webhooks/w-acme", ADMIN, "{\"name\":\"KnowBe4 EU\",\"source_type\":null}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json(response.body());
    assertThat(body.get("name").asText()).isEqualTo("KnowBe4 EU");
    assertThat(body.get("source_type").isNull()).isTrue();
    assertThat(body.get("mapping")).isEqualTo(json(Lms.KNOWBE4_MAPPING));
    assertThat(acmeWebhook().sourceType()).isEmpty();
    assertThat(
            post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(Lms.ACME_KEY))
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void patchSetsTheWebhooksRateLimitAndItsNextCallsAreLimitedByIt() {
    HttpResponse<String> limited =
        call(
            "PATCH",
            "/webhooks/w-acme",
            ADMIN,
            "{\"rate_limit\":{\"per_second\":0.5,\"burst\":2}}");

    assertThat(limited.statusCode()).as(limited.body()).isEqualTo(200);
    assertThat(json(limited.body()).get("rate_limit"))
        .isEqualTo(json("{\"per_second\":0.5,\"burst\":2}"));
    assertThat(json(call("GET", "/webhooks/w-acme", ADMIN, null).body()).get("rate_limit"))
        .isEqualTo(json("{\"per_second\":0.5,\"burst\":2}"));
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> third = null;
    for (int i = 0; i < 3; i++) {
      third =
          post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(Lms.ACME_KEY));
      statuses.add(third.statusCode());
    }
    assertThat(statuses).containsExactly(201, 201, 429);
    assertThat(third.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(third.body()).contains("30 per minute with bursts of 2");

    HttpResponse<String> off = call("PATCH", "/webhooks/w-acme", ADMIN, "{\"rate_limit\":\"off\"}");
    assertThat(json(off.body()).get("rate_limit").asText()).isEqualTo("off");
    for (int i = 0; i < 5; i++) {
      assertThat(
              post(
                      server.uri(),
                      Lms.annCompletedLesson1000(),
                      "Authorization",
                      bearer(Lms.ACME_KEY))
                  .statusCode())
          .isEqualTo(201);
    }
    HttpResponse<String> byDefault =
        call("PATCH", "/webhooks/w-acme", OWNER, "{\"rate_limit\":null}");
    assertThat(json(byDefault.body()).get("rate_limit").isNull()).isTrue();
    assertThat(acmeWebhook().rateLimit()).isEmpty();
  }

  @Test
  void patchWithAnInvalidRateLimitAnswers422NamingEachProblemAndChangesNothing() {
    Webhook before = acmeWebhook();

    HttpResponse<String> shapes =
        call(
            "PATCH",
            "/webhooks/w-acme",
            ADMIN,
            "{\"name\":\"New\",\"rate_limit\":{\"per_second\":0,\"burst\":1.5,\"per_minute\":3}}");
    HttpResponse<String> word =
        call("PATCH", "/webhooks/w-acme", ADMIN, "{\"rate_limit\":\"none\"}");
    HttpResponse<String> tooHigh =
        call(
            "PATCH",
            "/webhooks/w-acme",
            ADMIN,
            "{\"rate_limit\":{\"per_second\":5,\"burst\":1000001}}");

    assertThat(shapes.statusCode()).isEqualTo(422);
    assertThat(json(shapes.body()).findValuesAsText("field"))
        .containsExactlyInAnyOrder(
            "rate_limit.per_minute", "rate_limit.per_second", "rate_limit.burst");
    assertThat(word.statusCode()).isEqualTo(422);
    assertThat(json(word.body()).findValuesAsText("field")).containsExactly("rate_limit");
    assertThat(tooHigh.statusCode()).isEqualTo(422);
    assertThat(json(tooHigh.body()).findValuesAsText("field")).containsExactly("rate_limit");
    assertThat(acmeWebhook()).isEqualTo(before);
  }

  @Test
  void patchWithAnInvalidMappingAnswers422AndChangesNothing() {
    Webhook before = acmeWebhook();

    HttpResponse<String> response =
        call(
            "PATCH", "/webhooks/w-acme", ADMIN, "{\"name\":\"New\",\"mapping\":{\"emial\":\"x\"}}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("mapping.emial");
    assertThat(acmeWebhook()).isEqualTo(before);
  }

  @Test
  void deleteAnswers204AndTheKeyStopsWorking() {
    HttpResponse<String> deleted = call("DELETE", "/webhooks/w-acme", OWNER, null);

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(
            post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(Lms.ACME_KEY))
                .statusCode())
        .isEqualTo(401);
    assertError(call("DELETE", "/webhooks/w-acme", OWNER, null), 404, "Webhook not found");
  }

  // ---- keys
  // -----------------------------------------------------------------------------------------

  @Test
  void oldKeyStopsWorkingAtOnceWithoutAGracePeriod() {
    HttpResponse<String> response = call("POST", "/webhooks/w-acme/regenerate-key", ADMIN, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    String key = json(response.body()).get("key").asText();
    assertThat(key).isNotEqualTo(Lms.ACME_KEY);
    assertThat(
            post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(Lms.ACME_KEY))
                .statusCode())
        .isEqualTo(401);
    assertThat(
            post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(key))
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void oldKeyKeepsWorkingDuringTheGracePeriodAskedFor() {
    HttpResponse<String> response =
        call("POST", "/webhooks/w-acme/regenerate-key", ADMIN, "{\"grace_period_seconds\":3600}");

    JsonNode body = json(response.body());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.get("webhook").get("previous_key_valid_until").isTextual()).isTrue();
    assertThat(
            post(
                    server.uri(),
                    Lms.annCompletedLesson1000At("2026-01-01T00:00:00Z"),
                    "Authorization",
                    bearer(Lms.ACME_KEY))
                .statusCode())
        .isEqualTo(201);
    assertThat(
            post(
                    server.uri(),
                    Lms.annCompletedLesson1000At("2026-01-02T00:00:00Z"),
                    "Authorization",
                    bearer(body.get("key").asText()))
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void refusesAGracePeriodOverSevenDaysAndKeepsTheKey() {
    Webhook before = acmeWebhook();

    HttpResponse<String> response =
        call("POST", "/webhooks/w-acme/regenerate-key", ADMIN, "{\"grace_period_seconds\":604801}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("grace_period_seconds");
    assertThat(acmeWebhook()).isEqualTo(before);
  }

  // ---- request log and integration
  // ---------------------------------------------------------------

  @Test
  void readsTheRequestLogNewestFirstFilteredByOutcome() {
    post(
        server.uri(),
        Lms.annCompletedLesson1000At("2026-01-01T00:00:00Z"),
        "Authorization",
        bearer(Lms.ACME_KEY));
    post(
        server.uri(),
        "{\"user\":{\"email\":\"x@acme.test\"},\"lesson\":{\"id\":\"1000\"}}",
        "Authorization",
        bearer(Lms.ACME_KEY));

    JsonNode all =
        json(call("GET", "/webhooks/w-acme/requests", OWNER, null).body()).get("requests");
    JsonNode rejected =
        json(call("GET", "/webhooks/w-acme/requests?outcome=rejected&limit=5", OWNER, null).body())
            .get("requests");
    JsonNode one =
        json(call("GET", "/webhooks/w-acme/requests?limit=1", OWNER, null).body()).get("requests");

    assertThat(all)
        .extracting(e -> e.get("outcome").asText())
        .containsExactly("rejected", "recorded");
    assertThat(all.get(1).get("mapped_fields").get("email").asText()).isEqualTo("ann@acme.test");
    assertThat(rejected)
        .singleElement()
        .satisfies(e -> assertThat(e.get("error").asText()).isEqualTo("User not found"))
        .satisfies(e -> assertThat(e.get("status").asInt()).isEqualTo(404));
    assertThat(one).hasSize(1);
    assertThat(all.toString()).doesNotContain(Lms.ACME_KEY);
  }

  @Test
  void showsTheBodyAndTheReasonOfEachRefusedCallButAnswersTheSenderAsBefore() {
    String unknown = "{\"user\":{\"email\":\"zoe@acme.test\"},\"lesson\":{\"id\":\"1000\"}}";
    String inactive = "{\"user\":{\"email\":\"bob@acme.test\"},\"lesson\":{\"id\":\"1000\"}}";
    String noItem =
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"9999\"},\"k\":\""
            + Lms.ACME_KEY.toUpperCase(java.util.Locale.ROOT)
            + "\"}";
    List<HttpResponse<String>> answers = new java.util.ArrayList<>();
    for (String body : List.of(unknown, inactive, noItem)) {
      answers.add(post(server.uri(), body, "Authorization", bearer(Lms.ACME_KEY)));
    }

    JsonNode log =
        json(call("GET", "/webhooks/w-acme/requests", OWNER, null).body()).get("requests");

    assertThat(answers)
        .extracting(HttpResponse::body)
        .containsExactly(
            "{\"error\":\"User not found\"}",
            "{\"error\":\"User not found\"}",
            "{\"error\":\"Item not found\"}");
    assertThat(log.get(2).get("body").asText()).isEqualTo(unknown);
    assertThat(log.get(2).get("body_truncated").asBoolean()).isFalse();
    assertThat(log.get(2).get("reason").asText())
        .isEqualTo("no user with email 'zoe@acme.test' (company 'acme')");
    assertThat(log.get(1).get("reason").asText())
        .isEqualTo("user with email 'bob@acme.test' exists but is inactive (company 'acme')");
    assertThat(log.get(0).get("reason").asText()).contains("source_id '9999'").contains("slug");
    assertThat(log.get(0).get("body").asText()).contains("\"k\":\"[redacted]\"");
    assertThat(log.toString().toLowerCase(java.util.Locale.ROOT))
        .doesNotContain(Lms.ACME_KEY.toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void answers422ToARequestLogQueryItCannotUse() {
    HttpResponse<String> response =
        call("GET", "/webhooks/w-acme/requests?limit=0&outcome=nonsense", OWNER, null);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response.body()).get("problems"))
        .extracting(p -> p.get("field").asText())
        .containsExactly("limit", "outcome");
  }

  @Test
  void switchingTheIntegrationOffMakesTheCompanysCalls403() {
    HttpResponse<String> off = call("PUT", "/integration", ADMIN, "{\"enabled\":false}");

    assertThat(off.statusCode()).isEqualTo(200);
    assertThat(json(off.body())).isEqualTo(json("{\"company\":\"acme\",\"enabled\":false}"));
    assertThat(json(call("GET", "/integration", OWNER, null).body()).get("enabled").asBoolean())
        .isFalse();
    assertThat(
            post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(Lms.ACME_KEY))
                .statusCode())
        .isEqualTo(403);
    assertThat(lms.store.companies().findById(Lms.GLOBEX).orElseThrow().integrationEnabled())
        .isTrue();
  }

  @Test
  void answers422ToAnIntegrationSwitchWithoutABoolean() {
    HttpResponse<String> response =
        call("PUT", "/integration", ADMIN, "{\"enabled\":\"no\",\"extra\":1}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response.body()).get("problems"))
        .extracting(p -> p.get("field").asText())
        .containsExactlyInAnyOrder("extra", "enabled");
    assertThat(lms.store.companies().findById(Lms.ACME).orElseThrow().integrationEnabled())
        .isTrue();
  }

  @Test
  void saysAnIntegrationSwitchInQuotesMustBeABooleanAndOneMissingIsRequired() {
    HttpResponse<String> quoted = call("PUT", "/integration", ADMIN, "{\"enabled\":\"true\"}");
    HttpResponse<String> missing = call("PUT", "/integration", ADMIN, "{}");

    assertThat(quoted.statusCode()).isEqualTo(422);
    assertThat(json(quoted.body()).get("problems").get(0).get("message").asText())
        .isEqualTo("must be a boolean: true or false, without quotes");
    assertThat(missing.statusCode()).isEqualTo(422);
    assertThat(json(missing.body()).get("problems").get(0).get("message").asText())
        .isEqualTo("is required: true or false");
  }

  // ---- helpers
  // ------------------------------------------------------------------------------------

  private Webhook acmeWebhook() {
    return lms.store.webhooks().findById(Lms.ACME_WEBHOOK).orElseThrow();
  }

  private HttpResponse<String> call(String method, String path, String token, String body) {
    URI uri = URI.create(server.adminUri() + path);
    HttpRequest.Builder request =
        token == null ? Client.request(uri) : Client.request(uri, "Authorization", bearer(token));
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    return Client.send(request.method(method, publisher).build());
  }

  private static void assertError(HttpResponse<String> response, int status, String message) {
    Client.assertError(response, status, message);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
  }
}
