package io.learnhook.http;

import static io.learnhook.http.Client.bearer;
import static io.learnhook.http.Client.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnhook.LearnHook;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.http.admin.AdminAuthenticator;
import io.learnhook.management.Actor;
import io.learnhook.management.Actor.Role;
import io.learnhook.management.ReportAdministration;
import io.learnhook.reporting.DeliveryWorkers;
import io.learnhook.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code /admin/subscriptions} routes over a real socket, the same on every binding ({@link
 * SubscriptionRoutesOnJdkServerTest}, {@link SubscriptionRoutesOnServletTest}): who may call them,
 * what each answers, that no answer holds an Authorization value or a secret it did not just make,
 * and that what they queue reaches a real receiver, signed as the official Standard Webhooks
 * verifier expects.
 */
abstract class SubscriptionRoutesContract {
  private static final String OWNER = "owner-token-acme";
  private static final String ADMIN = "admin-token-acme";
  private static final String MANAGER = "manager-token-acme";
  private static final String LEARNER = "learner-token-acme";
  private static final String GLOBEX_ADMIN = "admin-token-globex";
  private static final String AUTHORIZATION = "Token s3cr3t-authorization-value";

  /** The sample report of docs/CONTRACTS.md, section 5. */
  private static final String SAMPLE =
      "{\"user\":{\"ext_uid\":\"1234567890\",\"id\":\"1\",\"name\":\"Sample Sampleson\","
          + "\"email\":\"\",\"custom_fields\":{\"Custom Field Name\":\"Custom Field Value\"}},"
          + "\"lesson\":{\"id\":\"1000\",\"title\":\"A Sample Lesson\",\"retake_score\":85},"
          + "\"score\":1,\"score_percent\":100.0,\"started_at\":\"2015-04-28T14:36:22Z\","
          + "\"completed_at\":\"2015-04-28T14:36:24Z\",\"assigned_at\":\"2015-04-28T14:36:18Z\","
          + "\"report_card_url\":\"\"}";

  private Lms lms;
  private LearnHook learnHook;
  private Binding.Served server;
  private Receiver receiver;

  /** Real time, to the second: the official verifier refuses timestamps five minutes off. */
  private final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  /** Every answer of the test, to look for secrets in. */
  private final List<HttpResponse<String>> answers = new ArrayList<>();

  abstract Binding binding();

  @BeforeEach
  void start() {
    lms = new Lms();
    learnHook = lms.learnHook().clock(clock).build();
    AdminAuthenticator tokens =
        AdminAuthenticator.bearerTokens(
            Map.of(
                OWNER, Actor.of("u-olivia", "acme", Role.OWNER),
                ADMIN, Actor.of("u-adam", "acme", Role.ADMIN),
                MANAGER, Actor.of("u-mona", "acme", Role.MANAGER),
                LEARNER, Actor.of("u-ann", "acme", Role.LEARNER),
                GLOBEX_ADMIN, Actor.of("u-gus", "globex", Role.ADMIN)));
    server = binding().serve(learnHook.ingest(), null, learnHook, tokens);
    receiver = Receiver.start();
  }

  @AfterEach
  void stop() {
    server.close();
    receiver.close();
  }

  // ---- who may call --------------------------------------------------------------------------

