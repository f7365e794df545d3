package io.learnhook.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnhook.LearnHook;
import io.learnhook.http.ingest.EndpointResponse;
import io.learnhook.ingest.IngestLimits;
import io.learnhook.ingest.internal.JsonBodies;
import io.learnhook.management.Actor;
import io.learnhook.management.ManagementException.AccessDeniedException;
import io.learnhook.management.ManagementException.ConflictException;
import io.learnhook.management.ManagementException.NotFoundException;
import io.learnhook.management.ManagementException.ValidationException;
import io.learnhook.management.ManagementException.ValidationException.Problem;
import io.learnhook.management.WebhookAdministration;
import io.learnhook.management.WebhookAdministration.IssuedKey;
import io.learnhook.management.WebhookAdministration.NewWebhook;
import io.learnhook.management.WebhookAdministration.WebhookChanges;
import io.learnhook.management.WebhookAdministration.WebhookSummary;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import io.learnhook.webhook.Webhook.RateLimit;
import io.learnhook.webhook.Webhook.RateLimitSetting;
import io.learnhook.webhook.WebhookId;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoints: {@link WebhookAdministration} as JSON over HTTP, independent of any HTTP
 * server. The bindings in {@code learnhook-http} mount it (by default under {@link #PATH}) and only
 * copy bytes in and out, so every binding answers alike.
 *
 * <table>
 *   <caption>Routes, relative to the mount point</caption>
 *   <tr><th>method and path</th><th>does</th><th>answers</th></tr>
 *   <tr><td>{@code GET /webhooks}</td><td>lists the company's webhooks</td><td>200 {@code {"webhooks":[…]}}</td></tr>
 *   <tr><td>{@code POST /webhooks}</td><td>creates one: {@code {"name","mapping","source_type"}}</td>
 *       <td>201 {@code {"webhook":{…},"key":"<uuid>"}}, the only time the key is shown</td></tr>
 *   <tr><td>{@code GET /webhooks/{id}}</td><td>one webhook</td><td>200 {@code {…}}</td></tr>
 *   <tr><td>{@code PATCH /webhooks/{id}}</td><td>changes any of {@code name}, {@code mapping},
 *       {@code source_type} (null clears it), {@code rate_limit} ({@code {"per_second":n,
 *       "burst":m}}, {@code "off"}, or null for the engine's default)</td><td>200 {@code {…}}</td></tr>
 *   <tr><td>{@code DELETE /webhooks/{id}}</td><td>deletes it</td><td>204</td></tr>
 *   <tr><td>{@code POST /webhooks/{id}/regenerate-key}</td><td>a new key; body {@code
 *       {"grace_period_seconds":N}} optional</td><td>200 {@code {"webhook":{…},"key":"<uuid>"}}</td></tr>
 *   <tr><td>{@code GET /webhooks/{id}/requests?limit=&outcome=}</td><td>the request log, newest
 *       first</td><td>200 {@code {"requests":[…]}}</td></tr>
 *   <tr><td>{@code GET /integration}</td><td>the company's integration switch</td>
 *       <td>200 {@code {"company":…,"enabled":…}}</td></tr>
 *   <tr><td>{@code PUT /integration}</td><td>sets it: {@code {"enabled":true}}</td><td>200, as GET</td></tr>
 * </table>
 *
 * <p>Errors, each {@code {"error":…}} and nothing changed: 401 when the {@link AdminAuthenticator}
 * knows no caller (checked first, for every path); 403 for a role other than Owner or Admin; 404
 * for an unknown path or a webhook not of the caller's company; 405 with {@code Allow} for a method
 * the path does not serve; 400 for a body that is not a JSON object; 413 for a body over {@value
 * #MAX_BODY_BYTES} bytes; 409 for a duplicate name; 422 {@code {"error":"Invalid input","problems":
 * [{"field":…,"message":…}]}} listing every problem; 503 with {@code Retry-After} when storage is
 * unavailable. Every answer carries {@code Cache-Control: no-store}, since some hold keys.
 *
 * <p>Thread-safe. Build it with {@code new AdminEndpoint(learnHook, authenticator)}.
 */
public final class AdminEndpoint {
  /** Where the bindings mount the admin endpoints unless told otherwise. */
  public static final String PATH = "/admin";

  /** The largest body read; a webhook's mapping is a few hundred bytes. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** How many request log entries {@code GET …/requests} returns unless {@code limit} says. */
  static final int DEFAULT_REQUEST_LOG_LIMIT = 50;

  private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);
  private static final ObjectMapper OUT = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonBodies JSON = jsonBodies(IngestLimits.defaults());
  private static final String RETRY_AFTER_SECONDS = "10";

  private final WebhookAdministration administration;
  private final SubscriptionRoutes subscriptions;
  private final DeliveryRoutes deliveries;
  private final AdminAuthenticator authenticator;

  /**
   * The admin endpoints of {@code learnHook}: its {@link LearnHook#administration() webhooks} and
   * its {@link LearnHook#reportAdministration() report subscriptions and deliveries}, for the
   * callers {@code authenticator} knows.
   */
  public AdminEndpoint(LearnHook learnHook, AdminAuthenticator authenticator) {
    Objects.requireNonNull(learnHook, "learnHook");
    this.administration = learnHook.administration();
    this.subscriptions = new SubscriptionRoutes(learnHook.reportAdministration());
    this.deliveries = new DeliveryRoutes(learnHook.reportAdministration());
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
  }

  /** Answers one call. Never throws: every failure becomes an answer. */
  public EndpointResponse handle(AdminRequest request) {
    try {
      Optional<Actor> actor =
          Objects.requireNonNull(
              authenticator.authenticate(request.headers()), "AdminAuthenticator returned null");
      if (actor.isEmpty()) {
        return answer(401, error("Authentication required"), Map.of("WWW-Authenticate", "Bearer"));
      }
      administration.requireAccess(actor.get());
      return route(actor.get(), request);
    } catch (BadRequest e) {
      return answer(e.status, error(e.getMessage()), e.headers);
    } catch (ValidationException e) {
      return answer(422, invalid(e.problems()));
    } catch (AccessDeniedException e) {
      return answer(403, error(e.getMessage()));
    } catch (NotFoundException e) {
      return answer(404, error(e.getMessage()));
    } catch (ConflictException e) {
      return answer(409, error(e.getMessage()));
    } catch (StorageUnavailableException e) {
      LOG.warn("Storage unavailable while answering {}: {}", request, e.getMessage());
      return answer(
          503,
          error("Storage is unavailable; nothing was changed. Retry later."),
          Map.of("Retry-After", RETRY_AFTER_SECONDS));
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure while answering {}", request, e);
      return answer(500, error("Internal error"));
    }
  }

  private EndpointResponse route(Actor actor, AdminRequest request) {
    List<String> path = segments(request.path());
    String method = request.method();
    if (path.equals(List.of("webhooks"))) {
      switch (method) {
        case "GET":
          return list(actor);
        case "POST":
          return create(actor, body(request));
        default:
          throw notAllowed("GET, POST");
      }
    }
    if (path.equals(List.of("integration"))) {
      switch (method) {
        case "GET":
          return integration(actor);
        case "PUT":
          return setIntegration(actor, body(request));
        default:
          throw notAllowed("GET, PUT");
      }
    }
    if (path.size() >= 2 && path.size() <= 3 && path.get(0).equals("webhooks")) {
      WebhookId id = webhookId(path.get(1));
      if (path.size() == 2) {
        switch (method) {
          case "GET":
            return answer(200, webhook(administration.get(actor, id)));
          case "PATCH":
            return configure(actor, id, body(request));
          case "DELETE":
            administration.delete(actor, id);
            return EndpointResponse.of(204, noStore(Map.of()), new byte[0]);
          default:
            throw notAllowed("GET, PATCH, DELETE");
        }
      }
      if (path.get(2).equals("regenerate-key")) {
        if (!method.equals("POST")) {
          throw notAllowed("POST");
        }
        return regenerate(actor, id, optionalBody(request));
      }
      if (path.get(2).equals("requests")) {
        if (!method.equals("GET")) {
          throw notAllowed("GET");
        }
        return requests(actor, id, request.query());
      }
    }
    if (!path.isEmpty() && path.get(0).equals("subscriptions")) {
      return subscriptions.route(actor, request, path);
    }
    if (!path.isEmpty() && path.get(0).equals("deliveries")) {
      return deliveries.route(actor, request, path);
    }
    throw new BadRequest(404, "Not found");
  }

  private EndpointResponse list(Actor actor) {
    ArrayNode webhooks = NODES.arrayNode();
    administration.list(actor).forEach(summary -> webhooks.add(webhook(summary)));
    ObjectNode body = NODES.objectNode();
    body.set("webhooks", webhooks);
    return answer(200, body);
  }

  private EndpointResponse create(Actor actor, ObjectNode body) {
    List<Problem> problems = new ArrayList<>();
    unknownFields(body, Set.of("name", "mapping", "source_type"), problems);
    Optional<String> name = text(body, "name", true, problems);
    Optional<String> mapping = mapping(body, true, problems);
    Optional<String> sourceType = text(body, "source_type", false, problems);
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    IssuedKey issued =
        administration.create(
            actor, new NewWebhook(name.orElseThrow(), mapping.orElseThrow(), sourceType));
    return answer(201, issued(issued));
  }

  private EndpointResponse configure(Actor actor, WebhookId id, ObjectNode body) {
    List<Problem> problems = new ArrayList<>();
    unknownFields(body, Set.of("name", "mapping", "source_type", "rate_limit"), problems);
    WebhookChanges changes = WebhookChanges.none();
    Optional<String> name = text(body, "name", false, problems);
    if (name.isPresent()) {
      changes = changes.name(name.get());
    }
    Optional<String> mapping = mapping(body, false, problems);
    if (mapping.isPresent()) {
      changes = changes.mapping(mapping.get());
    }
    if (body.has("source_type")) {
      Optional<String> sourceType = text(body, "source_type", false, problems);
      changes =
          sourceType.isPresent() ? changes.sourceType(sourceType.get()) : changes.clearSourceType();
    }
    if (body.has("rate_limit")) {
      JsonNode value = body.get("rate_limit");
      if (value.isNull()) {
        changes = changes.clearRateLimit();
      } else {
        Optional<RateLimitSetting> rateLimit = rateLimit(value, problems);
        if (rateLimit.isPresent()) {
          changes = changes.rateLimit(rateLimit.get());
        }
      }
    }
    if (!problems.isEmpty()) {
      // The webhook must be the caller's before they learn anything about their input.
      administration.get(actor, id);
      throw new ValidationException(problems);
    }
    return answer(200, webhook(administration.configure(actor, id, changes)));
  }

  private EndpointResponse regenerate(Actor actor, WebhookId id, Optional<ObjectNode> body) {
    Duration grace = Duration.ZERO;
    if (body.isPresent()) {
      List<Problem> problems = new ArrayList<>();
      grace = graceOf(body.get(), "grace_period_seconds", grace, problems);
      if (!problems.isEmpty()) {
        administration.get(actor, id);
        throw new ValidationException(problems);
      }
    }
    return answer(200, issued(administration.regenerateKey(actor, id, grace)));
  }

  /**
   * The grace period in the only field of {@code body} ({@code field}, whole seconds), or {@code
   * otherwise} when it is absent or null; unknown fields and a value that is not whole seconds go
   * to {@code problems}.
   */
  static Duration graceOf(
      ObjectNode body, String field, Duration otherwise, List<Problem> problems) {
    unknownFields(body, Set.of(field), problems);
    JsonNode seconds = body.get(field);
    if (seconds == null || seconds.isNull()) {
      return otherwise;
    }
    if (seconds.canConvertToExactIntegral() && seconds.canConvertToLong()) {
      return Duration.ofSeconds(seconds.asLong());
    }
    problems.add(new Problem(field, "must be a whole number of seconds"));
    return otherwise;
  }

  private EndpointResponse requests(Actor actor, WebhookId id, String query) {
    Map<String, String> parameters = parameters(query);
    List<Problem> problems = new ArrayList<>();
    int limit = DEFAULT_REQUEST_LOG_LIMIT;
    String limitText = parameters.get("limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText.strip());
      } catch (NumberFormatException e) {
        limit = 0;
      }
      if (limit < 1 || limit > WebhookAdministration.MAX_REQUEST_LOG_LIMIT) {
        problems.add(
            new Problem(
                "limit",
                "must be a whole number from 1 to " + WebhookAdministration.MAX_REQUEST_LOG_LIMIT));
      }
    }
    Optional<Outcome> outcome = Optional.empty();
    String outcomeText = parameters.get("outcome");
    if (outcomeText != null && !outcomeText.isBlank()) {
      outcome = outcome(outcomeText.strip());
      if (outcome.isEmpty()) {
        problems.add(
            new Problem(
                "outcome",
                "must be one of "
                    + Arrays.stream(Outcome.values())
                        .map(AdminEndpoint::name)
                        .collect(Collectors.joining(", "))));
      }
    }
    if (!problems.isEmpty()) {
      administration.get(actor, id);
      throw new ValidationException(problems);
    }
    ArrayNode entries = NODES.arrayNode();
    for (RequestLogEntry entry : administration.requestLog(actor, id, limit, outcome)) {
      entries.add(entry(entry));
    }
    ObjectNode body = NODES.objectNode();
    body.set("requests", entries);
    return answer(200, body);
  }

  private EndpointResponse integration(Actor actor) {
    return answer(200, integrationBody(actor, administration.integrationEnabled(actor)));
  }

  private EndpointResponse setIntegration(Actor actor, ObjectNode body) {
    List<Problem> problems = new ArrayList<>();
    unknownFields(body, Set.of("enabled"), problems);
    JsonNode enabled = body.get("enabled");
    if (enabled == null || enabled.isNull()) {
      problems.add(new Problem("enabled", "is required: true or false"));
    } else if (!enabled.isBoolean()) {
      // "true" in quotes is the likely mistake: say what is wrong with it, not that it is missing.
      problems.add(new Problem("enabled", "must be a boolean: true or false, without quotes"));
    }
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    administration.setIntegrationEnabled(actor, enabled.booleanValue());
    return answer(200, integrationBody(actor, enabled.booleanValue()));
  }

  static ObjectNode integrationBody(Actor actor, boolean enabled) {
    ObjectNode body = NODES.objectNode();
    body.put("company", actor.company().value());
    body.put("enabled", enabled);
    return body;
  }

  // ---- JSON in ----------------------------------------------------------------------------------

  static ObjectNode body(AdminRequest request) {
    return optionalBody(request)
        .orElseThrow(() -> new BadRequest(400, "Body is empty; expected a JSON object"));
  }

  /** The body as a JSON object; empty when there is no body at all. */
  static Optional<ObjectNode> optionalBody(AdminRequest request) {
    if (request.contentLength().isPresent()
        && request.contentLength().getAsLong() > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    byte[] bytes;
    try {
      bytes = request.body().readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw new BadRequest(400, "Body could not be read: the connection ended early");
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      return Optional.empty();
    }
    JsonNode tree;
    try {
      tree = JSON.parse(bytes);
    } catch (JsonBodies.InvalidBodyException e) {
      throw new BadRequest(400, e.getMessage());
    }
    if (!tree.isObject()) {
      throw new BadRequest(400, "Body must be a JSON object");
    }
    return Optional.of((ObjectNode) tree);
  }

  static BadRequest tooLarge() {
    return new BadRequest(413, "Body is larger than the limit of " + MAX_BODY_BYTES + " bytes");
  }

  static void unknownFields(ObjectNode body, Set<String> known, List<Problem> problems) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(
            new Problem(
                shorten(name),
                "unknown field; expected "
                    + known.stream().sorted().collect(Collectors.joining(", "))));
      }
    }
  }

  /** A text field; JSON null counts as absent. */
  static Optional<String> text(
      ObjectNode body, String field, boolean required, List<Problem> problems) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        problems.add(new Problem(field, "is required"));
      }
      return Optional.empty();
    }
    if (!value.isTextual()) {
      problems.add(new Problem(field, "must be text"));
      return Optional.empty();
    }
    return Optional.of(value.textValue());
  }

  /**
   * A webhook's own rate limit: {@code "off"}, or {@code {"per_second": n, "burst": m}} with a
   * positive rate and a whole burst of at least 1 (their maximum is the administration's to check).
   */
  static Optional<RateLimitSetting> rateLimit(JsonNode value, List<Problem> problems) {
    if (value.isTextual() && value.textValue().equals("off")) {
      return Optional.of(RateLimitSetting.off());
    }
    String shape = "must be \"off\", null, or {\"per_second\": n, \"burst\": m}";
    if (!value.isObject()) {
      problems.add(new Problem("rate_limit", shape));
      return Optional.empty();
    }
    int before = problems.size();
    ObjectNode limit = (ObjectNode) value;
    limit
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!field.equals("per_second") && !field.equals("burst")) {
                problems.add(new Problem("rate_limit." + field, "is not a field; " + shape));
              }
            });
    JsonNode perSecond = limit.get("per_second");
    if (perSecond == null
        || !perSecond.isNumber()
        || !(perSecond.doubleValue() > 0)
        || Double.isInfinite(perSecond.doubleValue())) {
      problems.add(new Problem("rate_limit.per_second", "must be a number greater than 0"));
    }
    JsonNode burst = limit.get("burst");
    if (burst == null
        || !burst.isIntegralNumber()
        || !burst.canConvertToInt()
        || burst.intValue() < 1) {
      problems.add(new Problem("rate_limit.burst", "must be a whole number of at least 1"));
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        RateLimitSetting.of(RateLimit.perSecond(perSecond.doubleValue(), burst.intValue())));
  }

  /**
   * The mapping as JSON text: an object in the body, validated by the administration when saved.
   */
  static Optional<String> mapping(ObjectNode body, boolean required, List<Problem> problems) {
    JsonNode value = body.get("mapping");
    if (value == null || value.isNull()) {
      if (required) {
        problems.add(new Problem("mapping", "is required: a JSON object"));
      }
      return Optional.empty();
    }
    if (!value.isObject()) {
      problems.add(new Problem("mapping", "must be a JSON object"));
      return Optional.empty();
    }
    return Optional.of(value.toString());
  }

  static WebhookId webhookId(String segment) {
    try {
      return WebhookId.of(segment);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("Webhook not found");
    }
  }

  static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    return segments;
  }

  static Map<String, String> parameters(String query) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        values.putIfAbsent(name, value);
      } catch (IllegalArgumentException malformed) {
        // A parameter that is not valid percent-encoding is no parameter.
      }
    }
    return values;
  }

  static Optional<Outcome> outcome(String text) {
    return Arrays.stream(Outcome.values())
        .filter(o -> name(o).equals(text.toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  static String name(Outcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  static String shorten(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }

  // ---- JSON out ---------------------------------------------------------------------------------

  static ObjectNode webhook(WebhookSummary summary) {
    ObjectNode node = NODES.objectNode();
    node.put("id", summary.id().value());
    node.put("name", summary.name());
    node.put("source_type", summary.sourceType().orElse(null));
    node.set("mapping", summary.mapping().config());
    node.put("created_at", summary.createdAt().toString());
    node.put("key_last_rotated_at", summary.keyRotatedAt().toString());
    node.put(
        "previous_key_valid_until",
        summary.previousKeyValidUntil().map(Object::toString).orElse(null));
    node.set("rate_limit", rateLimit(summary.rateLimit()));
    return node;
  }

  /** null (the engine's default), {@code "off"}, or {@code {"per_second":…,"burst":…}}. */
  static JsonNode rateLimit(Optional<RateLimitSetting> setting) {
    if (setting.isEmpty()) {
      return NODES.nullNode();
    }
    Optional<RateLimit> limit = setting.get().limit();
    if (limit.isEmpty()) {
      return NODES.textNode("off");
    }
    ObjectNode node = NODES.objectNode();
    double perSecond = limit.get().perSecond();
    // 50 reads back as 50, not 50.0: the number the administrator sent.
    if (perSecond == Math.rint(perSecond) && perSecond <= Long.MAX_VALUE) {
      node.put("per_second", (long) perSecond);
    } else {
      node.put("per_second", perSecond);
    }
    node.put("burst", limit.get().burst());
    return node;
  }

  static ObjectNode issued(IssuedKey issued) {
    ObjectNode node = NODES.objectNode();
    node.set("webhook", webhook(issued.webhook()));
    node.put("key", issued.key().reveal());
    return node;
  }

  static ObjectNode entry(RequestLogEntry entry) {
    ObjectNode node = NODES.objectNode();
    node.put("received_at", entry.receivedAt().toString());
    node.put("outcome", name(entry.outcome()));
    node.put("status", entry.status());
    node.put("dry_run", entry.dryRun());
    node.set(
        "mapped_fields",
        entry.mappedFields().map(AdminEndpoint::jsonOrText).orElse(NODES.nullNode()));
    node.put("error", entry.error().orElse(null));
    // The body as text (a sender's malformed JSON is exactly what one wants to see), never parsed.
    node.put("body", entry.body().orElse(null));
    node.put("body_truncated", entry.bodyTruncated());
    node.put("reason", entry.reason().orElse(null));
    return node;
  }

  /** Mapped fields are stored as JSON text; shown as JSON, or as text should they not parse. */
  static JsonNode jsonOrText(String text) {
    try {
      return OUT.readTree(text);
    } catch (IOException e) {
      return NODES.textNode(text);
    }
  }

  static ObjectNode error(String message) {
    ObjectNode body = NODES.objectNode();
    body.put("error", message);
    return body;
  }

  static ObjectNode invalid(List<Problem> problems) {
    ObjectNode body = error("Invalid input");
    ArrayNode list = body.putArray("problems");
    for (Problem problem : problems) {
      list.addObject().put("field", problem.field()).put("message", problem.message());
    }
    return body;
  }

  static EndpointResponse answer(int status, JsonNode body) {
    return answer(status, body, Map.of());
  }

  static EndpointResponse answer(int status, JsonNode body, Map<String, String> headers) {
    try {
      return EndpointResponse.of(status, noStore(headers), OUT.writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serialises", e);
    }
  }

  static Map<String, String> noStore(Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Cache-Control", "no-store");
    return all;
  }

  static BadRequest notAllowed(String allow) {
    return new BadRequest(405, "Method not allowed; use " + allow, Map.of("Allow", allow));
  }

  /** A request refused before it reaches the administration. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final transient Map<String, String> headers;

    BadRequest(int status, String message) {
      this(status, message, Map.of());
    }

    BadRequest(int status, String message, Map<String, String> headers) {
      super(message, null, false, false);
      this.status = status;
      this.headers = headers;
    }
  }

  static JsonBodies jsonBodies(IngestLimits limits) {
    return new JsonBodies(
        limits.maxNestingDepth(), limits.maxStringLength(), limits.maxNumberLength());
  }
}
