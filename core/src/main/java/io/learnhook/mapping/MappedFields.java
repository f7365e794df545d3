package io.learnhook.mapping;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnhook.internal.Preconditions;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A payload translated by a mapping: the values found, coerced to their types. At least one item
 * identifier is present.
 */
public record MappedFields(
    String email,
    Optional<String> itemId,
    Optional<String> sourceId,
    Optional<String> slug,
    Optional<String> result,
    Optional<Long> totalTimeSeconds,
    Optional<BigDecimal> score,
    Optional<Instant> completedAt,
    Optional<String> eventId) {

  public MappedFields {
    Preconditions.requireText(email, "email");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(totalTimeSeconds, "totalTimeSeconds");
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(completedAt, "completedAt");
    Objects.requireNonNull(eventId, "eventId");
    if (itemId.isEmpty() && sourceId.isEmpty() && slug.isEmpty()) {
      throw new IllegalArgumentException("at least one of item_id, source_id and slug is required");
    }
  }

  /**
   * {@code toJson().toString()}, written directly rather than through a tree and a serialiser: the
   * request log keeps this text for every call.
   */
  public String toJsonText() {
    StringBuilder json = new StringBuilder(192).append('{');
    text(json, Field.EMAIL, email);
    itemId.ifPresent(v -> text(json, Field.ITEM_ID, v));
    sourceId.ifPresent(v -> text(json, Field.SOURCE_ID, v));
    slug.ifPresent(v -> text(json, Field.SLUG, v));
    result.ifPresent(v -> text(json, Field.RESULT, v));
    totalTimeSeconds.ifPresent(v -> key(json, Field.TOTAL_TIME).append(v.longValue()));
    // As the tree writes it: the node factory's form of the decimal, as text.
    score.ifPresent(
        v -> key(json, Field.SCORE).append(JsonNodeFactory.instance.numberNode(v).asText()));
    completedAt.ifPresent(v -> text(json, Field.COMPLETED_AT, v.toString()));
    eventId.ifPresent(v -> text(json, Field.EVENT_ID, v));
    return json.append('}').toString();
  }

  private static StringBuilder key(StringBuilder json, Field field) {
    if (json.length() > 1) {
      json.append(',');
    }
    return json.append('"').append(field.key()).append("\":");
  }

  private static void text(StringBuilder json, Field field, String value) {
    key(json, field).append('"');
    JsonStringEncoder.getInstance().quoteAsString(value, json);
    json.append('"');
  }

  /** The fields as one JSON object, keyed by {@link Field#key()}; absent fields are left out. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put(Field.EMAIL.key(), email);
    itemId.ifPresent(v -> json.put(Field.ITEM_ID.key(), v));
    sourceId.ifPresent(v -> json.put(Field.SOURCE_ID.key(), v));
    slug.ifPresent(v -> json.put(Field.SLUG.key(), v));
    result.ifPresent(v -> json.put(Field.RESULT.key(), v));
    totalTimeSeconds.ifPresent(v -> json.put(Field.TOTAL_TIME.key(), v));
    score.ifPresent(v -> json.put(Field.SCORE.key(), v));
    completedAt.ifPresent(v -> json.put(Field.COMPLETED_AT.key(), v.toString()));
    eventId.ifPresent(v -> json.put(Field.EVENT_ID.key(), v));
    return json;
  }
}