  @Test
  void ownersAndAdminsCreateReadChangeAndDeleteSubscriptions() {
    HttpResponse<String> created =
        call(
            "POST",
            "/subscriptions",
            OWNER,
            "{\"callback_url\":\""
                + receiver.url("/lms")
                + "\",\"allow_private_network\":true,"
                + "\"retry\":{\"max_retries\":2,\"interval_seconds\":30}}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode made = json(created.body());
    assertThat(made.fieldNames())
        .toIterable()
        .containsExactly(
            "id",
            "callback_url",
            "authorization_set",
            "enabled",
            "allow_private_network",
            "retry",
            "signing",
            "created_at",
            "disabled_reason");
    assertThat(made.get("callback_url").asText()).isEqualTo(receiver.url("/lms").toString());
    assertThat(made.get("authorization_set").asBoolean()).isFalse();
    assertThat(made.get("enabled").asBoolean()).isTrue();
    assertThat(made.get("retry").toString())
        .isEqualTo("{\"max_retries\":2,\"interval_seconds\":30}");
    assertThat(made.get("signing").asBoolean()).isFalse();
    assertThat(made.get("created_at").asText()).isEqualTo(clock.instant().toString());
    assertThat(made.get("disabled_reason").isNull()).isTrue();
    String id = made.get("id").asText();
    assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");

    HttpResponse<String> listed = call("GET", "/subscriptions", ADMIN, null);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(json(listed.body()).get("subscriptions")).containsExactly(made);
    assertThat(json(call("GET", "/subscriptions/" + id, ADMIN, null).body())).isEqualTo(made);

    HttpResponse<String> changed =
        call(
            "PATCH",
            "/subscriptions/" + id,
            ADMIN,
            "{\"enabled\":false,\"authorization\":\"" + AUTHORIZATION + "\"}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(json(changed.body()).get("enabled").asBoolean()).isFalse();
    assertThat(json(changed.body()).get("authorization_set").asBoolean()).isTrue();
    assertThat(stored(id).authorization()).contains(AUTHORIZATION);

    HttpResponse<String> deleted = call("DELETE", "/subscriptions/" + id, OWNER, null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(call("GET", "/subscriptions/" + id, OWNER, null).statusCode()).isEqualTo(404);
    assertNoAuthorizationInAnyAnswer();
  }

  @Test
  void managersAndLearnersGet403EvenForAReadAndChangeNothing() {
    String id = createSigned();
    ReportSubscription before = stored(id);

    for (String token : List.of(MANAGER, LEARNER)) {
      for (String[] route :
          new String[][] {
            {"GET", "/subscriptions", null},
            {"POST", "/subscriptions", "{\"callback_url\":\"https://hooks.example.com/\"}"},
            {"POST", "/subscriptions", "{not json"},
            {"GET", "/subscriptions/" + id, null},
            {"PATCH", "/subscriptions/" + id, "{\"enabled\":false}"},
            {"DELETE", "/subscriptions/" + id, null},
            {"POST", "/subscriptions/" + id + "/rotate-secret", null},
            {"POST", "/subscriptions/" + id + "/test", null},
          }) {
        HttpResponse<String> answer = call(route[0], route[1], token, route[2]);
        assertThat(answer.statusCode()).as("%s %s", route[0], route[1]).isEqualTo(403);
        assertThat(answer.body()).doesNotContain("callback", id);
      }
    }
    assertThat(stored(id)).isEqualTo(before);
    assertThat(lms.store.subscriptions().listByCompany(Lms.ACME)).hasSize(1);
    assertThat(lms.store.allDeliveries()).isEmpty();
  }

  @Test
  void anotherCompanysSubscriptionIsTheSame404AsAnUnknownOne() {
    String id = createSigned();
    ReportSubscription before = stored(id);
    HttpResponse<String> unknown = call("GET", "/subscriptions/no-such-id", GLOBEX_ADMIN, null);
    assertThat(unknown.statusCode()).isEqualTo(404);

    for (String[] route :
        new String[][] {
          {"GET", "", null},
          {"PATCH", "", "{\"enabled\":false}"},
          {"PATCH", "", "{\"enabled\":\"no\",\"callback_url\":\"ftp://x\"}"},
          {"DELETE", "", null},
          {"POST", "/rotate-secret", "{\"grace_seconds\":60}"},
          {"POST", "/rotate-secret", "{\"grace_seconds\":\"x\"}"},
          {"POST", "/test", null},
        }) {
      HttpResponse<String> answer =
          call(route[0], "/subscriptions/" + id + route[1], GLOBEX_ADMIN, route[2]);
      assertThat(answer.statusCode()).as("%s %s", route[0], route[1]).isEqualTo(404);
      assertThat(answer.body()).isEqualTo(unknown.body());
    }
    assertThat(json(call("GET", "/subscriptions", GLOBEX_ADMIN, null).body()).get("subscriptions"))
        .isEmpty();
    assertThat(stored(id)).isEqualTo(before);
    assertThat(lms.store.allDeliveries()).isEmpty();
  }

  // ---- input ---------------------------------------------------------------------------------

  @Test
  void listsEveryValidationProblemAtOnceAndSavesNothing() {
    HttpResponse<String> created =
        call(
            "POST",
            "/subscriptions",
            ADMIN,
            "{\"callback_url\":\"ftp://hooks.example.com/\",\"authorization\":\"Token\\r\\nX: 1\","
                + "\"enabled\":\"yes\",\"retry\":{\"max_retries\":101,\"interval_seconds\":\"x\"},"
                + "\"signing\":1,\"colour\":\"red\"}");

    assertThat(problemFields(created))
        .containsExactlyInAnyOrder(
            "colour",
            "enabled",
            "retry.interval_seconds",
            "signing",
            "callback_url",
            "authorization");
    assertThat(created.body()).doesNotContain("Token");

    HttpResponse<String> bounds =
        call(
            "POST",
            "/subscriptions",
            ADMIN,
            "{\"callback_url\":\"https://hooks.example.com/\","
                + "\"retry\":{\"max_retries\":101,\"interval_seconds\":86401}}");
    assertThat(problemFields(bounds))
        .containsExactly("retry.max_retries", "retry.interval_seconds");
    assertThat(problemFields(call("POST", "/subscriptions", ADMIN, "{}")))
        .containsExactly("callback_url");
    assertThat(lms.store.subscriptions().listByCompany(Lms.ACME)).isEmpty();

    String id = createSigned();
    ReportSubscription before = stored(id);
    HttpResponse<String> patched =
        call(
            "PATCH",
            "/subscriptions/" + id,
            ADMIN,
            "{\"callback_url\":\"not a url\",\"enabled\":null,\"retry\":[1],\"signing\":\"off\"}");
    assertThat(problemFields(patched))
        .containsExactlyInAnyOrder("callback_url", "enabled", "retry", "signing");
    assertThat(stored(id)).isEqualTo(before);
  }

  @Test
  void refusesCallbackToPrivateAddressUnlessAllowed() {
    for (String url :
        List.of("http://127.0.0.1:9/hook", "http://10.0.0.7/hook", "http://[::1]/hook")) {
      HttpResponse<String> refused =
          call("POST", "/subscriptions", ADMIN, "{\"callback_url\":\"" + url + "\"}");

      assertThat(problemFields(refused)).containsExactly("callback_url");
      assertThat(json(refused.body()).get("problems").get(0).get("message").asText())
          .contains("non-public address", "allow_private_network");
    }
    assertThat(lms.store.subscriptions().listByCompany(Lms.ACME)).isEmpty();

    HttpResponse<String> allowed =
        call(
            "POST",
            "/subscriptions",
            ADMIN,
            "{\"callback_url\":\"http://10.0.0.7/hook\",\"allow_private_network\":true}");
    assertThat(allowed.statusCode()).isEqualTo(201);
    String id = json(allowed.body()).get("id").asText();
    assertThat(
            problemFields(
                call("PATCH", "/subscriptions/" + id, ADMIN, "{\"allow_private_network\":false}")))
        .containsExactly("callback_url");
    assertThat(stored(id).allowPrivateNetwork()).isTrue();
  }

  @Test
  void answersWrongMethodsAndBodiesAsEveryAdminRouteDoes() {
    String id = createSigned();

    HttpResponse<String> put = call("PUT", "/subscriptions", ADMIN, "{}");
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
    assertThat(call("POST", "/subscriptions/" + id, ADMIN, "{}").headers().firstValue("Allow"))
        .hasValue("GET, PATCH, DELETE");
    assertThat(
            call("GET", "/subscriptions/" + id + "/rotate-secret", ADMIN, null)
                .headers()
                .firstValue("Allow"))
        .hasValue("POST");
    assertThat(call("GET", "/subscriptions/" + id + "/test", ADMIN, null).statusCode())
        .isEqualTo(405);
    assertThat(call("POST", "/subscriptions", ADMIN, "[1]").statusCode()).isEqualTo(400);
    assertThat(call("PATCH", "/subscriptions/" + id, ADMIN, "\"x\"").statusCode()).isEqualTo(400);
    // 413 is the body reader's, shared with every admin route and tested there.
    assertThat(call("GET", "/subscriptions/" + id + "/nothing", ADMIN, null).statusCode())
        .isEqualTo(404);
  }

  // ---- secrets -------------------------------------------------------------------------------

  @Test
  void neverEchoesTheAuthorizationValueOrASecretItDidNotJustMake() {
    HttpResponse<String> created =
        call(
            "POST",
            "/subscriptions",
            ADMIN,
            "{\"callback_url\":\"https://hooks.example.com/lms\",\"signing\":true,"
                + "\"authorization\":\""
                + AUTHORIZATION
                + "\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String id = json(created.body()).get("id").asText();
    String first = json(created.body()).get("signing_secret").asText();
    assertThat(first).startsWith("whsec_");
    assertThat(stored(id).signingSecret().orElseThrow().reveal()).isEqualTo(first);

    List<HttpResponse<String>> later =
        List.of(
            call("GET", "/subscriptions", ADMIN, null),
            call("GET", "/subscriptions/" + id, ADMIN, null),
            call("PATCH", "/subscriptions/" + id, ADMIN, "{\"enabled\":true}"),
            call("PATCH", "/subscriptions/" + id, ADMIN, "{\"signing\":true}"),
            call("PATCH", "/subscriptions/" + id, ADMIN, "{\"authorization\":\"Bad\\nvalue\"}"));
    for (HttpResponse<String> answer : later) {
      assertThat(answer.body()).doesNotContain(first, "whsec_", "signing_secret");
    }
    HttpResponse<String> rotated =
        call("POST", "/subscriptions/" + id + "/rotate-secret", ADMIN, null);
    assertThat(rotated.statusCode()).isEqualTo(200);
    String second = json(rotated.body()).get("signing_secret").asText();
    assertThat(json(rotated.body()).fieldNames()).toIterable().containsExactly("signing_secret");
    assertThat(rotated.body()).doesNotContain(first);
    assertThat(second).isNotEqualTo(first);
    assertThat(stored(id).previousSecret().orElseThrow().until())
        .isEqualTo(clock.instant().plus(ReportAdministration.DEFAULT_SECRET_GRACE));
    for (HttpResponse<String> answer :
        List.of(
            call("GET", "/subscriptions/" + id, ADMIN, null),
            call("GET", "/subscriptions", ADMIN, null))) {
      assertThat(answer.body()).doesNotContain(first, second);
    }

    HttpResponse<String> off = call("PATCH", "/subscriptions/" + id, ADMIN, "{\"signing\":false}");
    assertThat(json(off.body()).get("signing").asBoolean()).isFalse();
    assertThat(stored(id).signingSecret()).isEmpty();
    HttpResponse<String> on = call("PATCH", "/subscriptions/" + id, ADMIN, "{\"signing\":true}");
    String third = json(on.body()).get("signing_secret").asText();
    assertThat(stored(id).signingSecret().orElseThrow().reveal()).isEqualTo(third);
    assertNoAuthorizationInAnyAnswer();
  }

  @Test
  void rotatingTheSecretOfAnUnsignedSubscriptionIs422() {
    HttpResponse<String> created =
        call(
            "POST",
            "/subscriptions",
            ADMIN,
            "{\"callback_url\":\"https://hooks.example.com/lms\"}");
    String id = json(created.body()).get("id").asText();

    assertThat(problemFields(call("POST", "/subscriptions/" + id + "/rotate-secret", ADMIN, null)))
        .containsExactly("signing");
    assertThat(
            problemFields(
                call(
                    "POST",
                    "/subscriptions/" + id + "/rotate-secret",
                    ADMIN,
                    "{\"grace_seconds\":1.5}")))
        .containsExactly("grace_seconds", "signing");
    assertThat(stored(id).signingSecret()).isEmpty();
  }

  // ---- deliveries ----------------------------------------------------------------------------

  @Test
  void aTestSendReachesARealReceiverWithTheSamplePayload() {
    String id = createToReceiver(false);

    HttpResponse<String> queued = call("POST", "/subscriptions/" + id + "/test", OWNER, null);

    assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
    String deliveryId = json(queued.body()).get("delivery_id").asText();
    assertThat(json(queued.body()).fieldNames()).toIterable().containsExactly("delivery_id");
    Delivery delivery = lms.store.outbox().findById(DeliveryId.of(deliveryId)).orElseThrow();
    assertThat(delivery.completion().value()).startsWith("test-");
    assertThat(lms.store.allCompletions()).as("no completion is recorded").isEmpty();

    workers().runOnce();

    assertThat(receiver.received()).hasSize(1);
    Receiver.Received got = receiver.received().get(0);
    assertThat(got.bodyText()).isEqualTo(SAMPLE);
    assertThat(got.header("webhook-id")).isEqualTo(deliveryId);
    assertThat(got.header("Authorization")).isEqualTo(AUTHORIZATION);
    assertThat(lms.store.outbox().findById(DeliveryId.of(deliveryId)).orElseThrow().state())
        .isEqualTo(DeliveryState.DELIVERED);
  }

  @Test
  void deletingASubscriptionCancelsItsPendingDeliveriesAndSendsNothingMore() {
    String id = createToReceiver(false);
    String first =
        json(call("POST", "/subscriptions/" + id + "/test", ADMIN, null).body())
            .get("delivery_id")
            .asText();
    String second =
        json(call("POST", "/subscriptions/" + id + "/test", ADMIN, null).body())
            .get("delivery_id")
            .asText();

    assertThat(call("DELETE", "/subscriptions/" + id, ADMIN, null).statusCode()).isEqualTo(204);
    workers().runOnce();

    for (String deliveryId : List.of(first, second)) {
      Delivery kept = lms.store.outbox().findById(DeliveryId.of(deliveryId)).orElseThrow();
      assertThat(kept.state()).isEqualTo(DeliveryState.FAILED);
      assertThat(kept.lastError()).contains("subscription deleted");
      assertThat(kept.payload()).isEqualTo(SAMPLE);
    }
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void a410GoneDisablesTheSubscriptionWithAReasonThatEnablingClears() {
    String id = createToReceiver(false);
    receiver.then(410);
    call("POST", "/subscriptions/" + id + "/test", ADMIN, null);

    workers().runOnce();

    JsonNode disabled = json(call("GET", "/subscriptions/" + id, ADMIN, null).body());
    assertThat(disabled.get("enabled").asBoolean()).isFalse();
    assertThat(disabled.get("disabled_reason").asText())
        .isEqualTo("answered 410 Gone at " + clock.instant());

    JsonNode enabled =
        json(call("PATCH", "/subscriptions/" + id, ADMIN, "{\"enabled\":true}").body());
    assertThat(enabled.get("enabled").asBoolean()).isTrue();
    assertThat(enabled.get("disabled_reason").isNull()).isTrue();
    assertThat(stored(id).disabledReason()).isEmpty();
  }

  @Test
  void duringTheGraceBothSecretsVerifyWithTheOfficialVerifierAfterItOnlyTheNewOne() {
    Optional<String> unavailable = StandardWebhooksVerifier.unavailable();
    assumeTrue(
        unavailable.isEmpty(),
        () -> "skipped: the official Standard Webhooks verifier cannot run: " + unavailable.get());
    HttpResponse<String> created =
        call(
            "POST",
            "/subscriptions",
            ADMIN,
            "{\"callback_url\":\""
                + receiver.url("/lms")
                + "\",\"allow_private_network\":true,\"signing\":true}");
    String id = json(created.body()).get("id").asText();
    String old = json(created.body()).get("signing_secret").asText();
    DeliveryWorkers workers = workers();

    call("POST", "/subscriptions/" + id + "/test", ADMIN, null);
    workers.runOnce();
    String fresh =
        json(call(
                    "POST",
                    "/subscriptions/" + id + "/rotate-secret",
                    ADMIN,
                    "{\"grace_seconds\":60}")
                .body())
            .get("signing_secret")
            .asText();
    call("POST", "/subscriptions/" + id + "/test", ADMIN, null);
    workers.runOnce();
    clock.advance(Duration.ofSeconds(61));
    call("POST", "/subscriptions/" + id + "/test", ADMIN, null);
    workers.runOnce();

    List<Receiver.Received> got = receiver.received();
    assertThat(got).hasSize(3);
    Receiver.Received before = got.get(0);
    assertThat(verifies(old, before)).as("before the rotation, the first secret").isTrue();
    assertThat(verifies(fresh, before)).isFalse();
    Receiver.Received during = got.get(1);
    assertThat(during.header("webhook-signature")).matches("v1,[^ ]+ v1,[^ ]+");
    assertThat(verifies(fresh, during)).as("during the grace, the new secret").isTrue();
    assertThat(verifies(old, during)).as("during the grace, the old secret").isTrue();
    Receiver.Received after = got.get(2);
    assertThat(after.header("webhook-signature")).matches("v1,[^ ]+");
    assertThat(verifies(fresh, after)).as("after the grace, the new secret").isTrue();
    assertThat(verifies(old, after)).as("after the grace, not the old secret").isFalse();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static boolean verifies(String secret, Receiver.Received request) {
    return StandardWebhooksVerifier.verifies(secret, request.headers(), request.body());
  }

  /** A subscription to the receiver, with the Authorization value. */
  private String createToReceiver(boolean signing) {
    HttpResponse<String> created =
        call(
            "POST",
            "/subscriptions",
            ADMIN,
            "{\"callback_url\":\""
                + receiver.url("/lms")
                + "\",\"allow_private_network\":true,\"authorization\":\""
                + AUTHORIZATION
                + "\",\"signing\":"
                + signing
                + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created.body()).get("id").asText();
  }

  private String createSigned() {
    HttpResponse<String> created =
        call(
            "POST",
            "/subscriptions",
            ADMIN,
            "{\"callback_url\":\"https://hooks.example.com/lms\",\"signing\":true,"
                + "\"authorization\":\""
                + AUTHORIZATION
                + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created.body()).get("id").asText();
  }

  private DeliveryWorkers workers() {
    return learnHook
        .deliveries()
        .workers(
            HttpReportTransport.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(5))
                .build())
        .subscriptionCache(Duration.ZERO)
        .build();
  }

  private ReportSubscription stored(String id) {
    return lms.store.subscriptions().findById(SubscriptionId.of(id)).orElseThrow();
  }

  private static List<String> problemFields(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
    JsonNode body = json(answer.body());
    assertThat(body.get("error").asText()).isEqualTo("Invalid input");
    List<String> fields = new ArrayList<>();
    body.get("problems").forEach(problem -> fields.add(problem.get("field").asText()));
    return fields;
  }

  private void assertNoAuthorizationInAnyAnswer() {
    for (HttpResponse<String> answer : answers) {
      assertThat(answer.body()).doesNotContain("s3cr3t-authorization-value");
    }
  }

  private HttpResponse<String> call(String method, String path, String token, String body) {
    URI uri = URI.create(server.adminUri() + path);
    HttpRequest.Builder request =
        token == null ? Client.request(uri) : Client.request(uri, "Authorization", bearer(token));
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpResponse<String> answer = Client.send(request.method(method, publisher).build());
    answers.add(answer);
    return answer;
  }
}
