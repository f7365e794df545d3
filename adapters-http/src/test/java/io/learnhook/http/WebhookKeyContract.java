package io.learnhook.http;

import static io.learnhook.http.Client.assertError;
import static io.learnhook.http.Client.basic;
import static io.learnhook.http.Client.bearer;
import static io.learnhook.http.Client.json;
import static io.learnhook.http.Client.post;
import static io.learnhook.http.Client.withQuery;
import static io.learnhook.http.Lms.ACME_KEY;
import static io.learnhook.http.Lms.GLOBEX_KEY;
import static io.learnhook.http.Lms.INITECH_KEY;
import static io.learnhook.http.Lms.UNKNOWN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * How the webhook key is read and checked, and that it is never shown back; each binding runs it
 * ({@link WebhookKeyOnJdkServerTest}, {@link WebhookKeyOnServletTest}).
 */
abstract class WebhookKeyContract extends ServedLmsTest {
  private static final String INVALID_KEY = "Invalid webhook key";

  @Test
  void rejectsACallWithoutAKey() {
    HttpResponse<String> response = post(server.uri(), Lms.annCompletedLesson1000());

    assertError(response, 401, INVALID_KEY);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void rejectsAnUnknownKey() {
    HttpResponse<String> response =
        post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(UNKNOWN_KEY));

    assertError(response, 401, INVALID_KEY);
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void rejectsAMalformedKey() {
    assertError(
        post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", "Bearer not-a-key"),
        401,
        INVALID_KEY);
    assertError(
        post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", ACME_KEY.substring(1)),
        401,
        INVALID_KEY);
    assertError(
        post(withQuery(server.uri(), "key=12345"), Lms.annCompletedLesson1000()), 401, INVALID_KEY);
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void rejectsAKeyOfAnotherCompanyWhenTheHostNamesTheCompany() throws IOException {
    try (Binding.Served bySubdomain =
        binding().serve(learnHook.ingest(), TenantResolver.subdomainOf("lms.test"), null, null)) {
      // globex's key, valid in itself, sent to acme's host.
      RawHttp.Response foreign =
          rawPost(bySubdomain.port(), "acme.lms.test", GLOBEX_KEY, globexPayload());
      // The same call sent to globex's own host.
      RawHttp.Response own =
          rawPost(
              bySubdomain.port(),
              "globex.lms.test:" + bySubdomain.port(),
              GLOBEX_KEY,
              globexPayload());

      assertThat(foreign.status()).isEqualTo(401);
      assertThat(Client.isJsonUtf8(foreign.header("Content-Type"))).isTrue();
      assertThat(foreign.body()).isEqualTo("{\"error\":\"Invalid webhook key\"}");
      assertThat(own.status()).as(own.body()).isEqualTo(201);
    }
    assertThat(lms.store.allCompletions())
        .singleElement()
        .satisfies(completion -> assertThat(completion.company()).isEqualTo(Lms.GLOBEX));
  }

  @Test
  void acceptsTheKeyVerbatimInTheAuthorizationHeader() {
    assertRecorded(post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", ACME_KEY));
  }

  @Test
  void acceptsTheKeyAsABearerToken() {
    assertRecorded(
        post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(ACME_KEY)));
  }

  @Test
  void acceptsTheKeyAsTheBasicPasswordAsXapiClientsSendIt() {
    assertRecorded(
        post(
            server.uri(),
            Lms.annCompletedLesson1000(),
            "Authorization",
            basic("knowbe4", ACME_KEY)));
  }

  @Test
  void acceptsTheKeyInTheQueryString() {
    assertRecorded(post(withQuery(server.uri(), "key=" + ACME_KEY), Lms.annCompletedLesson1000()));
  }

  @Test
  void neverEchoesTheKeyInAnyAnswer() {
    Map<String, String> failingPayloads =
        Map.of(
            "not JSON", "email=ann@acme.test&key=" + ACME_KEY,
            "missing email", "{\"lesson\":{\"id\":\"1000\"}}",
            "wrong type", "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":{\"k\":1}}}",
            "unknown item", "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"9\"}}",
            "unknown user", "{\"user\":{\"email\":\"x@acme.test\"},\"lesson\":{\"id\":\"1000\"}}",
            "inactive user",
                "{\"user\":{\"email\":\"bob@acme.test\"},\"lesson\":{\"id\":\"1000\"}}",
            "not externally controlled",
                "{\"user\":{\"email\":\"ann@acme.test\"},\"slug\":\"intro\"}",
            "batch",
                "[{\"lesson\":{\"id\":\"1000\"}},{\"user\":{\"email\":\"x@acme.test\"},\"slug\":\"intro\"}]",
            "empty", "");
    List<String> answers = new ArrayList<>();
    for (Function<String, HttpRequest.Builder> form : keyForms(server.uri(), ACME_KEY)) {
      for (Map.Entry<String, String> payload : failingPayloads.entrySet()) {
        for (String query : List.of("", "dry_run=true")) {
          HttpRequest request =
              form.apply(query)
                  .POST(HttpRequest.BodyPublishers.ofString(payload.getValue()))
                  .build();
          HttpResponse<String> response = Client.send(request);
          assertThat(response.statusCode()).as(payload.getKey()).isIn(200, 400, 404, 422);
          answers.add(payload.getKey() + " -> " + describe(response));
        }
      }
    }
    // A key that is right but of a company whose integration is off (403), and an unknown key
    // (401).
    for (String key : List.of(INITECH_KEY, UNKNOWN_KEY)) {
      for (Function<String, HttpRequest.Builder> form : keyForms(server.uri(), key)) {
        HttpResponse<String> response =
            Client.send(form.apply("").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.statusCode()).isIn(401, 403);
        answers.add(describe(response));
      }
    }

    assertThat(lms.store.allCompletions()).isEmpty();
    assertThat(answers).hasSize(4 * 9 * 2 + 2 * 4);
    for (String key : List.of(ACME_KEY, INITECH_KEY, UNKNOWN_KEY)) {
      assertThat(answers).noneMatch(answer -> containsKey(answer, key));
    }
  }

  @Test
  void neverEchoesAKeyTheSenderAlsoPutInTheBody() {
    List<String> bodies =
        List.of(
            "{\"user\":" + ACME_KEY + "}",
            "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"completed_at\":\""
                + ACME_KEY
                + "\"}");
    for (String body : bodies) {
      HttpResponse<String> response = post(server.uri(), body, "Authorization", bearer(ACME_KEY));

      assertThat(response.statusCode()).isIn(400, 422);
      assertThat(containsKey(response.body(), ACME_KEY)).as(response.body()).isFalse();
      assertThat(learnHook.requestLog(Lms.ACME_WEBHOOK, 1))
          .singleElement()
          .satisfies(entry -> assertThat(containsKey(entry.toString(), ACME_KEY)).isFalse());
    }
  }

  @Test
  void checksTheKeyBeforeReadingTheBody() throws IOException {
    long fiftyMegabytes = 50L * 1024 * 1024;
    try (RawHttp connection = RawHttp.connect(server.port())) {
      long started = System.nanoTime();
      // The head announces 50 MB; only a few bytes of it ever come.
      connection
          .head(
              "POST " + server.uri().getPath() + " HTTP/1.1",
              "Host: 127.0.0.1",
              "Authorization: Bearer " + UNKNOWN_KEY,
              "Content-Type: application/json",
              "Content-Length: " + fiftyMegabytes)
          .write("{\"user\":");

      RawHttp.Response response = connection.read();

      assertThat(response.status()).isEqualTo(401);
      assertThat(response.body()).isEqualTo("{\"error\":\"Invalid webhook key\"}");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void requestLogKeepsOneEntryPerAuthenticatedCallAndNeverTheKey() {
    List<Function<String, HttpRequest.Builder>> forms = keyForms(server.uri(), ACME_KEY);
    // Four calls that authenticate, one in each form of the key, with different outcomes.
    send(forms.get(0), "", Lms.annCompletedLesson1000At("2026-01-15T10:00:00Z"));
    send(forms.get(1), "", "{\"user\":{\"email\":\"x@acme.test\"},\"lesson\":{\"id\":\"1000\"}}");
    send(forms.get(2), "dry_run=true", Lms.annCompletedLesson1000());
    send(forms.get(3), "", "{\"user\":");
    // And calls that do not: these are not logged.
    post(server.uri(), Lms.annCompletedLesson1000());
    post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(UNKNOWN_KEY));

    List<RequestLogEntry> log = learnHook.requestLog(Lms.ACME_WEBHOOK, 100);

    assertThat(log)
        .extracting(RequestLogEntry::outcome, RequestLogEntry::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Outcome.REJECTED, 400),
            org.assertj.core.groups.Tuple.tuple(Outcome.DRY_RUN, 200),
            org.assertj.core.groups.Tuple.tuple(Outcome.REJECTED, 404),
            org.assertj.core.groups.Tuple.tuple(Outcome.RECORDED, 201));
    assertThat(log).allSatisfy(entry -> assertThat(entry.webhook()).isEqualTo(Lms.ACME_WEBHOOK));
    assertThat(log).noneMatch(entry -> containsKey(entry.toString(), ACME_KEY));
    assertThat(log)
        .noneMatch(
            entry -> entry.mappedFields().filter(text -> containsKey(text, ACME_KEY)).isPresent())
        .noneMatch(entry -> entry.error().filter(text -> containsKey(text, ACME_KEY)).isPresent());
  }

  private static void send(Function<String, HttpRequest.Builder> form, String query, String body) {
    Client.send(form.apply(query).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /**
   * The four ways to send {@code key}, each as a request builder for a query string (without the
   * key): verbatim, Bearer, Basic password, {@code ?key=}.
   */
  private static List<Function<String, HttpRequest.Builder>> keyForms(URI endpoint, String key) {
    Function<String, URI> at = query -> query.isEmpty() ? endpoint : withQuery(endpoint, query);
    return List.of(
        query -> Client.request(at.apply(query), "Authorization", key),
        query -> Client.request(at.apply(query), "Authorization", bearer(key)),
        query -> Client.request(at.apply(query), "Authorization", basic("sender", key)),
        query ->
            Client.request(
                withQuery(endpoint, "key=" + key + (query.isEmpty() ? "" : "&" + query))));
  }

  /** The whole answer: status, every header, body. */
  private static String describe(HttpResponse<String> response) {
    return response.statusCode() + " " + response.headers().map() + " " + response.body();
  }

  /**
   * Whether {@code text} holds the key, or its first or last group (its longest recognisable
   * parts).
   */
  private static boolean containsKey(String text, String key) {
    String haystack = text.toLowerCase(Locale.ROOT);
    String[] groups = key.toLowerCase(Locale.ROOT).split("-");
    return haystack.contains(key.toLowerCase(Locale.ROOT))
        || haystack.contains(groups[0])
        || haystack.contains(groups[4]);
  }

  private void assertRecorded(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(json(response.body()).get("status").asText()).isEqualTo("recorded");
    assertThat(lms.store.allCompletions())
        .singleElement()
        .satisfies(completion -> assertThat(completion.user()).isEqualTo(Lms.ANN));
  }

  private static String globexPayload() {
    return "{\"user\":{\"email\":\"carol@globex.test\"},\"lesson\":{\"id\":\"2000\"}}";
  }

  private static RawHttp.Response rawPost(int port, String host, String key, String body)
      throws IOException {
    try (RawHttp connection = RawHttp.connect(port)) {
      byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      connection
          .head(
              "POST /webhooks/item_completions HTTP/1.1",
              "Host: " + host,
              "Authorization: Bearer " + key,
              "Content-Type: application/json",
              "Content-Length: " + bytes.length)
          .write(bytes);
      return connection.read();
    }
  }
}
