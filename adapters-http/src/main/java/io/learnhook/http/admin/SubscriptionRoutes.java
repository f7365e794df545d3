package io.learnhook.http.admin;

import static io.learnhook.http.admin.AdminEndpoint.answer;
import static io.learnhook.http.admin.AdminEndpoint.body;
import static io.learnhook.http.admin.AdminEndpoint.noStore;
import static io.learnhook.http.admin.AdminEndpoint.notAllowed;
import static io.learnhook.http.admin.AdminEndpoint.optionalBody;
import static io.learnhook.http.admin.AdminEndpoint.text;
import static io.learnhook.http.admin.AdminEndpoint.unknownFields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SigningSecret;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.http.ingest.EndpointResponse;
import io.learnhook.management.Actor;
import io.learnhook.management.ManagementException.NotFoundException;
import io.learnhook.management.ManagementException.ValidationException;
import io.learnhook.management.ManagementException.ValidationException.Problem;
import io.learnhook.management.ReportAdministration;
import io.learnhook.management.ReportAdministration.IssuedSubscription;
import io.learnhook.management.ReportAdministration.NewSubscription;
import io.learnhook.management.ReportAdministration.Retry;
import io.learnhook.management.ReportAdministration.SubscriptionChanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code /subscriptions} routes of {@link AdminEndpoint}: {@link ReportAdministration} as JSON.
 *
 * <table>
 *   <caption>Routes, relative to the mount point</caption>
 *   <tr><th>method and path</th><th>answers</th></tr>
 *   <tr><td>{@code GET /subscriptions}</td><td>200 {@code {"subscriptions":[…]}}</td></tr>
 *   <tr><td>{@code POST /subscriptions}</td><td>201, the subscription, with {@code
 *       signing_secret} when {@code "signing":true}</td></tr>
 *   <tr><td>{@code GET|PATCH|DELETE /subscriptions/{id}}</td><td>200, 200 (with {@code
 *       signing_secret} when signing was switched on), 204</td></tr>
 *   <tr><td>{@code POST /subscriptions/{id}/rotate-secret}</td><td>200 {@code
 *       {"signing_secret":…}}; body {@code {"grace_seconds":N}} optional (default a day)</td></tr>
 *   <tr><td>{@code POST /subscriptions/{id}/test}</td><td>202 {@code {"delivery_id":…}}</td></tr>
 * </table>
 *
 * <p>A subscription's JSON never holds its Authorization value or a secret: only whether they are
 * set. The one exception is a secret made by the call itself, shown that once.
 */
final class SubscriptionRoutes {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> FIELDS =
      Set.of(
          "callback_url", "authorization", "enabled", "allow_private_network", "retry", "signing");

  /**
   * Stands in for a callback URL of the wrong shape, so that the other fields are still checked.
   */
  private static final String PLACEHOLDER_URL = "https://placeholder.invalid/";

  private final ReportAdministration reports;

  SubscriptionRoutes(ReportAdministration reports) {
    this.reports = Objects.requireNonNull(reports, "reports");
  }

  /**
   * Answers a call whose path starts with {@code subscriptions}. The caller is authenticated and
   * may manage the company's reports; failures are thrown as {@link AdminEndpoint}'s exceptions.
   */
  EndpointResponse route(Actor actor, AdminRequest request, List<String> path) {
    reports.requireAccess(actor);
    String method = request.method();
    if (path.size() == 1) {
      switch (method) {
        case "GET":
          return list(actor);
        case "POST":
          return create(actor, body(request));
        default:
          throw notAllowed("GET, POST");
      }
    }
    if (path.size() > 3) {
      throw new AdminEndpoint.BadRequest(404, "Not found");
    }
    SubscriptionId id = subscriptionId(path.get(1));
    if (path.size() == 2) {
      switch (method) {
        case "GET":
          return answer(200, subscription(reports.subscription(actor, id)));
        case "PATCH":
          return change(actor, id, body(request));
        case "DELETE":
          reports.deleteSubscription(actor, id);
          return EndpointResponse.of(204, noStore(Map.of()), new byte[0]);
        default:
          throw notAllowed("GET, PATCH, DELETE");
      }
    }
    switch (path.get(2)) {
      case "rotate-secret":
        if (!method.equals("POST")) {
          throw notAllowed("POST");
        }
        return rotate(actor, id, optionalBody(request));
      case "test":
        if (!method.equals("POST")) {
          throw notAllowed("POST");
        }
        return test(actor, id, optionalBody(request));
      default:
        throw new AdminEndpoint.BadRequest(404, "Not found");
    }
  }

