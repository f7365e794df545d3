package io.learnhook.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.learnhook.LearnHook;
import io.learnhook.completion.NewCompletion;
import io.learnhook.completion.RecordResult;
import io.learnhook.directory.Company;
import io.learnhook.directory.Item;
import io.learnhook.directory.User;
import io.learnhook.mapping.MappedFields;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import io.learnhook.resolution.ItemResolution;
import io.learnhook.resolution.UserResolution;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Baseline (b): what many in-house integrations write. The same steps as the endpoint (key,
 * webhook, company, body, map, resolve user and item, record, log, answer), through the same store
 * and recorder, except how fields are read: the body is parsed into a whole Jackson tree and each
 * field is read with a JSONPath compiled afresh for the request ({@code
 * JsonPath.compile(path).read(doc)}), then converted by hand.
 */
final class NaiveIntegration {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Configuration JSONPATH =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(JSON))
          .mappingProvider(new JacksonMappingProvider(JSON))
          .options(Option.SUPPRESS_EXCEPTIONS)
          .build();

  /** How a hand-written integration turns what a path found into a value. */
  enum Kind {
    TEXT,
    EMAIL,
    MAILTO_EMAIL,
    DECIMAL,
    PERCENT_FROM_FRACTION,
    ISO_DURATION,
    INSTANT,
    SECONDS_BETWEEN
  }

  /**
   * One field as the integration's code reads it; {@code to} only for {@link Kind#SECONDS_BETWEEN}.
   */
  record NaiveField(String field, Kind kind, String path, String to) {
    NaiveField(String field, Kind kind, String path) {
      this(field, kind, path, null);
    }
  }

  /** The same fields the payload's LearnHook mapping reads, as JSONPath. */
  static List<NaiveField> fieldsOf(String payload) {
    return switch (payload) {
      case "lessonly" ->
          List.of(
              new NaiveField("email", Kind.EMAIL, "$.user.email"),
              new NaiveField("source_id", Kind.TEXT, "$.lesson.id"),
              new NaiveField("score", Kind.DECIMAL, "$.score_percent"),
              new NaiveField("completed_at", Kind.INSTANT, "$.completed_at"),
              new NaiveField("total_time", Kind.SECONDS_BETWEEN, "$.started_at", "$.completed_at"));
      case "xapi" ->
          List.of(
              new NaiveField("email", Kind.MAILTO_EMAIL, "$.actor.mbox"),
              new NaiveField("source_id", Kind.TEXT, "$.object.id"),
              new NaiveField("score", Kind.PERCENT_FROM_FRACTION, "$.result.score.scaled"),
              new NaiveField("result", Kind.TEXT, "$.result.success"),
              new NaiveField("total_time", Kind.ISO_DURATION, "$.result.duration"),
              new NaiveField("completed_at", Kind.INSTANT, "$.timestamp"),
              new NaiveField("event_id", Kind.TEXT, "$.id"));
      case "lms-event" ->
          List.of(
              new NaiveField("email", Kind.EMAIL, "$.data.learner.email"),
              new NaiveField("source_id", Kind.TEXT, "$.data.course.external_id"),
              new NaiveField("slug", Kind.TEXT, "$.data.course.slug"),
              new NaiveField("result", Kind.TEXT, "$.data.enrollment.status"),
              new NaiveField("score", Kind.DECIMAL, "$.data.enrollment.grade.percent"),
              new NaiveField("completed_at", Kind.INSTANT, "$.data.enrollment.completed_at"),
              new NaiveField(
                  "total_time",
                  Kind.SECONDS_BETWEEN,
                  "$.data.enrollment.started_at",
                  "$.data.enrollment.completed_at"),
              new NaiveField("event_id", Kind.TEXT, "$.id"));
      default -> throw new IllegalArgumentException("no naive fields for " + payload);
    };
  }

  private final InMemoryStore store;
  private final LearnHook learnHook;
  private final List<NaiveField> fields;
  private final UserResolution users;
  private final ItemResolution items;

  NaiveIntegration(InMemoryStore store, LearnHook learnHook, List<NaiveField> fields) {
    this.store = store;
    this.learnHook = learnHook;
    this.fields = fields;
    this.users = new UserResolution(store.users());
    this.items = new ItemResolution(store.items());
  }

  /** One call; answers the status and writes the answer's bytes into {@code answer[0]}. */
  int handle(String authorization, InputStream in, byte[][] answer) throws IOException {
    Instant receivedAt = Instant.now();
    Optional<WebhookKey> key = WebhookKey.parse(authorization.substring("Bearer ".length()));
    if (key.isEmpty()) {
      return 401;
    }
    Optional<Webhook> webhook = store.webhooks().findByKeyHash(key.get().hash());
    if (webhook.isEmpty()) {
      return 401;
    }
    Optional<Company> company = store.companies().findById(webhook.get().company());
    if (company.isEmpty() || !company.get().integrationEnabled()) {
      return 403;
    }
    JsonNode doc = JSON.readTree(in.readAllBytes());
    Map<String, Object> values = new LinkedHashMap<>();
    for (NaiveField field : fields) {
      Object value = read(doc, field);
      if (value != null) {
        values.put(field.field(), value);
      }
    }
    MappedFields mapped =
        new MappedFields(
            (String) values.get("email"),
            Optional.ofNullable((String) values.get("item_id")),
            Optional.ofNullable((String) values.get("source_id")),
            Optional.ofNullable((String) values.get("slug")),
            Optional.ofNullable((String) values.get("result")),
            Optional.ofNullable((Long) values.get("total_time")),
            Optional.ofNullable((BigDecimal) values.get("score")),
            Optional.ofNullable((Instant) values.get("completed_at")),
            Optional.ofNullable((String) values.get("event_id")));
    User user = users.resolve(webhook.get().company(), mapped.email());
    Item item = items.resolve(webhook.get().company(), webhook.get().sourceType(), mapped);
    RecordResult result =
        learnHook.record(
            new NewCompletion(
                webhook.get().company(),
                user.id(),
                item.id(),
                Optional.of(webhook.get().id()),
                mapped.eventId(),
                mapped.completedAt().orElse(receivedAt),
                mapped.result(),
                mapped.score(),
                mapped.totalTimeSeconds()));
    int status = result.created() ? 201 : 200;
    Map<String, Object> logged = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> logged.put(name, value instanceof Instant ? value.toString() : value));
    store
        .requestLog()
        .append(
            new RequestLogEntry(
                webhook.get().id(),
                receivedAt,
                false,
                result.created() ? Outcome.RECORDED : Outcome.DUPLICATE,
                status,
                Optional.of(JSON.writeValueAsString(logged)),
                Optional.empty()));
    Map<String, String> body = new LinkedHashMap<>();
    body.put("status", result.created() ? "recorded" : "duplicate");
    body.put("completion_id", result.completion().id().value());
    body.put("user_id", user.id().value());
    body.put("item_id", item.id().value());
    answer[0] = JSON.writeValueAsBytes(body);
    return status;
  }

  int handle(String authorization, byte[] body, byte[][] answer) throws IOException {
    return handle(authorization, new ByteArrayInputStream(body), answer);
  }

  private static Object read(JsonNode doc, NaiveField field) {
    JsonNode node = find(doc, field.path());
    if (node == null) {
      return null;
    }
    switch (field.kind()) {
      case TEXT:
        return node.asText();
      case EMAIL:
        return node.asText().trim().toLowerCase(Locale.ROOT);
      case MAILTO_EMAIL:
        String mbox = node.asText().trim();
        return (mbox.regionMatches(true, 0, "mailto:", 0, 7) ? mbox.substring(7) : mbox)
            .toLowerCase(Locale.ROOT);
      case DECIMAL:
        return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().trim());
      case PERCENT_FROM_FRACTION:
        return node.decimalValue().multiply(BigDecimal.valueOf(100)).stripTrailingZeros();
      case ISO_DURATION:
        return Duration.parse(node.asText()).getSeconds();
      case INSTANT:
        return OffsetDateTime.parse(node.asText()).toInstant();
      case SECONDS_BETWEEN:
        JsonNode to = find(doc, field.to());
        if (to == null) {
          return null;
        }
        return Duration.between(
                OffsetDateTime.parse(node.asText()).toInstant(),
                OffsetDateTime.parse(to.asText()).toInstant())
            .getSeconds();
      default:
        throw new IllegalStateException(field.kind().toString());
    }
  }

  /** A JSONPath compiled for this one read, as {@code JsonPath.read(doc, "$.a.b")} code does. */
  private static JsonNode find(JsonNode doc, String path) {
    Object found = JsonPath.compile(path).read(doc, JSONPATH);
    return found instanceof JsonNode node && !node.isNull() && !node.isMissingNode() ? node : null;
  }
}
