package io.learnhook.http;

import static io.learnhook.http.Client.bearer;
import static io.learnhook.http.Client.post;
import static io.learnhook.http.Client.withQuery;
import static io.learnhook.http.Lms.ACME_KEY;
import static io.learnhook.http.Lms.INITECH_KEY;
import static io.learnhook.http.Lms.UNKNOWN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.learnhook.LearnHook;
import io.learnhook.directory.CompanyId;
import io.learnhook.http.admin.AdminAuthenticator;
import io.learnhook.ingest.IngestLimits;
import io.learnhook.management.Actor;
import io.learnhook.management.Actor.Role;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.webhook.KeyHash;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.Webhook.RateLimit;
import io.learnhook.webhook.WebhookId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real servers answer as {@code docs/openapi.yaml} says, on every binding: every status they
 * answer is documented for the operation, with the documented headers, and every JSON body matches
 * the schema documented for that status.
 */
class OpenApiContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode SPEC = read();
  private static final String OWNER = "owner-token";
  private static final String MANAGER = "manager-token";

  private static JsonNode read() {
    try {
      return new YAMLMapper().readTree(Path.of("..", "docs", "openapi.yaml").toFile());
    } catch (IOException e) {
      throw new IllegalStateException("docs/openapi.yaml is not readable YAML", e);
    }
  }

  @ParameterizedTest
  @EnumSource(Binding.class)
  void everyAnswerOfTheIncomingEndpointMatchesTheDescription(Binding binding) {
    Lms lms = new Lms();
    String lesson = Lms.annCompletedLesson1000At("2026-01-15T10:00:00Z");
    Set<Integer> statuses = new TreeSet<>();
    try (Binding.Served server = binding.serve(lms.learnHook().build().ingest())) {
      URI uri = server.uri();
      for (HttpResponse<String> answer :
          List.of(
              post(uri, lesson, "Authorization", bearer(ACME_KEY)),
              post(uri, lesson, "Authorization", bearer(ACME_KEY)),
              post(withQuery(uri, "dry_run=true"), lesson, "Authorization", bearer(ACME_KEY)),
              post(
                  withQuery(uri, "dry_run=true"),
                  Lms.annCompletedLesson1000At("2026-02-01T00:00:00Z"),
                  "Authorization",
                  bearer(ACME_KEY)),
              post(uri, "[" + lesson + ",{}]", "Authorization", bearer(ACME_KEY)),
              post(uri, "not json", "Authorization", bearer(ACME_KEY)),
              post(uri, lesson, "Authorization", bearer(UNKNOWN_KEY)),
              post(uri, lesson),
              post(uri, lesson, "Authorization", bearer(INITECH_KEY)),
              post(uri, "{\"lesson\":{\"id\":\"1000\"}}", "Authorization", bearer(ACME_KEY)),
              post(
                  uri,
                  "{\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":\"1000\"}}",
                  "Authorization",
                  bearer(ACME_KEY)),
              post(
                  uri,
                  "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"9\"}}",
                  "Authorization",
                  bearer(ACME_KEY)),
              Client.send(Client.request(uri).GET().build()))) {
        statuses.add(answer.statusCode());
        assertMatches("/webhooks/item_completions", "post", answer);
      }
    }
    LearnHook small = lms.learnHook().limits(IngestLimits.defaults().withMaxBodyBytes(64)).build();
    try (Binding.Served limited = binding.serve(small.ingest())) {
      HttpResponse<String> tooLarge =
          post(limited.uri(), lesson + " ".repeat(100), "Authorization", bearer(ACME_KEY));
      statuses.add(tooLarge.statusCode());
      assertMatches("/webhooks/item_completions", "post", tooLarge);
    }
    LearnHook slow = lms.learnHook().rateLimits(RateLimits.of(RateLimit.perMinute(1, 1))).build();
    try (Binding.Served limited = binding.serve(slow.ingest())) {
      post(limited.uri(), lesson, "Authorization", bearer(ACME_KEY));
      HttpResponse<String> tooMany = post(limited.uri(), lesson, "Authorization", bearer(ACME_KEY));
      statuses.add(tooMany.statusCode());
      assertMatches("/webhooks/item_completions", "post", tooMany);
    }
    LearnHook down = lms.learnHook().webhooks(new UnreachableWebhooks()).build();
    try (Binding.Served unavailable = binding.serve(down.ingest())) {
      HttpResponse<String> answer =
          post(unavailable.uri(), lesson, "Authorization", bearer(ACME_KEY));
      statuses.add(answer.statusCode());
      assertMatches("/webhooks/item_completions", "post", answer);
    }
    assertThat(statuses).containsExactly(200, 201, 400, 401, 403, 404, 405, 413, 422, 429, 503);
  }

  @ParameterizedTest
  @EnumSource(Binding.class)
  void everyAnswerOfTheAdminEndpointsMatchesTheDescription(Binding binding) {
    Lms lms = new Lms();
    LearnHook learnHook = lms.learnHook().build();
    AdminAuthenticator tokens =
        AdminAuthenticator.bearerTokens(
            Map.of(
                OWNER,
                Actor.of("u-olivia", "acme", Role.OWNER),
                MANAGER,
                Actor.of("u-mona", "acme", Role.MANAGER)));
    Set<String> seen = new TreeSet<>();
    try (Binding.Served server = binding.serve(learnHook.ingest(), null, learnHook, tokens)) {
      Admin admin = new Admin(server.adminUri(), seen);
      admin.call("get", "/webhooks", OWNER, null);
      admin.call("get", "/webhooks", null, null);
      admin.call("get", "/webhooks", MANAGER, null);
      admin.call(
          "post",
          "/webhooks",
          OWNER,
          "{\"name\":\"Go1\",\"mapping\":{\"email\":\"user.email\",\"source_id\":\"course.id\"},\"source_type\":\"go1\"}");
      admin.call("post", "/webhooks", OWNER, "{\"name\":\"Go1\",\"mapping\":{}}");
      admin.call("post", "/webhooks", OWNER, "{\"name\":\"\",\"mapping\":{\"emial\":\"x\"}}");
      admin.call("post", "/webhooks", OWNER, "[not json");
      String id = Lms.ACME_WEBHOOK.value();
      admin.call("get", "/webhooks/{id}", id, OWNER, null);
      admin.call("get", "/webhooks/{id}", "no-such-webhook", OWNER, null);
      admin.call(
          "patch",
          "/webhooks/{id}",
          id,
          OWNER,
          "{\"name\":\"KnowBe4 (renamed)\",\"source_type\":null}");
      admin.call(
          "patch",
          "/webhooks/{id}",
          id,
          OWNER,
          "{\"mapping\":{\"score\":{\"path\":\"s\",\"transform\":\"pct\"}}}");
      admin.call(
          "patch",
          "/webhooks/{id}",
          id,
          OWNER,
          "{\"rate_limit\":{\"per_second\":2.5,\"burst\":10}}");
      admin.call("patch", "/webhooks/{id}", id, OWNER, "{\"rate_limit\":\"off\"}");
      admin.call("patch", "/webhooks/{id}", id, OWNER, "{\"rate_limit\":{\"burst\":0}}");
      admin.call(
          "post", "/webhooks/{id}/regenerate-key", id, OWNER, "{\"grace_period_seconds\":3600}");
      admin.call(
          "post", "/webhooks/{id}/regenerate-key", id, OWNER, "{\"grace_period_seconds\":-1}");
      // A call with the old key, still valid during the grace period, fills the request log.
      post(server.uri(), "{}", "Authorization", bearer(ACME_KEY));
      admin.call("get", "/webhooks/{id}/requests", id, OWNER, null);
      admin.call("get", "/integration", null, OWNER, null);
      admin.call("put", "/integration", null, OWNER, "{\"enabled\":false}");
      admin.call("put", "/integration", null, OWNER, "{\"enabled\":\"yes\"}");
      admin.call("delete", "/webhooks/{id}", id, OWNER, null);
    }
    assertThat(seen)
        .contains(
            "get /webhooks 200",
            "get /webhooks 401",
            "get /webhooks 403",
            "post /webhooks 201",
            "post /webhooks 409",
            "post /webhooks 422",
            "post /webhooks 400",
            "get /webhooks/{id} 200",
            "get /webhooks/{id} 404",
            "patch /webhooks/{id} 200",
            "patch /webhooks/{id} 422",
            "post /webhooks/{id}/regenerate-key 200",
            "post /webhooks/{id}/regenerate-key 422",
            "get /webhooks/{id}/requests 200",
            "get /integration 200",
            "put /integration 200",
            "put /integration 422",
            "delete /webhooks/{id} 204");
  }

  @ParameterizedTest
  @EnumSource(Binding.class)
  void everyAnswerOfTheSubscriptionRoutesMatchesTheDescription(Binding binding) {
    Lms lms = new Lms();
    LearnHook learnHook = lms.learnHook().build();
    AdminAuthenticator tokens =
        AdminAuthenticator.bearerTokens(
            Map.of(
                OWNER,
                Actor.of("u-olivia", "acme", Role.OWNER),
                MANAGER,
                Actor.of("u-mona", "acme", Role.MANAGER)));
    Set<String> seen = new TreeSet<>();
    try (Binding.Served server = binding.serve(learnHook.ingest(), null, learnHook, tokens)) {
      Admin admin = new Admin(server.adminUri(), seen);
      admin.call("get", "/subscriptions", OWNER, null);
      admin.call("get", "/subscriptions", null, null);
      admin.call("get", "/subscriptions", MANAGER, null);
      admin.call(
          "post",
          "/subscriptions",
          OWNER,
          "{\"callback_url\":\"http://10.0.0.7/hook\",\"allow_private_network\":true,"
              + "\"authorization\":\"Token abc\",\"retry\":{\"max_retries\":2,"
              + "\"interval_seconds\":60},\"signing\":true}");
      admin.call("post", "/subscriptions", OWNER, "{\"callback_url\":\"http://10.0.0.7/\"}");
      admin.call("post", "/subscriptions", OWNER, "[not json");
      String id = lms.store.subscriptions().listByCompany(Lms.ACME).get(0).id().value();
      admin.call("get", "/subscriptions", OWNER, null);
      admin.call("get", "/subscriptions/{id}", id, OWNER, null);
      admin.call("get", "/subscriptions/{id}", "no-such-subscription", OWNER, null);
      admin.call("patch", "/subscriptions/{id}", id, OWNER, "{\"enabled\":false}");
      admin.call("patch", "/subscriptions/{id}", id, OWNER, "{\"signing\":false}");
      admin.call("patch", "/subscriptions/{id}", id, OWNER, "{\"signing\":true}");
      admin.call("patch", "/subscriptions/{id}", id, OWNER, "{\"retry\":{\"max_retries\":-1}}");
      admin.call("post", "/subscriptions/{id}/rotate-secret", id, OWNER, "{\"grace_seconds\":60}");
      admin.call("post", "/subscriptions/{id}/rotate-secret", id, OWNER, "{\"grace_seconds\":-1}");
      admin.call("post", "/subscriptions/{id}/test", id, OWNER, null);
      admin.call("delete", "/subscriptions/{id}", id, OWNER, null);
    }
    assertThat(seen)
        .contains(
            "get /subscriptions 200",
            "get /subscriptions 401",
            "get /subscriptions 403",
            "post /subscriptions 201",
            "post /subscriptions 422",
            "post /subscriptions 400",
            "get /subscriptions/{id} 200",
            "get /subscriptions/{id} 404",
            "patch /subscriptions/{id} 200",
            "patch /subscriptions/{id} 422",
            "post /subscriptions/{id}/rotate-secret 200",
            "post /subscriptions/{id}/rotate-secret 422",
            "post /subscriptions/{id}/test 202",
            "delete /subscriptions/{id} 204");
  }

  @ParameterizedTest
  @EnumSource(Binding.class)
  void everyAnswerOfTheDeliveryRoutesMatchesTheDescription(Binding binding) {
    Lms lms = new Lms();
    LearnHook learnHook = lms.learnHook().build();
    learnHook
        .deliveries()
        .saveSubscription(
            io.learnhook.delivery.ReportSubscription.of(
                io.learnhook.delivery.SubscriptionId.of("s-acme"),
                Lms.ACME,
                URI.create("https://hooks.acme.test/lms")));
    java.time.Instant now = java.time.Instant.now();
    List<io.learnhook.delivery.Delivery> deliveries = new java.util.ArrayList<>();
    for (String id : List.of("d-failed", "d-delivered", "d-pending")) {
      deliveries.add(
          io.learnhook.delivery.Delivery.pending(
              io.learnhook.delivery.DeliveryId.of(id),
              io.learnhook.delivery.SubscriptionId.of("s-acme"),
              Lms.ACME,
              io.learnhook.completion.CompletionId.of("c-" + id),
              "{\"user\":{\"email\":\"ann@acme.test\"}}",
              now.minusSeconds(60)));
    }
    lms.store.outbox().enqueue(deliveries.subList(0, 2));
    var claim = io.learnhook.spi.DeliveryOutbox.ClaimId.random();
    lms.store.outbox().claim(claim, now, now.plusSeconds(60), 2);
    var failed = io.learnhook.delivery.DeliveryId.of("d-failed");
    lms.store
        .outbox()
        .finish(
            claim,
            io.learnhook.spi.DeliveryOutbox.DeliveryOutcome.failed(
                failed,
                Optional.of(
                    new io.learnhook.delivery.Delivery.DeliveryAttempt(
                        failed,
                        1,
                        now,
                        java.time.Duration.ofMillis(5),
                        Optional.empty(),
                        Optional.of("connection refused"),
                        Optional.empty())),
                "connection refused",
                now));
    var delivered = io.learnhook.delivery.DeliveryId.of("d-delivered");
    lms.store
        .outbox()
        .finish(
            claim,
            io.learnhook.spi.DeliveryOutbox.DeliveryOutcome.delivered(
                new io.learnhook.delivery.Delivery.DeliveryAttempt(
                    delivered,
                    1,
                    now,
                    java.time.Duration.ofMillis(7),
                    Optional.of(200),
                    Optional.empty(),
                    Optional.of("ok")),
                now));
    lms.store.outbox().enqueue(deliveries.subList(2, 3));
    AdminAuthenticator tokens =
        AdminAuthenticator.bearerTokens(
            Map.of(
                OWNER,
                Actor.of("u-olivia", "acme", Role.OWNER),
                MANAGER,
                Actor.of("u-mona", "acme", Role.MANAGER)));
    String range =
        "\"since\":\"" + now.minusSeconds(3600) + "\",\"until\":\"" + now.plusSeconds(60) + "\"";
    Set<String> seen = new TreeSet<>();
    try (Binding.Served server = binding.serve(learnHook.ingest(), null, learnHook, tokens)) {
      Admin admin = new Admin(server.adminUri(), seen);
      admin.call("get", "/deliveries", OWNER, null);
      admin.call("get", "/deliveries", null, null);
      admin.call("get", "/deliveries", MANAGER, null);
      admin.call("get", "/deliveries?state=lost&limit=0", "/deliveries", null, OWNER, null);
      admin.call("get", "/deliveries?subscription=s-nobody", "/deliveries", null, OWNER, null);
      admin.call("get", "/deliveries/{id}", "d-failed", OWNER, null);
      admin.call("get", "/deliveries/{id}", "d-delivered", OWNER, null);
      admin.call("get", "/deliveries/{id}", "d-pending", OWNER, null);
      admin.call("get", "/deliveries/{id}", "d-nobody", OWNER, null);
      admin.call("post", "/deliveries/{id}/redeliver", "d-pending", OWNER, null);
      admin.call("post", "/deliveries/{id}/redeliver", "d-failed", OWNER, null);
      admin.call("post", "/deliveries/{id}/redeliver", "d-nobody", OWNER, null);
      admin.call("post", "/deliveries/redeliver", OWNER, "{\"state\":\"delivered\"," + range + "}");
      admin.call("post", "/deliveries/redeliver", OWNER, "{\"state\":\"pending\"}");
      admin.call("post", "/deliveries/redeliver", OWNER, "[1]");
      admin.call(
          "post",
          "/deliveries/redeliver",
          OWNER,
          "{\"state\":\"failed\"," + range + ",\"subscription\":\"s-nobody\"}");
    }
    LearnHook down = lms.learnHook().outbox(unreachable()).build();
    try (Binding.Served server = binding.serve(down.ingest(), null, down, tokens)) {
      Admin admin = new Admin(server.adminUri(), seen);
      admin.call("get", "/deliveries", OWNER, null);
      admin.call("get", "/deliveries/{id}", "d-failed", OWNER, null);
      admin.call("post", "/deliveries/{id}/redeliver", "d-failed", OWNER, null);
      admin.call("post", "/deliveries/redeliver", OWNER, "{\"state\":\"failed\"," + range + "}");
    }
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "get /deliveries 200",
            "get /deliveries 401",
            "get /deliveries 403",
            "get /deliveries 404",
            "get /deliveries 422",
            "get /deliveries 503",
            "get /deliveries/{id} 200",
            "get /deliveries/{id} 404",
            "get /deliveries/{id} 503",
            "post /deliveries/{id}/redeliver 202",
            "post /deliveries/{id}/redeliver 404",
            "post /deliveries/{id}/redeliver 409",
            "post /deliveries/{id}/redeliver 503",
            "post /deliveries/redeliver 202",
            "post /deliveries/redeliver 400",
            "post /deliveries/redeliver 404",
            "post /deliveries/redeliver 422",
            "post /deliveries/redeliver 503");
  }

  /** An outbox in a database that cannot be reached. */
  private static io.learnhook.spi.DeliveryOutbox unreachable() {
    return (io.learnhook.spi.DeliveryOutbox)
        java.lang.reflect.Proxy.newProxyInstance(
            OpenApiContractTest.class.getClassLoader(),
            new Class<?>[] {io.learnhook.spi.DeliveryOutbox.class},
            (proxy, method, arguments) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? "unreachable outbox" : null;
              }
              throw new StorageUnavailableException("database unreachable", null);
            });
  }

  /**
   * What a linter ({@code npx @redocly/cli lint docs/openapi.yaml}) checks first, so that the build
   * catches it: every operation has a summary, and every response is a response object (a comma in
   * an unquoted flow-style description once split it into a stray key).
   */
  @org.junit.jupiter.api.Test
  void everyOperationHasASummaryAndEveryResponseADescriptionOnly() {
    Set<String> responseKeys = Set.of("description", "headers", "content", "links");
    for (Iterator<Map.Entry<String, JsonNode>> paths = SPEC.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (String method : List.of("get", "put", "post", "patch", "delete")) {
        JsonNode operation = path.getValue().path(method);
        if (operation.isMissingNode()) {
          continue;
        }
        assertThat(operation.path("summary").asText())
            .as("summary of %s %s", method, path.getKey())
            .isNotBlank();
        operation
            .path("responses")
            .fields()
            .forEachRemaining(
                response -> {
                  JsonNode resolved = resolve(response.getValue());
                  assertThat(resolved.path("description").asText())
                      .as("description of %s %s %s", method, path.getKey(), response.getKey())
                      .isNotBlank();
                  resolved
                      .fieldNames()
                      .forEachRemaining(
                          key ->
                              assertThat(responseKeys)
                                  .as("%s %s %s", method, path.getKey(), response.getKey())
                                  .contains(key));
                });
      }
    }
  }

  /**
   * Where the description and the server once disagreed, they now refuse and accept the same
   * inputs: a webhook created without a mapping, a {@code source_type} over 255 characters, a
   * request-log {@code limit} over 1000, and {@code dry_run=1}.
   */
  @ParameterizedTest
  @EnumSource(Binding.class)
  void theServerAcceptsExactlyTheInputsTheDescriptionAccepts(Binding binding) {
    Lms lms = new Lms();
    LearnHook learnHook = lms.learnHook().build();
    AdminAuthenticator tokens =
        AdminAuthenticator.bearerTokens(Map.of(OWNER, Actor.of("u-olivia", "acme", Role.OWNER)));
    JsonNode input = resolve(SPEC.at("/components/schemas/WebhookInput"));
    JsonNode changes = resolve(SPEC.at("/components/schemas/WebhookChanges"));
    String longType = "t".repeat(255);
    try (Binding.Served server = binding.serve(learnHook.ingest(), null, learnHook, tokens)) {
      // First, while the webhook still finds the lesson (its source type changes below).
      JsonNode dryRun = parameter("/webhooks/item_completions", "post", "dry_run");
      String lesson = Lms.annCompletedLesson1000At("2026-01-15T10:00:00Z");
      for (String value : List.of("1", "TRUE")) {
        assertThat(accepts(dryRun, JSON.getNodeFactory().textNode(value))).isTrue();
        HttpResponse<String> answer =
            post(
                withQuery(server.uri(), "dry_run=" + value),
                lesson,
                "Authorization",
                bearer(ACME_KEY));
        assertThat(Client.json(answer.body()).path("status").asText())
            .as("dry_run=%s is a dry run: %s", value, answer.body())
            .isEqualTo("dry_run");
      }
      HttpResponse<String> recorded =
          post(withQuery(server.uri(), "dry_run=0"), lesson, "Authorization", bearer(ACME_KEY));
      assertThat(recorded.statusCode()).as("dry_run=0 records").isEqualTo(201);
      URI admin = server.adminUri();
      for (String body :
          List.of(
              "{\"name\":\"no mapping\"}",
              "{\"name\":\"empty mapping\",\"mapping\":{}}",
              "{\"name\":\"long type\",\"mapping\":{},\"source_type\":\"" + longType + "\"}",
              "{\"name\":\"too long\",\"mapping\":{},\"source_type\":\"" + longType + "t\"}")) {
        HttpResponse<String> answer = adminCall(admin, "POST", "/webhooks", body);
        assertThat(answer.statusCode() == 201)
            .as("the description and the server agree on %s (answered %s)", body, answer.body())
            .isEqualTo(accepts(input, Client.json(body)));
      }
      String id = Lms.ACME_WEBHOOK.value();
      for (String body :
          List.of(
              "{\"source_type\":\"" + longType + "\"}",
              "{\"source_type\":\"" + longType + "t\"}")) {
        HttpResponse<String> answer = adminCall(admin, "PATCH", "/webhooks/" + id, body);
        assertThat(answer.statusCode() == 200)
            .as("the description and the server agree on %s (answered %s)", body, answer.body())
            .isEqualTo(accepts(changes, Client.json(body)));
      }
      JsonNode limit = parameter("/admin/webhooks/{id}/requests", "get", "limit");
      for (int value : List.of(0, 1, 1000, 1001)) {
        HttpResponse<String> answer =
            adminCall(admin, "GET", "/webhooks/" + id + "/requests?limit=" + value, null);
        assertThat(answer.statusCode() == 200)
            .as("the description and the server agree on limit=%s", value)
            .isEqualTo(accepts(limit, JSON.getNodeFactory().numberNode(value)));
      }
    }
  }

  private static HttpResponse<String> adminCall(URI base, String method, String path, String body) {
    return Client.send(
        Client.request(URI.create(base + path), "Authorization", bearer(OWNER))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static JsonNode parameter(String route, String method, String name) {
    for (JsonNode parameter : SPEC.path("paths").path(route).path(method).path("parameters")) {
      if (parameter.path("name").asText().equals(name)) {
        return resolve(parameter.path("schema"));
      }
    }
    throw new AssertionError(method + " " + route + " documents no parameter " + name);
  }

  private static boolean accepts(JsonNode schema, JsonNode value) {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(schema)
        .validate(value)
        .isEmpty();
  }

  /** Calls admin routes and checks each answer against the description. */
  private static final class Admin {
    private final URI base;
    private final Set<String> seen;

    Admin(URI base, Set<String> seen) {
      this.base = base;
      this.seen = seen;
    }

    void call(String method, String route, String token, String body) {
      call(method, route, null, token, body);
    }

    void call(String method, String route, String id, String token, String body) {
      call(method, id == null ? route : route.replace("{id}", id), route, id, token, body);
    }

    /** A call to {@code path} (a query string included), checked as {@code route}. */
    void call(String method, String path, String route, String id, String token, String body) {
      URI uri = URI.create(base + path);
      HttpRequest.Builder request =
          token == null ? Client.request(uri) : Client.request(uri, "Authorization", bearer(token));
      HttpRequest.BodyPublisher publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body);
      HttpResponse<String> answer =
          Client.send(request.method(method.toUpperCase(Locale.ROOT), publisher).build());
      seen.add(method + " " + route + " " + answer.statusCode());
      assertMatches("/admin" + route, method, answer);
    }
  }

  private static void assertMatches(String route, String method, HttpResponse<String> answer) {
    String status = Integer.toString(answer.statusCode());
    JsonNode operation = SPEC.path("paths").path(route).path(method);
    assertThat(operation.isMissingNode()).as("%s %s is documented", method, route).isFalse();
    JsonNode response = resolve(operation.path("responses").path(status));
    assertThat(response.isMissingNode())
        .as("%s %s answering %s is documented", method, route, status)
        .isFalse();
    for (Iterator<Map.Entry<String, JsonNode>> headers = response.path("headers").fields();
        headers.hasNext(); ) {
      String header = headers.next().getKey();
      assertThat(answer.headers().firstValue(header))
          .as("%s header of %s %s %s", header, method, route, status)
          .isPresent();
    }
    JsonNode content = response.path("content");
    if (content.isMissingNode()) {
      assertThat(answer.body()).as("%s %s %s has no body", method, route, status).isEmpty();
      return;
    }
    JsonNode schema = resolve(content.at("/application~1json/schema"));
    assertThat(schema.isMissingNode())
        .as("a JSON schema for %s %s %s", method, route, status)
        .isFalse();
    assertThat(answer.headers().firstValue("Content-Type").orElse("").replace(" ", ""))
        .isEqualToIgnoringCase("application/json;charset=utf-8");
    Set<ValidationMessage> problems =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(schema)
            .validate(Client.json(answer.body()));
    assertThat(problems).as("%s %s %s %s", method, route, status, answer.body()).isEmpty();
  }

  /** The node with every {@code $ref} into this document replaced by what it points at. */
  private static JsonNode resolve(JsonNode node) {
    if (node.isObject() && node.has("$ref")) {
      String ref = node.get("$ref").asText();
      assertThat(ref).startsWith("#/");
      return resolve(SPEC.at(ref.substring(1)));
    }
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), resolve(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = JSON.createArrayNode();
      node.forEach(e -> copy.add(resolve(e)));
      return copy;
    }
    return node;
  }

  /** Webhooks in a database that cannot be reached. */
  private static final class UnreachableWebhooks implements WebhookRepository {
    private static StorageUnavailableException down() {
      return new StorageUnavailableException("database unreachable", null);
    }

    @Override
    public Optional<Webhook> findByKeyHash(KeyHash hash) {
      throw down();
    }

    @Override
    public Optional<Webhook> findById(WebhookId id) {
      throw down();
    }

    @Override
    public List<Webhook> listByCompany(CompanyId company) {
      throw down();
    }

    @Override
    public void save(Webhook webhook) {
      throw down();
    }

    @Override
    public boolean delete(WebhookId id) {
      throw down();
    }
  }
}
