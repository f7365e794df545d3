package io.learnhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnhook.mapping.MappingException.MappingProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Validates a whole mapping config and compiles it. Goes on past the first problem so that the
 * {@link MappingException} lists every one, in the order of the config.
 */
final class MappingParser {
  static final String EACH = "each";
  static final String PATH = "path";
  static final String TRANSFORM = "transform";
  static final String DEFAULT = "default";
  static final String SECONDS_BETWEEN = "seconds_between";

  /** The keys of a field's object form, in the order the canonical config writes them. */
  private static final List<String> OBJECT_KEYS =
      List.of(PATH, SECONDS_BETWEEN, TRANSFORM, DEFAULT);

  private static final String KNOWN_FIELDS =
      Stream.concat(Arrays.stream(Field.values()).map(Field::key), Stream.of(EACH))
          .collect(Collectors.joining(", "));

  /** Config text quoted in a problem (a path, a key) is cut at this length. */
  private static final int MAX_QUOTED = 100;

  private final List<MappingProblem> problems = new ArrayList<>();
  private final FieldRule[] rules = new FieldRule[Field.values().length];
  private Source each;

  private MappingParser() {}

  /**
   * @throws MappingException listing every problem of the config
   */
  static FieldMapping parse(JsonNode config) {
    if (config == null || !config.isObject()) {
      throw new MappingException(List.of(new MappingProblem("mapping", "must be a JSON object")));
    }
    return new MappingParser().compile((ObjectNode) config);
  }

  private FieldMapping compile(ObjectNode config) {
    for (Map.Entry<String, JsonNode> entry : config.properties()) {
      String name = entry.getKey();
      if (name.equals(EACH)) {
        each = each(entry.getValue());
        continue;
      }
      Optional<Field> field = Field.byKey(name);
      if (field.isPresent()) {
        rules[field.get().ordinal()] = field(field.get(), entry.getValue());
      } else if (name.isBlank() || name.length() > MAX_QUOTED) {
        problem(
            "mapping",
            "unknown field " + ValueException.quote(name) + " (known: " + KNOWN_FIELDS + ")");
      } else {
        problem(name, "unknown field (known: " + KNOWN_FIELDS + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new MappingException(problems);
    }
    for (Field field : Field.values()) {
      if (rules[field.ordinal()] == null) {
        rules[field.ordinal()] = FieldRule.sameName(field);
      }
    }
    return new FieldMapping(canonical(config), rules, each);
  }

  private Source each(JsonNode value) {
    if (!value.isTextual()) {
      problem(EACH, "must be a path string");
      return null;
    }
    return path(EACH, value.textValue());
  }

  private FieldRule field(Field field, JsonNode value) {
    if (value.isTextual()) {
      Source source = path(field.key(), value.textValue());
      return source == null ? null : new FieldRule(field, source, List.of(), null);
    }
    if (value.isObject()) {
      return fieldObject(field, value);
    }
    problem(field.key(), "must be a path string or an object");
    return null;
  }

  private FieldRule fieldObject(Field field, JsonNode value) {
    String at = field.key();
    int before = problems.size();
    for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!OBJECT_KEYS.contains(name)) {
        problem(at + "." + name, "unknown key (known: " + String.join(", ", OBJECT_KEYS) + ")");
      }
    }
    JsonNode path = value.get(PATH);
    JsonNode between = value.get(SECONDS_BETWEEN);
    JsonNode transform = value.get(TRANSFORM);
    Source source = null;
    if (between != null) {
      if (field != Field.TOTAL_TIME) {
        problem(at + "." + SECONDS_BETWEEN, "only total_time can be computed from seconds_between");
      } else if (path != null) {
        problem(at, "has both path and seconds_between; give one");
      } else {
        source = secondsBetween(at + "." + SECONDS_BETWEEN, between);
        if (transform != null) {
          problem(
              at + "." + TRANSFORM, "cannot be combined with seconds_between, which gives seconds");
        }
      }
    }
    if (path != null) {
      if (path.isTextual()) {
        source = path(at + "." + PATH, path.textValue());
      } else {
        problem(at + "." + PATH, "must be a path string");
      }
    } else if (between == null) {
      problem(at, "needs a path");
    }
    List<Transform> transforms = transforms(field, at + "." + TRANSFORM, transform);
    Object defaultValue = defaultValue(field, at + "." + DEFAULT, value.get(DEFAULT));
    return problems.size() == before && source != null
        ? new FieldRule(field, source, transforms, defaultValue)
        : null;
  }

