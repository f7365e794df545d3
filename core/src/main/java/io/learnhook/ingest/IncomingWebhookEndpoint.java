package io.learnhook.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.completion.CompletionRecorder;
import io.learnhook.completion.NewCompletion;
import io.learnhook.completion.RecordResult;
import io.learnhook.directory.Company;
import io.learnhook.directory.Item;
import io.learnhook.directory.User;
import io.learnhook.mapping.MappedFields;
import io.learnhook.mapping.PayloadException;
import io.learnhook.mapping.Payloads;
import io.learnhook.ratelimit.RateLimiter;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.requestlog.Outcome;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogRetention;
import io.learnhook.resolution.ExternalCompletionRule;
import io.learnhook.resolution.ItemResolution;
import io.learnhook.resolution.NotExternallyControlledException;
import io.learnhook.resolution.ResolutionException;
import io.learnhook.resolution.UserResolution;
import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.CompletionRepository;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.spi.StorageUnavailableException;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.spi.WebhookWithCompany;
import io.learnhook.webhook.KeyHash;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/item_completions}: authenticates the call by its key, reads and maps the
 * body, resolves item and user, records the completion, and answers with the status and JSON body
 * of the public contract (DESIGN.md). Never throws: every failure becomes an answer.
 *
 * <p>Order of checks: the key (401) before anything else, then the webhook's rate limit (429 with
 * {@code Retry-After}; see {@link RateLimits}), then the company's integration switch (403), and
 * only then is the body read, never past the size limit (413), parsed (400), mapped (422) and
 * resolved (404, 422). A call refused for its rate is not written to the request log: a flood would
 * otherwise cost a write per call, which is what the limit saves. A database that cannot be reached
 * is answered 503 with {@code Retry-After}, with nothing written. Thread-safe; build it with {@link
 * io.learnhook.LearnHook#builder()}.
 */
public final class IncomingWebhookEndpoint {
  /** Where the bindings mount the endpoint. */
  public static final String PATH = "/webhooks/item_completions";

  private static final Logger LOG = LoggerFactory.getLogger(IncomingWebhookEndpoint.class);
  private static final Pattern UUID_FORM =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final ObjectMapper OUT = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String INVALID_KEY = "Invalid webhook key";
  private static final String NOT_RECORDED =
      "Storage is unavailable; this completion was not recorded. Retry later.";

  private final WebhookRepository webhooks;
  private final CompanyRepository companies;
  private final CompletionRepository completions;
  private final ItemResolution items;
  private final UserResolution users;
  private final CompletionRecorder recorder;
  private final RequestLogWriter requestLog;
  private final Clock clock;
  private final IngestLimits limits;
  private final JsonBodies json;
  private final RateLimiter rateLimiter;

  /**
   * Use {@link io.learnhook.LearnHook#builder()}; this constructor is for tests that wire ports by
   * hand, with the default {@link RateLimits}.
   */
  public IncomingWebhookEndpoint(
      WebhookRepository webhooks,
      CompanyRepository companies,
      ItemResolution items,
      UserResolution users,
      CompletionRepository completions,
      CompletionRecorder recorder,
      RequestLogRepository requestLog,
      RequestLogRetention retention,
      Clock clock,
      IngestLimits limits) {
    this(
        webhooks,
        companies,
        items,
        users,
        completions,
        recorder,
        requestLog,
        retention,
        clock,
        limits,
        RateLimits.defaults());
  }

  /**
   * Use {@link io.learnhook.LearnHook#builder()}; this constructor is for the builder and for tests
   * that wire ports by hand.
   */
  public IncomingWebhookEndpoint(
      WebhookRepository webhooks,
      CompanyRepository companies,
      ItemResolution items,
      UserResolution users,
      CompletionRepository completions,
      CompletionRecorder recorder,
      RequestLogRepository requestLog,
      RequestLogRetention retention,
      Clock clock,
      IngestLimits limits,
      RateLimits rateLimits) {
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.companies = Objects.requireNonNull(companies, "companies");
    this.items = Objects.requireNonNull(items, "items");
    this.users = Objects.requireNonNull(users, "users");
    this.completions = Objects.requireNonNull(completions, "completions");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.requestLog = new RequestLogWriter(requestLog, retention, clock);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.json = new JsonBodies(limits);
    this.rateLimiter = new RateLimiter(Objects.requireNonNull(rateLimits, "rateLimits"), clock);
  }

  /** Answers one call. */
  public EndpointResponse handle(IncomingRequest request) {
    Instant receivedAt = clock.instant();
    try {
      return authenticate(request, receivedAt);
    } catch (StorageUnavailableException e) {
      LOG.warn(
          "Storage unavailable while answering a completions webhook call: {}", e.getMessage());
      return unavailable();
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure while answering a completions webhook call", e);
      return new EndpointResponse(500, Map.of(), bytes(errorBody("Internal error")));
    }
  }

  private EndpointResponse authenticate(IncomingRequest request, Instant receivedAt) {
    QueryString query = QueryString.parse(request.query());
    Optional<WebhookKey> key = Credentials.from(request.authorization(), query.get("key"));
    if (key.isEmpty()) {
      LOG.debug("Refused a call without a readable webhook key");
      return invalidKey();
    }
    KeyHash presented = key.get().hash();
    // The company comes with the webhook (one query on JDBC); it is consulted only after the key.
    Optional<WebhookWithCompany> found = webhooks.findByKeyHashWithCompany(presented, companies);
    if (found.isEmpty()) {
      LOG.debug("Refused a call with an unknown webhook key");
      return invalidKey();
    }
    Webhook webhook = found.get().webhook();
    // Every 401 logs at DEBUG alike: a refusal logged at INFO for keys that exist would take longer
    // than one for an unknown key (KeyLookupBenchmark: 27 µs against 9 µs), telling the caller the
    // key
    // exists, and would let anyone holding an old key fill the log.
    if (!webhook.acceptsKey(presented, receivedAt)) {
      LOG.debug("Refused the previous key of webhook {}: its grace period has ended", webhook.id());
      return invalidKey();
    }
    if (request.tenant().isPresent() && !request.tenant().get().equals(webhook.company())) {
      LOG.debug(
          "Refused a key of webhook {} (company '{}') on a request for company '{}'",
          webhook.id(),
          webhook.company(),
          request.tenant().get());
      return invalidKey();
    }
    Optional<RateLimiter.Refusal> refused = rateLimiter.tryAcquire(webhook);
    if (refused.isPresent()) {
      return tooManyRequests(webhook, refused.get());
    }
    Call call =
        new Call(
            webhook,
            found.get().company(),
            found.get().noEnabledReportSubscriptions(),
            key.get(),
            receivedAt,
            query.flag("dry_run"));
    try {
      return call.run(request);
    } catch (StorageUnavailableException e) {
      call.log(Outcome.REJECTED, 503, Optional.empty(), Optional.of("Storage unavailable"));
      throw e;
    } catch (RuntimeException e) {
      call.log(Outcome.REJECTED, 500, Optional.empty(), Optional.of("Internal error"));
      throw e;
    }
  }

  /** One authenticated call. */
  private final class Call {
    private final Webhook webhook;
    private final Optional<Company> company;

    /** Read with the webhook, before the body: a new completion then needs no report. */
    private final boolean noEnabledReportSubscriptions;

    private final String secret;
    private final Instant receivedAt;
    private final boolean dryRun;

    Call(
        Webhook webhook,
        Optional<Company> company,
        boolean noEnabledReportSubscriptions,
        WebhookKey key,
        Instant receivedAt,
        boolean dryRun) {
      this.webhook = webhook;
      this.company = company;
      this.noEnabledReportSubscriptions = noEnabledReportSubscriptions;
      this.secret = key.reveal();
      this.receivedAt = receivedAt;
      this.dryRun = dryRun;
    }

    /**
     * Removes the key from text bound for the caller or the log. A sender that also put its key in
     * the body would otherwise see it quoted back in a parse error or a mapped field.
     */
    String redact(String text) {
      if (!containsIgnoringCase(text, secret)) {
        return text;
      }
      return Pattern.compile(Pattern.quote(secret), Pattern.CASE_INSENSITIVE)
          .matcher(text)
          .replaceAll("[redacted]");
    }

    /**
     * Removes any webhook's key from text bound for the log: what a resolution failure quotes comes
     * from the payload, where a sender may have put a key of another webhook (found by the proptest
     * and the suite-wide log check). Only UUID-shaped values are looked up; should the lookup fail,
     * the value is redacted anyway.
     */
    String redactAnyKey(String text) {
      Matcher uuid = UUID_FORM.matcher(text);
      StringBuilder out = new StringBuilder();
      while (uuid.find()) {
        boolean key;
        try {
          key =
              WebhookKey.parse(uuid.group())
                  .flatMap(k -> webhooks.findByKeyHash(k.hash()))
                  .isPresent();
        } catch (RuntimeException lookupFailed) {
          key = true;
        }
        uuid.appendReplacement(out, key ? "[redacted]" : Matcher.quoteReplacement(uuid.group()));
      }
      uuid.appendTail(out);
      return out.toString();
    }

    /**
     * {@code text.toLowerCase(Locale.ROOT).contains(key)} for a lowercase key of ASCII hex digits
     * and dashes (only ASCII letters lowercase to those), without a lowercased copy of every
     * answer.
     */
    private static boolean containsIgnoringCase(String text, String key) {
      char first = key.charAt(0);
      char firstUpper = Character.toUpperCase(first);
      for (int at = 0, last = text.length() - key.length(); at <= last; at++) {
        char c = text.charAt(at);
        if ((c == first || c == firstUpper) && text.regionMatches(true, at, key, 0, key.length())) {
          return true;
        }
      }
      return false;
    }

    EndpointResponse answer(int status, JsonNode body) {
      return answer(status, body.toString());
    }

    EndpointResponse answer(int status, String json) {
      return new EndpointResponse(status, Map.of(), redact(json).getBytes(StandardCharsets.UTF_8));
    }

    EndpointResponse run(IncomingRequest request) {
      if (company.isEmpty() || !company.get().integrationEnabled()) {
        return refuse(403, "The completions integration is not enabled for this company");
      }
      byte[] bytes;
      try {
        bytes = BoundedBody.read(request.body(), request.contentLength(), limits.maxBodyBytes());
      } catch (BoundedBody.TooLargeException e) {
        return refuse(413, e.getMessage());
      } catch (IOException e) {
        return refuse(400, "Body could not be read: the connection ended early");
      }
      JsonNode body;
      try {
        body = json.parse(bytes, webhook.mapping());
      } catch (JsonBodies.InvalidBodyException e) {
        return refuse(e.valueTooLong() ? 422 : 400, e.getMessage());
      }
      Payloads payloads;
      try {
        payloads = webhook.mapping().split(body);
      } catch (PayloadException e) {
        return refuse(422, e.getMessage());
      }
      if (payloads.elements().size() > limits.maxBatchSize()) {
        return refuse(
            413,
            "Batch of "
                + payloads.elements().size()
                + " completions is larger than the limit of "
                + limits.maxBatchSize()
                + " (IngestLimits.maxBatchSize)");
      }
      if (!payloads.batch()) {
        Result result = one(payloads.elements().get(0));
        log(result.outcome, result.status, result.mappedJson(), result.error);
        return answer(result.status, result.body);
      }
      return batch(payloads);
    }

    private EndpointResponse batch(Payloads payloads) {
      ArrayNode results = NODES.arrayNode();
      ArrayNode mapped = NODES.arrayNode();
      int failed = 0;
      boolean recordedAny = false;
      boolean storageDown = false;
      for (int index = 0; index < payloads.elements().size(); index++) {
        Result result;
        if (storageDown) {
          result = Result.refused(503, NOT_RECORDED, Optional.empty());
        } else {
          try {
            result = one(payloads.elements().get(index));
          } catch (StorageUnavailableException e) {
            if (!recordedAny) {
              // Nothing of this call is written yet: the whole call can honestly be a 503.
              throw e;
            }
            // Elements before this one are recorded; say exactly which were not, and stop trying.
            LOG.warn(
                "Storage unavailable in a batch of webhook {}: {}", webhook.id(), e.getMessage());
            storageDown = true;
            result = Result.refused(503, NOT_RECORDED, Optional.empty());
          }
        }
        recordedAny |= result.status == 201;
        ObjectNode entry = results.addObject();
        entry.put("index", index);
        entry.put("status", result.status);
        // The element's answer is already JSON text; embedded as written, not parsed back.
        entry.putRawValue("body", new RawValue(result.body));
        mapped.add(
            result
                .mapped
                .map(MappedFields::toJson)
                .map(JsonNode.class::cast)
                .orElse(NODES.nullNode()));
        if (result.status >= 400) {
          failed++;
        }
      }
      ObjectNode body = NODES.objectNode();
      body.set("results", results);
      Optional<String> summary =
          failed == 0
              ? Optional.empty()
              : Optional.of(failed + " of " + payloads.elements().size() + " completions refused");
      log(Outcome.BATCH, 200, Optional.of(mapped.toString()), summary);
      EndpointResponse answer = answer(200, body);
      return storageDown ? answer.withHeader("Retry-After", retryAfterSeconds()) : answer;
    }

    private Result one(JsonNode payload) {
      MappedFields fields;
      try {
        fields = webhook.mapping().apply(payload);
      } catch (PayloadException e) {
        return Result.refused(422, e.getMessage(), Optional.empty());
      }
      try {
        Item item = items.resolve(webhook.company(), webhook.sourceType(), fields);
        ExternalCompletionRule.check(item);
        User user = users.resolve(webhook.company(), fields.email());
        NewCompletion completion =
            new NewCompletion(
                webhook.company(),
                user.id(),
                item.id(),
                Optional.of(webhook.id()),
                fields.eventId(),
                fields.completedAt().orElse(receivedAt),
                fields.result(),
                fields.score(),
                fields.totalTimeSeconds());
        return dryRun ? wouldRecord(completion, fields) : record(completion, fields);
      } catch (ResolutionException e) {
        if (LOG.isDebugEnabled()) {
          LOG.debug("Webhook {}: {}", webhook.id(), redactAnyKey(redact(e.getMessage())));
        }
        int status = e instanceof NotExternallyControlledException ? 422 : 404;
        return Result.refused(status, e.publicMessage(), Optional.of(fields));
      } catch (IllegalArgumentException e) {
        // A value the mapping let through but the domain refuses: still the sender's data, so 422.
        return Result.refused(422, e.getMessage(), Optional.of(fields));
      }
    }

    private Result record(NewCompletion completion, MappedFields fields) {
      RecordResult result = recorder.record(completion, noEnabledReportSubscriptions);
      String body = describe(result.created() ? "recorded" : "duplicate", result.completion());
      return result.created()
          ? new Result(201, Outcome.RECORDED, body, Optional.of(fields), Optional.empty())
          : new Result(200, Outcome.DUPLICATE, body, Optional.of(fields), Optional.empty());
    }

    private Result wouldRecord(NewCompletion completion, MappedFields fields) {
      Completion candidate = completion.toCompletion(CompletionId.random(), receivedAt);
      Optional<Completion> first = completions.findSameAs(candidate);
      ObjectNode body = NODES.objectNode();
      body.put("status", "dry_run");
      body.put("would", first.isPresent() ? "duplicate" : "record");
      first.ifPresent(c -> body.put("completion_id", c.id().value()));
      body.put("user_id", completion.user().value());
      body.put("item_id", completion.item().value());
      body.set("fields", fields.toJson());
      body.put("completed_at", candidate.completedAt().toString());
      return new Result(
          200, Outcome.DRY_RUN, body.toString(), Optional.of(fields), Optional.empty());
    }

    private EndpointResponse refuse(int status, String message) {
      log(Outcome.REJECTED, status, Optional.empty(), Optional.of(message));
      return answer(status, errorBody(message));
    }

    void log(Outcome outcome, int status, Optional<String> mapped, Optional<String> error) {
      requestLog.append(
          new RequestLogEntry(
              webhook.id(),
              receivedAt,
              dryRun,
              dryRun && outcome != Outcome.BATCH && status < 400 ? Outcome.DRY_RUN : outcome,
              status,
              mapped.map(this::redact),
              error.map(this::redact)));
    }
  }

  /** One completion's outcome; {@code body} is the answer's JSON text. */
  private record Result(
      int status,
      Outcome outcome,
      String body,
      Optional<MappedFields> mapped,
      Optional<String> error) {
    static Result refused(int status, String message, Optional<MappedFields> mapped) {
      return new Result(
          status, Outcome.REJECTED, errorBody(message).toString(), mapped, Optional.of(message));
    }

    Optional<String> mappedJson() {
      return mapped.map(MappedFields::toJsonText);
    }
  }

  private static String describe(String status, Completion completion) {
    return AnswerJson.describe(
        status, completion.id().value(), completion.user().value(), completion.item().value());
  }

  private static ObjectNode errorBody(String message) {
    ObjectNode body = NODES.objectNode();
    body.put("error", message);
    return body;
  }

  private static EndpointResponse invalidKey() {
    return new EndpointResponse(
        401, Map.of("WWW-Authenticate", "Bearer"), bytes(errorBody(INVALID_KEY)));
  }

  private static EndpointResponse tooManyRequests(Webhook webhook, RateLimiter.Refusal refusal) {
    if (refusal.firstInARow()) {
      LOG.info(
          "Webhook {} is over its rate limit of {}: answering 429 until it slows down",
          webhook.id(),
          refusal.limit());
    } else {
      LOG.debug("Webhook {} is still over its rate limit", webhook.id());
    }
    long seconds = refusal.retryAfterSeconds();
    return new EndpointResponse(
        429,
        Map.of("Retry-After", Long.toString(seconds)),
        bytes(
            errorBody(
                "Too many requests for this webhook: its rate limit is "
                    + refusal.limit()
                    + " (RateLimits). Retry after "
                    + seconds
                    + (seconds == 1 ? " second." : " seconds."))));
  }

  private EndpointResponse unavailable() {
    return new EndpointResponse(
        503,
        Map.of("Retry-After", retryAfterSeconds()),
        bytes(errorBody("Storage is unavailable; nothing was recorded. Retry later.")));
  }

  private String retryAfterSeconds() {
    return Long.toString(Math.max(1, limits.retryAfter().toSeconds()));
  }

  private static byte[] bytes(JsonNode body) {
    try {
      return OUT.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serialises", e);
    }
  }
}
