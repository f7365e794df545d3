package io.learnhook.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnhook.mapping.Field;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.mapping.FieldMapping.FieldExplanation;
import io.learnhook.mapping.MappedFields;
import io.learnhook.mapping.PayloadException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * One payload as a mapping reads it, with fluent checks. Each failing check says where the field
 * was looked for, what was there, and what each transform made of it.
 */
public final class MappedPayload {
  private final FieldMapping mapping;
  private final JsonNode payload;
  private final List<FieldExplanation> explained;
  private final Optional<MappedFields> fields;
  private final Optional<PayloadException> failure;

  MappedPayload(FieldMapping mapping, JsonNode payload) {
    this.mapping = mapping;
    this.payload = payload;
    this.explained = payload.isObject() ? mapping.explain(payload) : List.of();
    MappedFields mapped = null;
    PayloadException refused = null;
    try {
      mapped = mapping.apply(payload);
    } catch (PayloadException e) {
      refused = e;
    }
    this.fields = Optional.ofNullable(mapped);
    this.failure = Optional.ofNullable(refused);
  }

  /**
   * The mapped fields.
   *
   * @throws AssertionFailedError when the payload does not map, with the reason and every field's
   *     story
   */
  public MappedFields fields() {
    return fields.orElseThrow(
        () ->
            new AssertionFailedError(
                "expected the payload to map, but it is refused: "
                    + failure.get().getMessage()
                    + story()));
  }

  /**
   * Checks a field's value: text for ids, email and result; a number for score and total_time; an
   * instant or its text for completed_at.
   */
  public MappedPayload maps(Field field, Object expected) {
    Optional<Object> actual = value(fields(), field);
    if (actual.isEmpty() || !same(field, expected, actual.get())) {
      throw new AssertionFailedError(
          field.key()
              + ": expected "
              + expected
              + " but "
              + actual.map(a -> "was " + a).orElse("nothing was mapped")
              + story(field),
          expected,
          actual.orElse(null));
    }
    return this;
  }

  public MappedPayload mapsEmail(String expected) {
    return maps(Field.EMAIL, expected);
  }

  public MappedPayload mapsItemId(String expected) {
    return maps(Field.ITEM_ID, expected);
  }

  public MappedPayload mapsSourceId(String expected) {
    return maps(Field.SOURCE_ID, expected);
  }

  public MappedPayload mapsSlug(String expected) {
    return maps(Field.SLUG, expected);
  }

  public MappedPayload mapsResult(String expected) {
    return maps(Field.RESULT, expected);
  }

  public MappedPayload mapsScore(Number expected) {
    return maps(Field.SCORE, expected);
  }

  public MappedPayload mapsTotalTime(long expectedSeconds) {
    return maps(Field.TOTAL_TIME, expectedSeconds);
  }

  public MappedPayload mapsCompletedAt(String expectedIsoInstant) {
    return maps(Field.COMPLETED_AT, Instant.parse(expectedIsoInstant));
  }

  public MappedPayload mapsEventId(String expected) {
    return maps(Field.EVENT_ID, expected);
  }

  /** Checks that the field has no value (nothing found and no default). */
  public MappedPayload mapsNothingTo(Field field) {
    Optional<Object> actual = value(fields(), field);
    if (actual.isPresent()) {
      throw new AssertionFailedError(
          field.key() + ": expected nothing but was " + actual.get() + story(field),
          null,
          actual.get());
    }
    return this;
  }

  /**
   * Checks that the endpoint would refuse the payload with 422 for this field.
   *
   * @param kind missing (a required field has no value) or invalid (a value cannot be used)
   * @param field the field named, e.g. {@code email}, or {@code item_id, source_id, slug}
   * @return the refusal, to check its message further
   */
  public PayloadException isRefused(PayloadException.Kind kind, String field) {
    if (failure.isEmpty()) {
      throw new AssertionFailedError(
          "expected the payload to be refused ("
              + kind
              + " "
              + field
              + "), but it maps to "
              + fields.get().toJson()
              + story());
    }
    PayloadException refused = failure.get();
    if (refused.kind() != kind || !refused.field().equals(field)) {
      throw new AssertionFailedError(
          "expected a refusal "
              + kind
              + " "
              + field
              + " but was "
              + refused.kind()
              + " "
              + refused.field()
              + ": "
              + refused.getMessage()
              + story(),
          kind + " " + field,
          refused.kind() + " " + refused.field());
    }
    return refused;
  }

  /**
   * Every field's story: where it was looked for, what was found, what the transforms made of it.
   */
  public List<FieldExplanation> explanation() {
    return explained;
  }

  @Override
  public String toString() {
    return "MappedPayload"
        + fields
            .map(f -> f.toJson().toString())
            .orElse("[refused: " + failure.get().getMessage() + "]");
  }

  private static Optional<Object> value(MappedFields fields, Field field) {
    return switch (field) {
      case EMAIL -> Optional.of(fields.email());
      case ITEM_ID -> fields.itemId().map(Object.class::cast);
      case SOURCE_ID -> fields.sourceId().map(Object.class::cast);
      case SLUG -> fields.slug().map(Object.class::cast);
      case RESULT -> fields.result().map(Object.class::cast);
      case TOTAL_TIME -> fields.totalTimeSeconds().map(Object.class::cast);
      case SCORE -> fields.score().map(Object.class::cast);
      case COMPLETED_AT -> fields.completedAt().map(Object.class::cast);
      case EVENT_ID -> fields.eventId().map(Object.class::cast);
    };
  }

  /** Numbers by value (95 equals 95.0), instants or their text, the rest by text. */
  private static boolean same(Field field, Object expected, Object actual) {
    if (actual instanceof BigDecimal || actual instanceof Long) {
      if (!(expected instanceof Number) && !(expected instanceof String)) {
        return false;
      }
      try {
        return new BigDecimal(expected.toString()).compareTo(new BigDecimal(actual.toString()))
            == 0;
      } catch (NumberFormatException notANumber) {
        return false;
      }
    }
    if (actual instanceof Instant instant) {
      return expected instanceof Instant
          ? instant.equals(expected)
          : instant.toString().equals(expected.toString());
    }
    return actual.equals(expected);
  }

  private String story(Field field) {
    return explained.stream()
        .filter(e -> e.field() == field)
        .findFirst()
        .map(MappedPayload::tell)
        .orElse("");
  }

  private String story() {
    return explained.isEmpty()
        ? "\n  the payload is not a JSON object: " + payload.getNodeType()
        : explained.stream().map(MappedPayload::tell).collect(Collectors.joining());
  }

  private static String tell(FieldExplanation e) {
    StringBuilder story =
        new StringBuilder("\n  ")
            .append(e.field().key())
            .append(": read from '")
            .append(e.source())
            .append('\'');
    if (e.fallback()) {
      story.append(" (not in the mapping: the payload's key of the same name)");
    }
    e.found().ifPresent(raw -> story.append("; found ").append(raw));
    for (FieldExplanation.Step step : e.steps()) {
      story.append("; ").append(step.transform()).append(" → ").append(step.result());
    }
    e.value().ifPresent(v -> story.append("; value ").append(v));
    e.note().ifPresent(n -> story.append("; ").append(n));
    return story.toString();
  }
}
