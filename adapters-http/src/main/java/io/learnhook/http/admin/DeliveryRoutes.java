package io.learnhook.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.http.ingest.EndpointResponse;
import io.learnhook.management.Actor;
import io.learnhook.management.ManagementException.NotFoundException;
import io.learnhook.management.ManagementException.ValidationException;
import io.learnhook.management.ManagementException.ValidationException.Problem;
import io.learnhook.management.ReportAdministration;
import io.learnhook.management.ReportAdministration.DeliveryDetail;
import io.learnhook.management.ReportAdministration.DeliveryFilter;
import io.learnhook.spi.DeliveryOutbox;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code /deliveries} routes of {@link AdminEndpoint}: the delivery half of {@link
 * ReportAdministration} as JSON.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><td>{@code GET /deliveries?subscription=&state=&since=&until=&limit=}</td><td>200 {@code
 *       {"deliveries":[…]}}, newest first</td></tr>
 *   <tr><td>{@code GET /deliveries/{id}}</td><td>200, the delivery with {@code payload} and
 *       {@code attempts}</td></tr>
 *   <tr><td>{@code POST /deliveries/{id}/redeliver}</td><td>202 {@code {"delivery_id":…}}; 409
 *       when pending or being sent</td></tr>
 *   <tr><td>{@code POST /deliveries/redeliver}</td><td>body {@code {"state","since","until",
 *       "subscription"}}: 202 {@code {"count":N}}</td></tr>
 * </table>
 *
 * <p>An in-flight delivery shows as {@code pending}, and {@code state=pending} lists both.
 */
final class DeliveryRoutes {
  /** How many deliveries {@code GET /deliveries} returns unless {@code limit} says. */
  static final int DEFAULT_LIMIT = 50;

  /** The instants a filter may name: what every database stores. */
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  private static final String INSTANT_RULE =
      "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z, from 1970 to 9999";
  private static final Set<String> LIST_PARAMETERS =
      Set.of("subscription", "state", "since", "until", "limit");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Stands for a subscription id that cannot exist, so that the administration answers it as any
   * unknown subscription.
   */
  private static final SubscriptionId UNKNOWN_SUBSCRIPTION =
      SubscriptionId.of("unknown-subscription-" + java.util.UUID.randomUUID());

  private final ReportAdministration reports;

  DeliveryRoutes(ReportAdministration reports) {
    this.reports = Objects.requireNonNull(reports, "reports");
  }

  /**
   * Answers a call whose path starts with {@code deliveries}. The caller is authenticated; failures
   * are thrown as {@link AdminEndpoint}'s exceptions.
   */
  EndpointResponse route(Actor actor, AdminRequest request, List<String> path) {
    reports.requireAccess(actor);
    String method = request.method();
    if (path.size() == 1) {
      if (!method.equals("GET")) {
        throw AdminEndpoint.notAllowed("GET");
      }
      return list(actor, request.query());
    }
    if (path.size() == 2 && path.get(1).equals("redeliver")) {
      if (!method.equals("POST")) {
        throw AdminEndpoint.notAllowed("POST");
      }
      return redeliverAll(actor, AdminEndpoint.body(request));
    }
    if (path.size() == 2) {
      if (!method.equals("GET")) {
        throw AdminEndpoint.notAllowed("GET");
      }
      return AdminEndpoint.answer(200, detail(reports.delivery(actor, deliveryId(path.get(1)))));
    }
    if (path.size() == 3 && path.get(2).equals("redeliver")) {
      if (!method.equals("POST")) {
        throw AdminEndpoint.notAllowed("POST");
      }
      DeliveryId id = deliveryId(path.get(1));
      reports.redeliver(actor, id);
      ObjectNode body = NODES.objectNode();
      body.put("delivery_id", id.value());
      return AdminEndpoint.answer(202, body);
    }
    throw new AdminEndpoint.BadRequest(404, "Not found");
  }

