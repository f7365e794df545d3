package io.learnhook.http;

import static io.learnhook.http.Client.assertError;
import static io.learnhook.http.Client.bearer;
import static io.learnhook.http.Client.errorOf;
import static io.learnhook.http.Client.json;
import static io.learnhook.http.Client.post;
import static io.learnhook.http.Client.withQuery;
import static io.learnhook.http.Lms.ACME_KEY;
import static io.learnhook.http.Lms.INITECH_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnhook.LearnHook;
import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.completion.RecordResult;
import io.learnhook.directory.CompanyId;
import io.learnhook.ingest.IngestLimits;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import io.learnhook.spi.CompletionRepository;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.webhook.KeyHash;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.Webhook.RateLimit;
import io.learnhook.webhook.WebhookId;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every row of the status table (docs/CONTRACTS.md) of {@code POST /webhooks/item_completions},
 * over a real socket. Each binding runs it ({@link StatusTableOnJdkServerTest}, {@link
 * StatusTableOnServletTest}), so all answer alike.
 */
abstract class StatusTableContract extends ServedLmsTest {
  @Test
  void recordsTheCompletionAndAnswers201WithItsIds() {
    HttpResponse<String> response =
        post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(ACME_KEY));

    assertThat(response.statusCode()).isEqualTo(201);
    Client.assertJsonUtf8(response);
    assertThat(response.headers().firstValueAsLong("Content-Length"))
        .hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
    Completion recorded = onlyCompletion();
    assertThat(json(response.body()))
        .isEqualTo(
            json(
                "{\"status\":\"recorded\",\"completion_id\":\""
                    + recorded.id().value()
                    + "\",\"user_id\":\"u-ann\",\"item_id\":\"i-phishing\"}"));
    assertThat(recorded.user()).isEqualTo(Lms.ANN);
    assertThat(recorded.item()).isEqualTo(Lms.PHISHING);
    assertThat(recorded.webhook()).contains(Lms.ACME_WEBHOOK);
  }

  @Test
  void answers200WithTheFirstCompletionIdWhenTheSameCompletionArrivesAgain() {
    String payload = Lms.annCompletedLesson1000At("2026-01-15T10:00:00Z");

    HttpResponse<String> first = post(server.uri(), payload, "Authorization", bearer(ACME_KEY));
    HttpResponse<String> again = post(server.uri(), payload, "Authorization", bearer(ACME_KEY));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    Client.assertJsonUtf8(again);
    String firstId = json(first.body()).get("completion_id").asText();
    assertThat(json(again.body()))
        .isEqualTo(
            json(
                "{\"status\":\"duplicate\",\"completion_id\":\""
                    + firstId
                    + "\",\"user_id\":\"u-ann\",\"item_id\":\"i-phishing\"}"));
    assertThat(onlyCompletion().id()).isEqualTo(CompletionId.of(firstId));
  }

  @Test
  void answers200WithTheFirstCompletionIdWhenTheSameEventIdArrivesAgain() {
    String first =
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},"
            + "\"event_id\":\"evt-42\",\"completed_at\":\"2026-01-15T10:00:00Z\"}";
    // Resent later with a different completion time: the event id alone makes it the same event.
    String resent =
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},"
            + "\"event_id\":\"evt-42\",\"completed_at\":\"2026-01-16T08:30:00Z\"}";

    HttpResponse<String> recorded = post(server.uri(), first, "Authorization", bearer(ACME_KEY));
    HttpResponse<String> duplicate = post(server.uri(), resent, "Authorization", bearer(ACME_KEY));

    assertThat(recorded.statusCode()).isEqualTo(201);
    assertThat(duplicate.statusCode()).isEqualTo(200);
    String firstId = json(recorded.body()).get("completion_id").asText();
    assertThat(json(duplicate.body()))
        .isEqualTo(
            json(
                "{\"status\":\"duplicate\",\"completion_id\":\""
                    + firstId
                    + "\",\"user_id\":\"u-ann\",\"item_id\":\"i-phishing\"}"));
    assertThat(lms.store.allCompletions()).hasSize(1);
  }

  @Test
  void refusesWith403WhenTheIntegrationIsDisabledForTheCompany() {
    HttpResponse<String> response =
        post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(INITECH_KEY));

    assertError(response, 403, "The completions integration is not enabled for this company");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answers400WhenTheBodyIsNotJson() {
    HttpResponse<String> response =
        post(server.uri(), "email=ann@acme.test&lesson=1000", "Authorization", bearer(ACME_KEY));

    assertThat(errorOf(response, 400)).startsWith("Body is not valid JSON");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void readsAJsonBodySentAsFormUrlencodedAsCurlDashDDoes() {
    HttpResponse<String> response =
        Client.send(
            Client.request(server.uri(), "Authorization", bearer(ACME_KEY))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Lms.annCompletedLesson1000()))
                .build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(json(response.body()).get("status").asText()).isEqualTo("recorded");
    assertThat(lms.store.allCompletions()).hasSize(1);
  }

  @Test
  void answers413WhenTheDeclaredContentLengthIsOverTheLimit() {
    try (Binding.Served small = serve(withBodyLimit(1024).ingest())) {
      HttpResponse<String> response =
          post(small.uri(), paddedPayload(1025), "Authorization", bearer(ACME_KEY));

      assertError(
          response, 413, "Body is larger than the limit of 1024 bytes (IngestLimits.maxBodyBytes)");
    }
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answers413WhenAChunkedBodyOfUnknownLengthGrowsOverTheLimit() {
    try (Binding.Served small = serve(withBodyLimit(1024).ingest())) {
      HttpResponse<String> response = postChunked(small, paddedPayload(4096));

      assertThat(response.request().headers().firstValue("Content-Length")).isEmpty();
      assertError(
          response, 413, "Body is larger than the limit of 1024 bytes (IngestLimits.maxBodyBytes)");
    }
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void acceptsAChunkedBodyOfExactlyTheLimit() {
    try (Binding.Served small = serve(withBodyLimit(1024).ingest())) {
      HttpResponse<String> response = postChunked(small, paddedPayload(1024));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
    assertThat(lms.store.allCompletions()).hasSize(1);
  }

  @Test
  void answers413NamingTheLimitWhenABatchIsLargerThanTheBatchLimit() {
    LearnHook small = lms.learnHook().limits(IngestLimits.defaults().withMaxBatchSize(1)).build();
    String one = Lms.annCompletedLesson1000();

    try (Binding.Served served = serve(small.ingest())) {
      HttpResponse<String> response =
          post(served.uri(), "[" + one + "," + one + "]", "Authorization", bearer(ACME_KEY));

      assertError(
          response,
          413,
          "Batch of 2 completions is larger than the limit of 1 (IngestLimits.maxBatchSize)");
    }
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answers422NamingTheLimitWhenAStringIsLongerThanTheStringLimit() {
    String payload =
        "{\"user\":{\"email\":\""
            + "a".repeat(IngestLimits.DEFAULT_MAX_STRING_LENGTH + 1)
            + "\"},\"lesson\":{\"id\":\"1000\"}}";

    HttpResponse<String> response = post(server.uri(), payload, "Authorization", bearer(ACME_KEY));

    assertThat(errorOf(response, 422))
        .startsWith("A string in the body is longer than the limit of 262144 characters")
        .contains("(IngestLimits.maxStringLength)");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answers422NamingTheFieldItsPathAndTheLimitWhenAnEmailIsLongerThan320Characters() {
    String payload =
        "{\"user\":{\"email\":\"" + "a".repeat(320) + "@acme.test\"},\"lesson\":{\"id\":\"1000\"}}";

    HttpResponse<String> response = post(server.uri(), payload, "Authorization", bearer(ACME_KEY));

    assertThat(errorOf(response, 422))
        .startsWith("email must be at most 320 characters")
        .endsWith("at 'user.email'");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answers422NamingTheFieldAndItsPathWhenTheEmailIsMissing() {
    HttpResponse<String> response =
        post(server.uri(), "{\"lesson\":{\"id\":\"1000\"}}", "Authorization", bearer(ACME_KEY));

    assertThat(errorOf(response, 422)).contains("email").contains("user.email");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answers422NamingTheFieldAndItsPathWhenAValueHasTheWrongType() {
    String payload =
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":{\"nested\":true}}}";

    HttpResponse<String> response = post(server.uri(), payload, "Authorization", bearer(ACME_KEY));

    assertThat(errorOf(response, 422)).contains("source_id").contains("lesson.id");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answers404ItemNotFoundWhenNoItemMatches() {
    String payload = "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"9999\"}}";

    assertError(
        post(server.uri(), payload, "Authorization", bearer(ACME_KEY)), 404, "Item not found");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answers404ItemNotFoundForAnotherCompanysItem() {
    // 2000 is globex's lesson: acme's webhook cannot reach it.
    String payload = "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"2000\"}}";

    assertError(
        post(server.uri(), payload, "Authorization", bearer(ACME_KEY)), 404, "Item not found");
  }

  @Test
  void answers404UserNotFoundForAnUnknownEmail() {
    String payload = "{\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":\"1000\"}}";

    assertError(
        post(server.uri(), payload, "Authorization", bearer(ACME_KEY)), 404, "User not found");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answers404UserNotFoundForAnInactiveUser() {
    String payload = "{\"user\":{\"email\":\"bob@acme.test\"},\"lesson\":{\"id\":\"1000\"}}";

    assertError(
        post(server.uri(), payload, "Authorization", bearer(ACME_KEY)), 404, "User not found");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answers422WhenTheItemsCompletionIsNotControlledExternally() {
    // No lesson id: the item is found by the top-level slug, and it is a course.
    String payload = "{\"user\":{\"email\":\"ann@acme.test\"},\"slug\":\"intro\"}";

    String error = errorOf(post(server.uri(), payload, "Authorization", bearer(ACME_KEY)), 422);

    assertThat(error)
        .contains("i-intro")
        .contains("controlled externally")
        .contains("not recorded");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answers429WithRetryAfterWhenTheWebhookIsOverItsRateLimitAndStill401ForABadKey() {
    LearnHook slow = lms.learnHook().rateLimits(RateLimits.of(RateLimit.perMinute(1, 1))).build();

    try (Binding.Served limited = serve(slow.ingest())) {
      HttpResponse<String> unknown =
          post(
              limited.uri(),
              Lms.annCompletedLesson1000(),
              "Authorization",
              bearer(Lms.UNKNOWN_KEY));
      HttpResponse<String> first =
          post(limited.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(ACME_KEY));
      HttpResponse<String> second =
          post(limited.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(ACME_KEY));
      HttpResponse<String> globex =
          post(
              limited.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(Lms.GLOBEX_KEY));

      assertThat(unknown.statusCode()).isEqualTo(401);
      assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
      assertError(
          second,
          429,
          "Too many requests for this webhook: its rate limit is 1 per minute with bursts of 1"
              + " (RateLimits). Retry after 60 seconds.");
      assertThat(second.headers().firstValue("Retry-After")).hasValue("60");
      assertThat(globex.statusCode()).as("another webhook has its own bucket").isEqualTo(404);
    }
    assertThat(lms.store.allCompletions()).hasSize(1);
  }

  @Test
  void answers503WithRetryAfterAndRecordsNothingWhenStorageIsUnavailable() {
    CompletionRepository unreachable = new UnreachableCompletions(lms.store.completions());
    LearnHook failing = lms.learnHook().completions(unreachable).build();

    try (Binding.Served down = serve(failing.ingest())) {
      HttpResponse<String> response =
          post(down.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(ACME_KEY));

      assertError(response, 503, "Storage is unavailable; nothing was recorded. Retry later.");
      assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
    }
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answers503WithRetryAfterWhenTheWebhookCannotBeLookedUp() {
    WebhookRepository unreachable = new UnreachableWebhooks();
    LearnHook failing = lms.learnHook().webhooks(unreachable).build();

    try (Binding.Served down = serve(failing.ingest())) {
      HttpResponse<String> response =
          post(down.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(ACME_KEY));

      assertError(response, 503, "Storage is unavailable; nothing was recorded. Retry later.");
      assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
    }
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void aBatchInterruptedByUnavailableStorageSaysTruthfullyWhatWasRecorded() {
    CompletionRepository failsOnSecondWrite = new FailsOnSecondWrite(lms.store.completions());
    LearnHook failing = lms.learnHook().completions(failsOnSecondWrite).build();
    String batch =
        "["
            + Lms.annCompletedLesson1000At("2026-01-15T10:00:00Z")
            + ","
            + Lms.annCompletedLesson1000At("2026-01-16T10:00:00Z")
            + "]";

    try (Binding.Served down = serve(failing.ingest())) {
      HttpResponse<String> response = post(down.uri(), batch, "Authorization", bearer(ACME_KEY));

      // The first element is recorded, so the call cannot be a 503 "nothing was recorded".
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
      JsonNode results = json(response.body()).get("results");
      assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
      assertThat(results.get(1).get("status").asInt()).isEqualTo(503);
      assertThat(results.get(1).get("body").get("error").asText())
          .isEqualTo("Storage is unavailable; this completion was not recorded. Retry later.");
      assertThat(lms.store.allCompletions()).hasSize(1);
    }
  }

  @Test
  void aBatchWhoseFirstWriteFindsStorageUnavailableIsA503WithNothingWritten() {
    LearnHook failing =
        lms.learnHook().completions(new UnreachableCompletions(lms.store.completions())).build();
    String batch =
        "["
            + Lms.annCompletedLesson1000At("2026-01-15T10:00:00Z")
            + ","
            + Lms.annCompletedLesson1000At("2026-01-16T10:00:00Z")
            + "]";

    try (Binding.Served down = serve(failing.ingest())) {
      HttpResponse<String> response = post(down.uri(), batch, "Authorization", bearer(ACME_KEY));

      assertError(response, 503, "Storage is unavailable; nothing was recorded. Retry later.");
      assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
    }
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answersEveryElementOfATopLevelArrayOnItsOwn() {
    String batch =
        "["
            + Lms.annCompletedLesson1000At("2026-01-15T10:00:00Z")
            + ",{\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":\"1000\"}}"
            + ","
            + Lms.annCompletedLesson1000At("2026-01-15T10:00:00Z")
            + "]";

    HttpResponse<String> response = post(server.uri(), batch, "Authorization", bearer(ACME_KEY));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Client.assertJsonUtf8(response);
    String id = onlyCompletion().id().value();
    String recorded =
        "{\"completion_id\":\"" + id + "\",\"user_id\":\"u-ann\",\"item_id\":\"i-phishing\"";
    assertThat(json(response.body()))
        .isEqualTo(
            json(
                "{\"results\":["
                    + "{\"index\":0,\"status\":201,\"body\":{\"status\":\"recorded\","
                    + recorded.substring(1)
                    + "}},"
                    + "{\"index\":1,\"status\":404,\"body\":{\"error\":\"User not found\"}},"
                    + "{\"index\":2,\"status\":200,\"body\":{\"status\":\"duplicate\","
                    + recorded.substring(1)
                    + "}}]}"));
  }

  @Test
  void dryRunAnswersWhatWouldBeRecordedAndWritesNothing() {
    HttpResponse<String> response =
        post(
            withQuery(server.uri(), "dry_run=true"),
            Lms.annCompletedLesson1000At("2026-01-15T10:00:00Z"),
            "Authorization",
            bearer(ACME_KEY));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Client.assertJsonUtf8(response);
    JsonNode body = json(response.body());
    assertThat(body.get("status").asText()).isEqualTo("dry_run");
    assertThat(body.get("would").asText()).isEqualTo("record");
    assertThat(body.get("user_id").asText()).isEqualTo("u-ann");
    assertThat(body.get("item_id").asText()).isEqualTo("i-phishing");
    assertThat(body.get("completed_at").asText()).isEqualTo("2026-01-15T10:00:00Z");
    assertThat(body.has("completion_id")).isFalse();
    assertThat(lms.store.allCompletions()).isEmpty();
    assertThat(learnHook.requestLog(Lms.ACME_WEBHOOK, 10))
        .singleElement()
        .satisfies(entry -> assertThat(entry.outcome()).isEqualTo(Outcome.DRY_RUN))
        .satisfies(entry -> assertThat(entry.dryRun()).isTrue());
  }

  @Test
  void dryRunWritesNothingHoweverManyParametersPrecedeIt() {
    String query = "utm=x&".repeat(64) + "dry_run=true";

    HttpResponse<String> response =
        post(
            withQuery(server.uri(), query),
            Lms.annCompletedLesson1000(),
            "Authorization",
            bearer(ACME_KEY));

    assertThat(lms.store.allCompletions()).isEmpty();
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void dryRunAnswersTheErrorARealCallWouldGetAndWritesNothing() {
    String unknownUser = "{\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":\"1000\"}}";

    HttpResponse<String> response =
        post(
            withQuery(server.uri(), "dry_run=true"),
            unknownUser,
            "Authorization",
            bearer(ACME_KEY));

    assertError(response, 404, "User not found");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void dryRunOfAnAlreadyRecordedCompletionNamesTheFirst() {
    String payload = Lms.annCompletedLesson1000At("2026-01-15T10:00:00Z");
    String firstId =
        json(post(server.uri(), payload, "Authorization", bearer(ACME_KEY)).body())
            .get("completion_id")
            .asText();
    List<Completion> before = lms.store.allCompletions();

    HttpResponse<String> response =
        post(withQuery(server.uri(), "dry_run=true"), payload, "Authorization", bearer(ACME_KEY));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response.body()).get("would").asText()).isEqualTo("duplicate");
    assertThat(json(response.body()).get("completion_id").asText()).isEqualTo(firstId);
    assertThat(lms.store.allCompletions()).isEqualTo(before);
  }

  private Completion onlyCompletion() {
    assertThat(lms.store.allCompletions()).hasSize(1);
    return lms.store.allCompletions().get(0);
  }

  private LearnHook withBodyLimit(long bytes) {
    return lms.learnHook().limits(IngestLimits.defaults().withMaxBodyBytes(bytes)).build();
  }

  /** A valid payload for ann and lesson 1000, padded with spaces to exactly {@code size} bytes. */
  static String paddedPayload(int size) {
    String payload = Lms.annCompletedLesson1000();
    assertThat(payload.length()).isLessThanOrEqualTo(size);
    return payload + " ".repeat(size - payload.length());
  }

  private static HttpResponse<String> postChunked(Binding.Served server, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    // A stream publisher has no known length, so the client sends the body chunked.
    return Client.send(
        Client.request(server.uri(), "Authorization", bearer(ACME_KEY))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build());
  }

  /** Completions in a database that cannot be reached: every write fails, nothing is written. */
  private static final class UnreachableCompletions implements CompletionRepository {
    private final CompletionRepository stored;

    UnreachableCompletions(CompletionRepository stored) {
      this.stored = stored;
    }

    @Override
    public RecordResult recordIfAbsent(Completion candidate) {
      throw new StorageUnavailableException("connection refused", null);
    }

    @Override
    public Optional<Completion> findSameAs(Completion candidate) {
      return stored.findSameAs(candidate);
    }

    @Override
    public Optional<Completion> findById(CompletionId id) {
      return stored.findById(id);
    }
  }

  /** Completions in a database whose connection drops after the first write. */
  private static final class FailsOnSecondWrite implements CompletionRepository {
    private final CompletionRepository stored;
    private int writes;

    FailsOnSecondWrite(CompletionRepository stored) {
      this.stored = stored;
    }

    @Override
    public synchronized RecordResult recordIfAbsent(Completion candidate) {
      if (++writes == 2) {
        throw new StorageUnavailableException("connection lost", null);
      }
      return stored.recordIfAbsent(candidate);
    }

    @Override
    public Optional<Completion> findSameAs(Completion candidate) {
      return stored.findSameAs(candidate);
    }

    @Override
    public Optional<Completion> findById(CompletionId id) {
      return stored.findById(id);
    }
  }

  /** Webhooks in a database that cannot be reached. */
  private static final class UnreachableWebhooks implements WebhookRepository {
    @Override
    public Optional<Webhook> findByKeyHash(KeyHash hash) {
      throw new StorageUnavailableException("connection refused", null);
    }

    @Override
    public Optional<Webhook> findById(WebhookId id) {
      throw new StorageUnavailableException("connection refused", null);
    }

    @Override
    public List<Webhook> listByCompany(CompanyId company) {
      throw new StorageUnavailableException("connection refused", null);
    }

    @Override
    public void save(Webhook webhook) {
      throw new StorageUnavailableException("connection refused", null);
    }

    @Override
    public boolean delete(WebhookId id) {
      throw new StorageUnavailableException("connection refused", null);
    }
  }
}