  private EndpointResponse list(Actor actor) {
    ObjectNode body = NODES.objectNode();
    ArrayNode subscriptions = body.putArray("subscriptions");
    reports.subscriptions(actor).forEach(s -> subscriptions.add(subscription(s)));
    return answer(200, body);
  }

  private EndpointResponse create(Actor actor, ObjectNode body) {
    List<Problem> problems = new ArrayList<>();
    unknownFields(body, FIELDS, problems);
    Optional<String> url = text(body, "callback_url", true, problems);
    Optional<String> authorization = text(body, "authorization", false, problems);
    boolean enabled = bool(body, "enabled", true, problems);
    boolean allowPrivate = bool(body, "allow_private_network", false, problems);
    Optional<Retry> retry = retry(body, problems);
    boolean signing = bool(body, "signing", false, problems);
    NewSubscription request =
        new NewSubscription(
            url.orElse(PLACEHOLDER_URL),
            authorization,
            enabled,
            // A stand-in URL is not checked against the network rule (nor resolved).
            url.isPresent() ? allowPrivate : true,
            retry,
            signing);
    if (!problems.isEmpty()) {
      // The rest of the input is checked too, so that every problem is listed at once.
      problems.addAll(reports.problemsOf(actor, request));
      throw new ValidationException(problems);
    }
    IssuedSubscription issued = reports.createSubscription(actor, request);
    return answer(201, issued(issued));
  }

  private EndpointResponse change(Actor actor, SubscriptionId id, ObjectNode body) {
    List<Problem> problems = new ArrayList<>();
    unknownFields(body, FIELDS, problems);
    Optional<String> url = Optional.empty();
    if (body.has("callback_url")) {
      url = text(body, "callback_url", true, problems);
    }
    Optional<String> authorization = Optional.empty();
    if (body.has("authorization")) {
      // null removes it, as blank text does.
      authorization = Optional.of(text(body, "authorization", false, problems).orElse(""));
    }
    Optional<Boolean> enabled = optionalBool(body, "enabled", problems);
    Optional<Boolean> allowPrivate = optionalBool(body, "allow_private_network", problems);
    Optional<Retry> retry = Optional.empty();
    if (body.has("retry")) {
      retry = retry(body, problems);
      if (retry.isEmpty() && body.get("retry").isNull()) {
        problems.add(new Problem("retry", "must be {\"max_retries\": n, \"interval_seconds\": s}"));
      }
    }
    Optional<Boolean> signing = optionalBool(body, "signing", problems);
    SubscriptionChanges changes =
        new SubscriptionChanges(url, authorization, enabled, allowPrivate, retry, signing);
    // Checked even when the shape is wrong: the subscription must be the caller's before they
    // learn anything about their input, and every problem is listed at once.
    List<Problem> more = reports.problemsOf(actor, id, changes);
    if (!problems.isEmpty() || !more.isEmpty()) {
      problems.addAll(more);
      throw new ValidationException(problems);
    }
    return answer(200, issued(reports.changeSubscription(actor, id, changes)));
  }

  private EndpointResponse rotate(Actor actor, SubscriptionId id, Optional<ObjectNode> body) {
    Duration grace = ReportAdministration.DEFAULT_SECRET_GRACE;
    if (body.isPresent()) {
      List<Problem> problems = new ArrayList<>();
      grace = AdminEndpoint.graceOf(body.get(), "grace_seconds", grace, problems);
      if (!problems.isEmpty()) {
        if (reports.subscription(actor, id).signingSecret().isEmpty()) {
          problems.add(
              new Problem(
                  "signing",
                  "the subscription has no signing secret to rotate; set signing to true instead"));
        }
        throw new ValidationException(problems);
      }
    }
    SigningSecret secret = reports.rotateSigningSecret(actor, id, grace);
    ObjectNode answer = NODES.objectNode();
    answer.put("signing_secret", secret.reveal());
    return answer(200, answer);
  }