  private EndpointResponse list(Actor actor, String query) {
    Map<String, String> parameters = AdminEndpoint.parameters(query);
    List<Problem> problems = new ArrayList<>();
    for (String name : parameters.keySet()) {
      if (!LIST_PARAMETERS.contains(name)) {
        problems.add(
            new Problem(
                AdminEndpoint.shorten(name),
                "unknown parameter; expected limit, since, state, subscription, until"));
      }
    }
    int limit = DEFAULT_LIMIT;
    String limitText = given(parameters, "limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = 0;
      }
      if (limit < 1 || limit > ReportAdministration.MAX_DELIVERY_LIST_LIMIT) {
        problems.add(
            new Problem(
                "limit",
                "must be a whole number from 1 to "
                    + ReportAdministration.MAX_DELIVERY_LIST_LIMIT));
      }
    }
    Set<DeliveryState> states = Set.of();
    String stateText = given(parameters, "state");
    if (stateText != null) {
      switch (stateText) {
        case "pending" -> states = Set.of(DeliveryState.PENDING, DeliveryState.IN_FLIGHT);
        case "delivered" -> states = Set.of(DeliveryState.DELIVERED);
        case "failed" -> states = Set.of(DeliveryState.FAILED);
        default -> problems.add(new Problem("state", "must be pending, delivered or failed"));
      }
    }
    Optional<Instant> since = instant("since", given(parameters, "since"), problems);
    Optional<Instant> until = instant("until", given(parameters, "until"), problems);
    if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
      problems.add(new Problem("until", "must be after since"));
    }
    Optional<SubscriptionId> subscription = subscriptionId(given(parameters, "subscription"));
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    DeliveryFilter filter = new DeliveryFilter(subscription, states, since, until);
    ArrayNode deliveries = NODES.arrayNode();
    for (DeliveryOutbox.Listed listed : reports.listDeliveries(actor, filter, limit)) {
      deliveries.add(delivery(listed.delivery(), listed.lastStatus()));
    }
    ObjectNode body = NODES.objectNode();
    body.set("deliveries", deliveries);
    return AdminEndpoint.answer(200, body);
  }

  private EndpointResponse redeliverAll(Actor actor, ObjectNode body) {
    List<Problem> problems = new ArrayList<>();
    AdminEndpoint.unknownFields(body, Set.of("state", "since", "until", "subscription"), problems);
    Optional<DeliveryState> state = Optional.empty();
    Optional<String> stateText = AdminEndpoint.text(body, "state", true, problems);
    if (stateText.isPresent()) {
      switch (stateText.get()) {
        case "failed" -> state = Optional.of(DeliveryState.FAILED);
        case "delivered" -> state = Optional.of(DeliveryState.DELIVERED);
        default -> problems.add(new Problem("state", "must be failed or delivered"));
      }
    }
    Optional<Instant> since =
        instant("since", AdminEndpoint.text(body, "since", true, problems).orElse(null), problems);
    Optional<Instant> until =
        instant("until", AdminEndpoint.text(body, "until", true, problems).orElse(null), problems);
    if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
      problems.add(new Problem("until", "must be after since"));
    }
    Optional<SubscriptionId> subscription =
        subscriptionId(AdminEndpoint.text(body, "subscription", false, problems).orElse(null));
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    int count =
        reports.redeliverAll(
            actor, state.orElseThrow(), since.orElseThrow(), until.orElseThrow(), subscription);
    ObjectNode answer = NODES.objectNode();
    answer.put("count", count);
    return AdminEndpoint.answer(202, answer);
  }

  /** A parameter's value, stripped; null when absent or blank. */
  private static String given(Map<String, String> parameters, String name) {
    String value = parameters.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * An instant; empty when {@code text} is null, or with a problem added when it is not one. A
   * space stands for the {@code +} of an offset, which a query string decodes so.
   */
  private static Optional<Instant> instant(String field, String text, List<Problem> problems) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      Instant instant = Instant.parse(text.strip().replace(' ', '+'));
      if (!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST)) {
        return Optional.of(instant);
      }
    } catch (DateTimeParseException e) {
      // Said below.
    }
    problems.add(new Problem(field, INSTANT_RULE));
    return Optional.empty();
  }

  /**
   * The subscription a filter names. One that cannot be an id is answered as an unknown
   * subscription (404), once the input has no other problem.
   */
  private static Optional<SubscriptionId> subscriptionId(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(SubscriptionId.of(text.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.of(UNKNOWN_SUBSCRIPTION);
    }
  }

  private static DeliveryId deliveryId(String segment) {
    try {
      return DeliveryId.of(segment);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("Delivery not found");
    }
  }

  // ---- JSON out ---------------------------------------------------------------------------------

  /**
   * A delivery as listed; in flight shows as pending, and only a pending one has a next attempt.
   */
  static ObjectNode delivery(Delivery delivery, Optional<Integer> lastStatus) {
    ObjectNode node = NODES.objectNode();
    node.put("id", delivery.id().value());
    node.put("subscription_id", delivery.subscription().value());
    node.put("completion_id", delivery.completion().value());
    node.put("state", state(delivery.state()));
    node.put("attempt_count", delivery.attempts());
    node.put("created_at", delivery.createdAt().toString());
    node.put(
        "next_attempt_at",
        delivery.state().finished() ? null : delivery.nextAttemptAt().toString());
    if (lastStatus.isPresent()) {
      node.put("last_status", lastStatus.get());
    } else {
      node.putNull("last_status");
    }
    node.put("last_error", delivery.lastError().orElse(null));
    return node;
  }

  static ObjectNode detail(DeliveryDetail detail) {
    ObjectNode node = delivery(detail.delivery(), detail.lastStatus());
    JsonNode payload = AdminEndpoint.jsonOrText(detail.delivery().payload());
    node.set("payload", payload);
    ArrayNode attempts = node.putArray("attempts");
    for (DeliveryAttempt attempt : detail.attempts()) {
      ObjectNode one = attempts.addObject();
      one.put("at", attempt.startedAt().toString());
      if (attempt.status().isPresent()) {
        one.put("status", attempt.status().get());
      } else {
        one.putNull("status");
      }
      one.put("latency_ms", attempt.latency().toMillis());
      one.put("error", attempt.error().orElse(null));
    }
    return node;
  }

  static String state(DeliveryState state) {
    return switch (state) {
      case PENDING, IN_FLIGHT -> "pending";
      case DELIVERED -> "delivered";
      case FAILED -> "failed";
    };
  }
}