  private Source secondsBetween(String at, JsonNode value) {
    if (!value.isArray()
        || value.size() != 2
        || !value.get(0).isTextual()
        || !value.get(1).isTextual()) {
      problem(
          at, "must be a list of two timestamp paths, such as [\"started_at\", \"completed_at\"]");
      return null;
    }
    Source from = path(at, value.get(0).textValue());
    Source to = path(at, value.get(1).textValue());
    return from == null || to == null ? null : new SecondsBetween(from, to);
  }

  private List<Transform> transforms(Field field, String at, JsonNode value) {
    if (value == null) {
      return List.of();
    }
    List<JsonNode> names = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(names::add);
    } else {
      names.add(value);
    }
    List<Transform> transforms = new ArrayList<>();
    boolean known = true;
    for (JsonNode name : names) {
      if (!name.isTextual()) {
        problem(at, "must be a transform name or a list of them");
        return List.of();
      }
      Optional<Transform> transform = Transform.byKey(name.textValue());
      if (transform.isPresent()) {
        transforms.add(transform.get());
      } else {
        known = false;
        problem(
            at,
            "unknown transform "
                + quotedConfigText(name.textValue())
                + " (known: "
                + Transform.KNOWN
                + ")");
      }
    }
    if (known) {
      checkKinds(field, at, transforms);
    }
    return transforms;
  }

  /** A chain that can never work is refused now rather than on every payload. */
  private void checkKinds(Field field, String at, List<Transform> transforms) {
    for (int i = 1; i < transforms.size(); i++) {
      Transform previous = transforms.get(i - 1);
      Transform transform = transforms.get(i);
      if (transform.input() == Transform.Kind.TEXT && previous.output() == Transform.Kind.NUMBER) {
        problem(
            at,
            transform.key() + " needs text, but " + previous.key() + " before it gives a number");
      }
    }
    if (!transforms.isEmpty()) {
      Transform last = transforms.get(transforms.size() - 1);
      if (last.output() == Transform.Kind.NUMBER && !ValueType.of(field).acceptsNumbers()) {
        problem(at, last.key() + " gives a number, but " + field.key() + " needs text");
      }
    }
  }

  private Object defaultValue(Field field, String at, JsonNode value) {
    if (value == null) {
      return null;
    }
    if (!(value.isTextual() || value.isNumber() || value.isBoolean())) {
      problem(at, "must be a string, number or boolean");
      return null;
    }
    try {
      Object coerced = ValueType.of(field).coerce(value);
      if (coerced == null) {
        problem(at, "must not be empty");
      }
      return coerced;
    } catch (ValueException e) {
      problems.add(e.toProblem(at));
      return null;
    }
  }

  private Source path(String at, String text) {
    try {
      return Source.compile(text);
    } catch (IllegalArgumentException e) {
      problem(at, "unparsable path " + quotedConfigText(text) + ": " + e.getMessage());
      return null;
    }
  }

  private void problem(String location, String message) {
    problems.add(new MappingProblem(location, message));
  }

  /** {@code 'a..b'}, cut when long: paths are quoted the way messages quote them elsewhere. */
  private static String quotedConfigText(String text) {
    return text.length() <= MAX_QUOTED
        ? "'" + text + "'"
        : "'" + text.substring(0, MAX_QUOTED) + "…' (" + text.length() + " characters)";
  }

  /**
   * The config with its keys in one order (fields as {@link Field} lists them, then {@code each};
   * in an object: path, seconds_between, transform, default), so that equal mappings have equal
   * text whatever order they were written in.
   */
  private static ObjectNode canonical(ObjectNode config) {
    ObjectNode canonical = JsonNodeFactory.instance.objectNode();
    for (Field field : Field.values()) {
      JsonNode value = config.get(field.key());
      if (value == null) {
        continue;
      }
      if (value.isObject()) {
        ObjectNode ordered = canonical.putObject(field.key());
        for (String key : OBJECT_KEYS) {
          JsonNode part = value.get(key);
          if (part != null) {
            ordered.set(key, part.deepCopy());
          }
        }
      } else {
        canonical.set(field.key(), value.deepCopy());
      }
    }
    JsonNode each = config.get(EACH);
    if (each != null) {
      canonical.set(EACH, each.deepCopy());
    }
    return canonical;
  }
}
