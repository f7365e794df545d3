package io.learnhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.learnhook.mapping.FieldMapping.FieldExplanation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one field is read: where from, which transforms, what default, coerced to which type. Built
 * once per mapping; reading allocates only what the value itself needs.
 */
final class FieldRule {
  private final String field;
  private final ValueType type;
  private final Source source;
  private final Transform[] transforms;

  /** The default, already coerced (validated when the mapping was parsed); null when none. */
  private final Object defaultValue;

  FieldRule(Field field, Source source, List<Transform> transforms, Object defaultValue) {
    this.field = field.key();
    this.type = ValueType.of(field);
    this.source = source;
    this.transforms = transforms.toArray(new Transform[0]);
    this.defaultValue = defaultValue;
  }

  /** A field the mapping does not name: read from the payload's key of the same name. */
  static FieldRule sameName(Field field) {
    return new FieldRule(field, new SameNameKey(field), List.of(), null);
  }

  /**
   * The value, transformed and coerced, or the default when nothing usable is there; {@code null}
   * when there is neither.
   *
   * @throws PayloadException when a value is there but cannot be used
   */
  Object read(JsonNode payload) {
    JsonNode raw = source.find(payload, field);
    if (raw == null) {
      return defaultValue;
    }
    JsonNode value = raw;
    int applied = 0;
    try {
      for (Transform transform : transforms) {
        value = transform.apply(value);
        applied++;
      }
      Object coerced = type.coerce(value);
      return coerced != null ? coerced : defaultValue;
    } catch (ValueException e) {
      throw e.toPayloadException(field, source.text(), before(raw, e.value(), applied));
    }
  }

  /**
   * How {@link #read} goes for this payload, step by step; never throws for the payload's sake.
   * Follows the same steps as {@link #read}, so what it says is what recording does.
   */
  FieldExplanation explain(JsonNode payload) {
    Field key = Field.byKey(field).orElseThrow();
    boolean fallback = source instanceof SameNameKey;
    JsonNode raw;
    try {
      raw = source.find(payload, field);
    } catch (PayloadException e) {
      return explained(
          key, fallback, null, List.of(), FieldExplanation.Outcome.INVALID, null, e.getMessage());
    }
    if (raw == null) {
      return missing(key, fallback, null, List.of(), "nothing at '" + path() + "'");
    }
    List<FieldExplanation.Step> steps = new ArrayList<>();
    JsonNode value = raw;
    try {
      for (Transform transform : transforms) {
        value = transform.apply(value);
        steps.add(new FieldExplanation.Step(transform.key(), value));
      }
      Object coerced = type.coerce(value);
      if (coerced == null) {
        return missing(
            key,
            fallback,
            raw,
            steps,
            "found " + ValueException.describe(value) + " at '" + path() + "'");
      }
      return explained(key, fallback, raw, steps, FieldExplanation.Outcome.FOUND, coerced, null);
    } catch (ValueException e) {
      String message =
          e.toPayloadException(field, source.text(), before(raw, e.value(), steps.size()))
              .getMessage();
      return explained(key, fallback, raw, steps, FieldExplanation.Outcome.INVALID, null, message);
    }
  }

  private FieldExplanation missing(
      Field key, boolean fallback, JsonNode raw, List<FieldExplanation.Step> steps, String why) {
    return defaultValue == null
        ? explained(key, fallback, raw, steps, FieldExplanation.Outcome.MISSING, null, why)
        : explained(
            key,
            fallback,
            raw,
            steps,
            FieldExplanation.Outcome.DEFAULTED,
            defaultValue,
            why + "; the default is used");
  }

  private FieldExplanation explained(
      Field key,
      boolean fallback,
      JsonNode raw,
      List<FieldExplanation.Step> steps,
      FieldExplanation.Outcome outcome,
      Object value,
      String note) {
    return new FieldExplanation(
        key,
        path(),
        fallback,
        Optional.ofNullable(raw),
        steps,
        outcome,
        Optional.ofNullable(value).map(FieldRule::asJson),
        Optional.ofNullable(note));
  }

  /** A coerced value as JSON: text, a whole number, a decimal, or an instant as ISO-8601 text. */
  private static JsonNode asJson(Object value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value instanceof Long number) {
      return nodes.numberNode(number);
    }
    if (value instanceof BigDecimal number) {
      return nodes.numberNode(number);
    }
    return nodes.textNode(value.toString());
  }

  /** Where the value is read from; for {@link Selection}. */
  Source source() {
    return source;
  }

  /** Where the value is read from, as the config wrote it (or the field name, for a fallback). */
  String path() {
    return source.text();
  }

  /**
   * What is at the source, for saying why a required field is missing: {@code nothing at
   * 'user.email'} or {@code found "" at 'user.email'}. Only called on the way to an error.
   */
  String whatWasFound(JsonNode payload) {
    JsonNode raw;
    try {
      raw = source.find(payload, field);
    } catch (PayloadException e) {
      raw = null; // cannot happen after read() succeeded; nothing is the honest answer anyway
    }
    return raw == null
        ? "nothing at '" + path() + "'"
        : "found " + ValueException.describe(raw) + " at '" + path() + "'";
  }

  /** {@code (5 before percent_from_fraction)}, when transforms changed the value shown. */
  private String before(JsonNode raw, JsonNode shown, int applied) {
    if (applied == 0 || raw.equals(shown)) {
      return "";
    }
    StringBuilder note =
        new StringBuilder(" (").append(ValueException.describe(raw)).append(" before ");
    for (int i = 0; i < applied; i++) {
      note.append(i == 0 ? "" : ", ").append(transforms[i].key());
    }
    return note.append(')').toString();
  }
}
