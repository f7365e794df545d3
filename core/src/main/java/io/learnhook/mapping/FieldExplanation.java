package io.learnhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnhook.internal.Preconditions;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How one field of a payload was read, step by step: for integrators debugging a mapping ({@code
 * learnhook.jar map --explain}, {@link FieldMapping#explain}).
 *
 * @param field the field
 * @param source the path or expression read, as the mapping wrote it, or the field's own name when
 *     the mapping does not name it
 * @param fallback true when the field is not in the mapping and was looked for under its own name
 * @param found the raw value found there, before any transform
 * @param steps each transform applied, with what it gave
 * @param outcome how it ended
 * @param value the field's value, coerced (as JSON), when there is one
 * @param note why there is no value, or why the value cannot be used
 */
public record FieldExplanation(
    Field field,
    String source,
    boolean fallback,
    Optional<JsonNode> found,
    List<Step> steps,
    Outcome outcome,
    Optional<JsonNode> value,
    Optional<String> note) {

  /** How reading the field ended. */
  public enum Outcome {
    /** A value was found and used. */
    FOUND,
    /** Nothing usable was found; the mapping's default was used. */
    DEFAULTED,
    /** Nothing usable was found and there is no default. */
    MISSING,
    /** A value is there but cannot be used; {@link #note()} says why. */
    INVALID
  }

  /**
   * One transform and what it gave.
   *
   * @param transform the transform's name, such as {@code strip_mailto}
   * @param result the value it gave
   */
  public record Step(String transform, JsonNode result) {
    public Step {
      Preconditions.requireText(transform, "transform");
      Objects.requireNonNull(result, "result");
    }
  }

  public FieldExplanation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(found, "found");
    steps = List.copyOf(steps);
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(note, "note");
  }

  /**
   * As JSON: {@code {"from":"actor.mbox","found":"mailto:A@x.test","steps":[{"strip_mailto":
   * "A@x.test"}],"outcome":"found","value":"A@x.test"}}.
   */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("from", source);
    if (fallback) {
      json.put("fallback", true);
    }
    found.ifPresent(raw -> json.set("found", raw));
    if (!steps.isEmpty()) {
      steps.forEach(
          step -> json.withArray("steps").addObject().set(step.transform(), step.result()));
    }
    json.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
    value.ifPresent(v -> json.set("value", v));
    note.ifPresent(n -> json.put("note", n));
    return json;
  }
}
