package io.learnhook.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.completion.NewCompletion;
import io.learnhook.completion.RecordResult;
import io.learnhook.completion.internal.CompletionRecorder;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.User;
import io.learnhook.ingest.IngestOutcome.Reason;
import io.learnhook.ingest.IngestOutcome.Refused;
import io.learnhook.ingest.internal.JsonBodies;
import io.learnhook.ingest.internal.KeyRedaction;
import io.learnhook.ingest.internal.LoggedBody;
import io.learnhook.internal.LogContext;
import io.learnhook.internal.Observation;
import io.learnhook.mapping.FieldMapping.Payloads;
import io.learnhook.mapping.MappedFields;
import io.learnhook.mapping.PayloadException;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.ratelimit.internal.RateLimiter;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import io.learnhook.requestlog.RequestLogRetention;
import io.learnhook.resolution.ExternalCompletionRule;
import io.learnhook.resolution.ItemResolution;
import io.learnhook.resolution.ResolutionException;
import io.learnhook.resolution.ResolutionException.NotExternallyControlledException;
import io.learnhook.resolution.ResolutionException.UserNotFoundException;
import io.learnhook.resolution.UserResolution;
import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.CompletionRepository;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.spi.WebhookRepository.WebhookWithCompany;
import io.learnhook.webhook.KeyHash;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one call of a completions webhook, whatever carried it (HTTP, a queue, a file): checks
 * the presented key, maps the body, resolves item and user, records the completion exactly once
 * (with its reports), writes the request log, and says what happened as an {@link IngestOutcome}.
 * Never throws: every failure is an outcome. Get it from {@link io.learnhook.LearnHook#ingest()}.
 *
 * <p>Order of checks: the key ({@link Reason#INVALID_KEY}) before anything else, then the webhook's
 * rate limit ({@link Reason#RATE_LIMITED}; see {@link RateLimits}), then that the company exists
 * ({@link Reason#UNKNOWN_COMPANY}) and its integration switch ({@link
 * Reason#INTEGRATION_DISABLED}), and only then is the body read, never past the size limit ({@link
 * Reason#BODY_TOO_LARGE}), parsed, mapped and resolved. A call refused for its key or its rate is
 * not written to the request log: a flood would otherwise cost a write per call, which is what the
 * limit saves. Storage that cannot be reached gives {@link Reason#STORAGE_UNAVAILABLE}, with
 * nothing recorded. Thread-safe.
 */
public final class CompletionIngest {
  private static final Logger LOG = LoggerFactory.getLogger(CompletionIngest.class);
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
  private final Duration storageRetryAfter;
  private final Observation observation;

  /**
   * Wiring for {@link io.learnhook.LearnHook}'s builder ({@code recorder} and {@code observation}
   * are internal); use {@link io.learnhook.LearnHook#ingest()}.
   */
  public CompletionIngest(
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
      RateLimits rateLimits,
      Observation observation) {
    this.observation = Objects.requireNonNull(observation, "observation");
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.companies = Objects.requireNonNull(companies, "companies");
    this.items = Objects.requireNonNull(items, "items");
    this.users = Objects.requireNonNull(users, "users");
    this.completions = Objects.requireNonNull(completions, "completions");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.requestLog = new RequestLogWriter(requestLog, retention, clock);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.json = jsonBodies(limits);
    this.rateLimiter = new RateLimiter(Objects.requireNonNull(rateLimits, "rateLimits"), clock);
    // Whole seconds, at least one: what a sender can wait for.
    this.storageRetryAfter = Duration.ofSeconds(Math.max(1, limits.retryAfter().toSeconds()));
  }

  /**
   * Ingests one call.
   *
   * @param key the key the sender presented, as the adapter read it; empty when it presented none
   *     (or none that reads as a key)
   * @param tenant the company the adapter knows the call is for (say, from the host name); a key of
   *     another company is then refused. Empty: any company, the key alone decides
   * @param dryRun map and resolve, but record nothing
   * @param body the body, read only after the key is accepted, and no further than {@link
   *     IngestLimits#maxBodyBytes()}
   */
  public IngestOutcome ingest(
      Optional<WebhookKey> key, Optional<CompanyId> tenant, boolean dryRun, RequestBody body) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(body, "body");
    IngestOutcome outcome = answer(key, tenant, dryRun, body);
    observation.webhookCall(outcomeName(outcome));
    return outcome;
  }

  /**
   * The outcome as observers name it: {@code recorded}, {@code duplicate}, {@code dry_run}, {@code
   * batch}, or the refusal's reason in lower case ({@code invalid_key}, {@code rate_limited}, …).
   */
  private static String outcomeName(IngestOutcome outcome) {
    if (outcome instanceof IngestOutcome.Recorded) {
      return "recorded";
    } else if (outcome instanceof IngestOutcome.Duplicate) {
      return "duplicate";
    } else if (outcome instanceof IngestOutcome.DryRun) {
      return "dry_run";
    } else if (outcome instanceof IngestOutcome.Batch) {
      return "batch";
    } else if (outcome instanceof Refused refused) {
      return refused.reason().name().toLowerCase(java.util.Locale.ROOT);
    }
    return "other";
  }

  private IngestOutcome answer(
      Optional<WebhookKey> key, Optional<CompanyId> tenant, boolean dryRun, RequestBody body) {
    Instant receivedAt = clock.instant();
    // authenticate puts the webhook and its company in the MDC once the key is accepted; every
    // line logged after that, up to the answer, names them.
    LogContext context = LogContext.of();
    try {
      return authenticate(key, tenant, dryRun, body, receivedAt, context);
    } catch (StorageUnavailableException e) {
      LOG.warn(
          "Storage unavailable while answering a completions webhook call: {}", e.getMessage());
      return new Refused(
          Reason.STORAGE_UNAVAILABLE,
          "Storage is unavailable; nothing was recorded. Retry later.",
          Optional.of(storageRetryAfter));
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure while answering a completions webhook call", e);
      return Refused.because(Reason.INTERNAL_ERROR, "Internal error");
    } finally {
      // Not a try-with-resources: the catch clauses above log with the ids still in place.
      context.close();
    }
  }

  private IngestOutcome authenticate(
      Optional<WebhookKey> key,
      Optional<CompanyId> tenant,
      boolean dryRun,
      RequestBody body,
      Instant receivedAt,
      LogContext context) {
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
    // Every refused key logs at DEBUG alike: a refusal logged at INFO for keys that exist would
    // take
    // longer than one for an unknown key (KeyLookupBenchmark: 27 µs against 9 µs), telling the
    // caller the key exists, and would let anyone holding an old key fill the log.
    if (!webhook.acceptsKey(presented, receivedAt)) {
      LOG.debug("Refused the previous key of webhook {}: its grace period has ended", webhook.id());
      return invalidKey();
    }
    if (tenant.isPresent() && !tenant.get().equals(webhook.company())) {
      LOG.debug(
          "Refused a key of webhook {} (company '{}') on a request for company '{}'",
          webhook.id(),
          webhook.company(),
          tenant.get());
      return invalidKey();
    }
    context
        .with(LogContext.WEBHOOK_ID, webhook.id().value())
        .with(LogContext.COMPANY_ID, webhook.company().value());
    Optional<RateLimiter.Refusal> refused = rateLimiter.tryAcquire(webhook);
    if (refused.isPresent()) {
      return tooManyRequests(webhook, refused.get());
    }
    Call call =
        new Call(
            webhook,
            found.get().company(),
            found.get().noEnabledReportSubscriptions(),
            receivedAt,
            dryRun);
    try {
      return call.run(body);
    } catch (StorageUnavailableException e) {
      call.failed(
          Reason.STORAGE_UNAVAILABLE,
          "Storage unavailable",
          "storage could not be reached while the call was handled; nothing of it was recorded");
      throw e;
    } catch (RuntimeException e) {
      call.failed(
          Reason.INTERNAL_ERROR,
          "Internal error",
          "an unexpected failure inside the LMS; its operators' log has the details");
      throw e;
    }
  }

  /** One authenticated call. */
  private final class Call {
    private final Webhook webhook;
    private final Optional<Company> company;

    /** Read with the webhook, before the body: a new completion then needs no report. */
    private final boolean noEnabledReportSubscriptions;

    private final Instant receivedAt;
    private final boolean dryRun;

    /** The body as read, once read: the request log keeps (the start of) it. */
    private byte[] bytes;

    Call(
        Webhook webhook,
        Optional<Company> company,
        boolean noEnabledReportSubscriptions,
        Instant receivedAt,
        boolean dryRun) {
      this.webhook = webhook;
      this.company = company;
      this.noEnabledReportSubscriptions = noEnabledReportSubscriptions;
      this.receivedAt = receivedAt;
      this.dryRun = dryRun;
    }

    /**
     * Takes every webhook key, and every piece of one, out of text bound for the caller or the log:
     * the presented key and any other key of the company, which a sender may have put in its body
     * and which the engine could not recognise from the hashes it holds (see {@link KeyRedaction}).
     */
    String redact(String text) {
      return KeyRedaction.redact(text);
    }

    IngestOutcome run(RequestBody requestBody) {
      if (company.isEmpty()) {
        // A setup mistake of the LMS, not the sender's: say so to both rather than calling the
        // integration disabled, which would send the administrator to the wrong switch.
        LOG.warn(
            "Webhook {} belongs to company '{}', which the company source does not know: its calls"
                + " are refused until the company is added",
            webhook.id(),
            webhook.company());
        return refuse(
            Reason.UNKNOWN_COMPANY,
            "Unknown company '"
                + webhook.company()
                + "': this webhook's company is not set up in the LMS. Ask its administrator to"
                + " add it.",
            "the company source knows no company '" + webhook.company() + "'");
      }
      if (!company.get().integrationEnabled()) {
        return refuse(
            Reason.INTEGRATION_DISABLED,
            "The completions integration is not enabled for this company",
            "the completions integration switch of company '"
                + webhook.company()
                + "' is off; its administrators turn it on (PUT /admin/integration)");
      }
      Optional<byte[]> bytes;
      try {
        bytes = requestBody.readAtMost(limits.maxBodyBytes());
      } catch (RequestBody.UnreadableBodyException e) {
        return refuse(
            Reason.UNREADABLE_BODY,
            "Body could not be read: the connection ended early",
            "the sender stopped sending before the whole body arrived, or sent it too slowly");
      }
      if (bytes.isEmpty()) {
        String tooLarge =
            "Body is larger than the limit of "
                + limits.maxBodyBytes()
                + " bytes (IngestLimits.maxBodyBytes)";
        return refuse(
            Reason.BODY_TOO_LARGE, tooLarge, tooLarge + "; it was not read past the limit");
      }
      this.bytes = bytes.get();
      JsonNode body;
      try {
        body = json.parse(this.bytes, webhook.mapping());
      } catch (JsonBodies.InvalidBodyException e) {
        return refuse(
            e.valueTooLong() ? Reason.UNPROCESSABLE : Reason.MALFORMED_BODY,
            e.getMessage(),
            "the body is not JSON the mapping can read: " + e.getMessage());
      }
      Payloads payloads;
      try {
        payloads = webhook.mapping().split(body);
      } catch (PayloadException e) {
        return refuse(
            Reason.UNPROCESSABLE,
            e.getMessage(),
            "the mapping could not split the body into completions: " + e.getMessage());
      }
      if (payloads.elements().size() > limits.maxBatchSize()) {
        String tooMany =
            "Batch of "
                + payloads.elements().size()
                + " completions is larger than the limit of "
                + limits.maxBatchSize()
                + " (IngestLimits.maxBatchSize)";
        return refuse(Reason.BATCH_TOO_LARGE, tooMany, tooMany);
      }
      if (!payloads.batch()) {
        Element element = one(payloads.elements().get(0));
        log(
            element.outcome(),
            element.mapped().map(Element::loggable),
            element.error(),
            element.reason());
        return element.outcome();
      }
      return batch(payloads);
    }

    private IngestOutcome batch(Payloads payloads) {
      List<IngestOutcome> outcomes = new ArrayList<>(payloads.elements().size());
      ArrayNode mapped = NODES.arrayNode();
      int failed = 0;
      StringBuilder reasons = null;
      boolean recordedAny = false;
      boolean storageDown = false;
      for (int index = 0; index < payloads.elements().size(); index++) {
        Element element;
        if (storageDown) {
          element = notRecorded();
        } else {
          try {
            element = one(payloads.elements().get(index));
          } catch (StorageUnavailableException e) {
            if (!recordedAny) {
              // Nothing of this call is written yet: the whole call can honestly be refused.
              throw e;
            }
            // Elements before this one are recorded; say exactly which were not, and stop trying.
            LOG.warn(
                "Storage unavailable in a batch of webhook {}: {}", webhook.id(), e.getMessage());
            storageDown = true;
            element = notRecorded();
          }
        }
        recordedAny |= element.outcome() instanceof IngestOutcome.Recorded;
        outcomes.add(element.outcome());
        mapped.add(
            element
                .mapped()
                .map(MappedFields::toJson)
                .map(KeyRedaction::redact)
                .map(JsonNode.class::cast)
                .orElse(NODES.nullNode()));
        if (element.outcome() instanceof Refused) {
          failed++;
          // Built only for refused elements; each says which element, counted from 0.
          reasons = reasons == null ? new StringBuilder() : reasons.append("; ");
          reasons
              .append("element ")
              .append(index)
              .append(": ")
              .append(element.reason().orElse("refused"));
        }
      }
      IngestOutcome.Batch batch = new IngestOutcome.Batch(outcomes);
      Optional<String> summary =
          failed == 0
              ? Optional.empty()
              : Optional.of(failed + " of " + payloads.elements().size() + " completions refused");
      log(
          batch,
          Optional.of(mapped.toString()),
          summary,
          Optional.ofNullable(reasons).map(StringBuilder::toString));
      return batch;
    }

    private Element notRecorded() {
      return new Element(
          new Refused(Reason.STORAGE_UNAVAILABLE, NOT_RECORDED, Optional.of(storageRetryAfter)),
          Optional.empty(),
          Optional.of("storage became unavailable part way through the batch; not recorded"));
    }

    private Element one(JsonNode payload) {
      MappedFields fields;
      try {
        fields = webhook.mapping().apply(payload);
      } catch (PayloadException e) {
        return refused(
            Reason.UNPROCESSABLE,
            e.getMessage(),
            "field '" + e.field() + "' (" + e.path() + "): " + e.getMessage(),
            Optional.empty());
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
        return new Element(
            dryRun ? wouldRecord(completion, fields) : record(completion, fields),
            Optional.of(fields),
            Optional.empty());
      } catch (ResolutionException e) {
        if (LOG.isDebugEnabled()) {
          LOG.debug("Webhook {}: {}", webhook.id(), redact(e.getMessage()));
        }
        return refused(reasonOf(e), e.publicMessage(), e.getMessage(), Optional.of(fields));
      } catch (IllegalArgumentException e) {
        // A value the mapping let through but the domain refuses: still the sender's data.
        return refused(
            Reason.UNPROCESSABLE,
            e.getMessage(),
            "a mapped value the LMS refuses: " + e.getMessage(),
            Optional.of(fields));
      }
    }

    private IngestOutcome record(NewCompletion completion, MappedFields fields) {
      RecordResult result = recorder.record(completion, noEnabledReportSubscriptions);
      return result.created()
          ? new IngestOutcome.Recorded(result.completion(), fields)
          : new IngestOutcome.Duplicate(result.completion(), fields);
    }

    private IngestOutcome wouldRecord(NewCompletion completion, MappedFields fields) {
      Completion candidate = completion.toCompletion(CompletionId.random(), receivedAt);
      Optional<Completion> first = completions.findSameAs(candidate);
      return new IngestOutcome.DryRun(
          completion.user(),
          completion.item(),
          candidate.completedAt(),
          fields,
          first.map(Completion::id));
    }

    /**
     * @param detail the request log's reason: for the company's administrators, never answered
     */
    private Element refused(
        Reason reason, String message, String detail, Optional<MappedFields> mapped) {
      return new Element(Refused.because(reason, redact(message)), mapped, Optional.of(detail));
    }

    private IngestOutcome refuse(Reason reason, String message, String detail) {
      Refused refused = Refused.because(reason, redact(message));
      log(refused, Optional.empty(), Optional.of(refused.message()), Optional.of(detail));
      return refused;
    }

    /** Logs a call that failed part way; the caller turns the failure into the outcome. */
    void failed(Reason reason, String error, String detail) {
      log(
          Refused.because(reason, error),
          Optional.empty(),
          Optional.of(error),
          Optional.of(detail));
    }

    void log(
        IngestOutcome outcome,
        Optional<String> mapped,
        Optional<String> error,
        Optional<String> reason) {
      byte[] read = bytes;
      bytes = null; // redacted in place below: never logged twice
      boolean cut = read != null && read.length > RequestLogEntry.MAX_BODY_BYTES;
      requestLog.append(
          new RequestLogEntry(
              webhook.id(),
              receivedAt,
              dryRun,
              outcomeOf(outcome),
              RequestLogCodes.of(outcome),
              mapped,
              error.map(this::redact),
              read == null ? Optional.empty() : Optional.of(LoggedBody.text(read)),
              cut,
              reason.map(this::redact)));
    }
  }

  private static Reason reasonOf(ResolutionException e) {
    if (e instanceof NotExternallyControlledException) {
      return Reason.NOT_EXTERNALLY_CONTROLLED;
    }
    return e instanceof UserNotFoundException ? Reason.USER_NOT_FOUND : Reason.ITEM_NOT_FOUND;
  }

  private static Outcome outcomeOf(IngestOutcome outcome) {
    if (outcome instanceof IngestOutcome.Recorded) {
      return Outcome.RECORDED;
    }
    if (outcome instanceof IngestOutcome.Duplicate) {
      return Outcome.DUPLICATE;
    }
    if (outcome instanceof IngestOutcome.DryRun) {
      return Outcome.DRY_RUN;
    }
    return outcome instanceof IngestOutcome.Batch ? Outcome.BATCH : Outcome.REJECTED;
  }

  /** One element's outcome, with what the mapping read when it got that far (for the log). */
  private record Element(
      IngestOutcome outcome, Optional<MappedFields> mapped, Optional<String> reason) {
    /**
     * The fields as the request log keeps them: their JSON text, through the tree only when some
     * value holds a run to redact (most calls hold none, and the direct text is cheaper).
     */
    static String loggable(MappedFields fields) {
      return KeyRedaction.redactFlatJson(fields.toJsonText());
    }

    Optional<String> error() {
      return outcome instanceof Refused refused ? Optional.of(refused.message()) : Optional.empty();
    }
  }

  private static Refused invalidKey() {
    return Refused.because(Reason.INVALID_KEY, INVALID_KEY);
  }

  private static Refused tooManyRequests(Webhook webhook, RateLimiter.Refusal refusal) {
    if (refusal.firstInARow()) {
      LOG.info(
          "Webhook {} is over its rate limit of {}: refusing its calls until it slows down",
          webhook.id(),
          refusal.limit());
    } else {
      LOG.debug("Webhook {} is still over its rate limit", webhook.id());
    }
    long seconds = refusal.retryAfterSeconds();
    return new Refused(
        Reason.RATE_LIMITED,
        "Too many requests for this webhook: its rate limit is "
            + refusal.limit()
            + " (RateLimits). Retry after "
            + seconds
            + (seconds == 1 ? " second." : " seconds."),
        Optional.of(Duration.ofSeconds(seconds)));
  }

  /**
   * The body of a call, not yet read: {@link CompletionIngest} reads it only after the key is
   * accepted, and asks for no more than its size limit, so an adapter can refuse a larger body
   * while it streams in.
   */
  @FunctionalInterface
  public interface RequestBody {
    /**
     * The whole body, when it is at most {@code maxBytes} long; empty when it is longer, read no
     * further than needed to tell. The array returned is the ingest's: it may overwrite it (the
     * request log redacts the body in place), so return a fresh one, never a buffer kept.
     *
     * @throws UnreadableBodyException when the body could not be read to its end
     */
    Optional<byte[]> readAtMost(long maxBytes);

    /** A body already in memory. */
    static RequestBody of(byte[] bytes) {
      byte[] copy = bytes.clone();
      return maxBytes -> copy.length > maxBytes ? Optional.empty() : Optional.of(copy.clone());
    }

    /** The body could not be read to its end: the sender stopped sending, or sent too slowly. */
    final class UnreadableBodyException extends RuntimeException {
      private static final long serialVersionUID = 1L;

      /**
       * @param message why, never quoting the body
       * @param cause what the adapter saw
       */
      public UnreadableBodyException(String message, Throwable cause) {
        super(message, cause);
      }
    }
  }

  private static JsonBodies jsonBodies(IngestLimits limits) {
    return new JsonBodies(
        limits.maxNestingDepth(), limits.maxStringLength(), limits.maxNumberLength());
  }
}