  private EndpointResponse test(Actor actor, SubscriptionId id, Optional<ObjectNode> body) {
    if (body.isPresent() && body.get().size() > 0) {
      List<Problem> problems = new ArrayList<>();
      unknownFields(body.get(), Set.of(), problems);
      reports.subscription(actor, id);
      throw new ValidationException(problems);
    }
    Delivery queued = reports.sendTest(actor, id);
    ObjectNode answer = NODES.objectNode();
    answer.put("delivery_id", queued.id().value());
    return answer(202, answer);
  }

  // ---- JSON in ----------------------------------------------------------------------------------

  private static boolean bool(
      ObjectNode body, String field, boolean otherwise, List<Problem> problems) {
    return optionalBool(body, field, problems).orElse(otherwise);
  }

  /** A boolean field; absent is empty, anything but true or false a problem. */
  private static Optional<Boolean> optionalBool(
      ObjectNode body, String field, List<Problem> problems) {
    JsonNode value = body.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      problems.add(new Problem(field, "must be a boolean: true or false, without quotes"));
      return Optional.empty();
    }
    return Optional.of(value.booleanValue());
  }

  /**
   * {@code {"max_retries": n, "interval_seconds": s}}, whole numbers; empty when absent or null.
   */
  private static Optional<Retry> retry(ObjectNode body, List<Problem> problems) {
    JsonNode value = body.get("retry");
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    String shape = "must be {\"max_retries\": n, \"interval_seconds\": s}";
    if (!value.isObject()) {
      problems.add(new Problem("retry", shape));
      return Optional.empty();
    }
    int before = problems.size();
    value
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!field.equals("max_retries") && !field.equals("interval_seconds")) {
                problems.add(
                    new Problem(
                        "retry." + AdminEndpoint.shorten(field), "is not a field; " + shape));
              }
            });
    Optional<Long> retries = whole(value.get("max_retries"), "retry.max_retries", problems);
    Optional<Long> interval =
        whole(value.get("interval_seconds"), "retry.interval_seconds", problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new Retry(retries.orElseThrow(), interval.orElseThrow()));
  }

  private static Optional<Long> whole(JsonNode value, String field, List<Problem> problems) {
    if (value == null
        || !value.isNumber()
        || !value.canConvertToExactIntegral()
        || !value.canConvertToLong()) {
      problems.add(new Problem(field, "is required: a whole number"));
      return Optional.empty();
    }
    return Optional.of(value.asLong());
  }

  static SubscriptionId subscriptionId(String segment) {
    try {
      return SubscriptionId.of(segment);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("Subscription not found");
    }
  }

  // ---- JSON out ---------------------------------------------------------------------------------

  /** A subscription as administrators see it: never its Authorization value or a secret. */
  static ObjectNode subscription(ReportSubscription s) {
    ObjectNode node = NODES.objectNode();
    node.put("id", s.id().value());
    node.put("callback_url", s.callbackUrl().toString());
    node.put("authorization_set", s.authorization().isPresent());
    node.put("enabled", s.enabled());
    node.put("allow_private_network", s.allowPrivateNetwork());
    ObjectNode retry = node.putObject("retry");
    retry.put("max_retries", s.retryPolicy().maxRetries());
    retry.put("interval_seconds", s.retryPolicy().interval().toSeconds());
    node.put("signing", s.signingSecret().isPresent());
    node.put("created_at", s.createdAt().toString());
    node.put("disabled_reason", s.disabledReason().orElse(null));
    return node;
  }

  /** The subscription, and the secret this call made, the one time it is shown. */
  static ObjectNode issued(IssuedSubscription issued) {
    ObjectNode node = subscription(issued.subscription());
    issued.signingSecret().ifPresent(secret -> node.put("signing_secret", secret.reveal()));
    return node;
  }
}
