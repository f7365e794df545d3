package io.learnhook.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnhook.internal.Preconditions;
import io.learnhook.mapping.MappingException.MappingProblem;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A webhook's field mapping: where each LearnHook field sits in the sender's payload. Parsed and
 * validated once, when the webhook is saved or loaded; immutable and safe to share between threads.
 *
 * <h2>The mapping language</h2>
 *
 * <p>A mapping is a JSON object from field names to where their values sit:
 *
 * <pre>{@code
 * {
 *   "email": "user.email",
 *   "item_id": "statements.0.object.id",
 *   "slug": "context.extensions[\"http://x.test/course.slug\"]",
 *   "event_id": "$.id",
 *   "score": {"path": "result.score.scaled", "transform": "percent_from_fraction", "default": 0},
 *   "total_time": {"seconds_between": ["started_at", "finished_at"]},
 *   "completed_at": "finished_at"
 * }
 * }</pre>
 *
 * <p>The fields are {@code email}, {@code item_id}, {@code source_id}, {@code slug}, {@code
 * result}, {@code total_time}, {@code score}, {@code completed_at} and {@code event_id} (see {@link
 * Field}); the only other key allowed is {@code each}.
 *
 * <h3>Paths</h3>
 *
 * <ul>
 *   <li><b>Dot paths</b>: {@code user.email} reads key {@code email} of object {@code user}. A
 *       segment of digits indexes an array: {@code statements.0.actor.mbox} (on an object it is the
 *       key {@code "0"}). A key holding dots or brackets is quoted in brackets, anywhere in the
 *       path: {@code context.extensions["http://x.test/user/email"]}, {@code ["a.b"].c}, or with
 *       single quotes {@code ['a.b']}; inside the quotes, {@code \"} (or {@code \'}) and {@code \\}
 *       escape the quote and the backslash. Empty segments ({@code a..b}, {@code a.}, {@code ""})
 *       are refused.
 *   <li><b>JSONPath</b>: a path starting with {@code $} is a <a
 *       href="https://github.com/json-path/JsonPath">Jayway JSONPath</a> expression, such as {@code
 *       $.actor.mbox} or {@code $.statements[?(@.verb == 'completed')].id}. A path that can match
 *       several values (wildcard, filter, deep scan) must match exactly one: none is "nothing
 *       there", more than one is an error ({@code matched 3 values, expected one}).
 * </ul>
 *
 * <h3>Objects: transforms and defaults</h3>
 *
 * <p>{@code {"path": "...", "transform": ..., "default": ...}}: {@code transform} is a name or a
 * list of names, applied in order to the value found:
 *
 * <ul>
 *   <li>{@code lowercase}, {@code trim}: on text;
 *   <li>{@code strip_mailto}: {@code "mailto:a@b.c"} → {@code "a@b.c"} (prefix in any case);
 *   <li>{@code percent_from_fraction}: {@code 0.955} → {@code 95.5} (a number or numeric text);
 *   <li>{@code seconds_from_iso8601_duration}: {@code "PT1H2M3S"} → {@code 3723}, {@code "PT15.5S"}
 *       → {@code 15.5}, {@code "P1DT2H"} → {@code 93600}; years and months are refused;
 *   <li>{@code seconds_from_millis}: {@code 90500} → {@code 90.5}.
 * </ul>
 *
 * <p>{@code default} is a string, number or boolean used when the path finds nothing (the key is
 * absent, JSON null, or blank text); it is not transformed but is coerced like a found value, and
 * is checked when the mapping is parsed ({@code "default": "abc"} for {@code score} is refused).
 *
 * <p>{@code {"seconds_between": ["started_at", "completed_at"]}}, for {@code total_time} only: the
 * seconds from the first timestamp to the second (each a dot path or JSONPath). When either is
 * absent the field is absent (and the default applies); when the second is before the first, the
 * payload is refused.
 *
 * <h3>Fields not in the mapping</h3>
 *
 * <p>Are read from the payload's top-level key of the same name, when that holds a string, number
 * or boolean. An object or array under that name is something else and is passed over. So {@code
 * {}} is a valid mapping for a sender that already uses LearnHook's names.
 *
 * <h3>Values</h3>
 *
 * <p>After the transforms, each value is coerced to its field's type. Blank text counts as absent.
 *
 * <ul>
 *   <li>{@code email}: text, at most 320 characters;
 *   <li>{@code item_id}, {@code source_id}, {@code slug}, {@code event_id}: text, or a whole number
 *       ({@code 68} and {@code 68.0} become {@code "68"}); at most 255 characters;
 *   <li>{@code result}: text, a number or a boolean, kept as text; at most 255 characters;
 *   <li>{@code score}: a number or numeric text ({@code " 95.5 "}) from 0 to 100;
 *   <li>{@code total_time}: a number or numeric text of seconds, not negative, rounded half up;
 *   <li>{@code completed_at}: ISO-8601 date-time text with an offset ({@code Z}, {@code +02:00},
 *       {@code +0200}), up to 9 fraction digits. Without an offset it is refused: the instant would
 *       be a guess.
 * </ul>
 *
 * <p>{@code email} is required, and at least one of {@code item_id}, {@code source_id} and {@code
 * slug}. Every {@link PayloadException} names the field and the path it was read from, e.g. {@code
 * score must be a number from 0 to 100: found "abc" at 'result.score'}.
 *
 * <h3>Batches</h3>
 *
 * <p>{@code "each": "data.enrolments"} names an array whose elements are recorded one by one; see
 * {@link #split(JsonNode)}. Without {@code each}, a body that is itself an array is a batch.
 *
 * <h2>Compiling and caching</h2>
 *
 * <p>Every path is compiled when the mapping is parsed, never per request, and {@link
 * #parse(String)} keeps compiled mappings by their exact text (up to 10,000 of them), since storage
 * parses a webhook's mapping each time it loads one.
 */
public final class FieldMapping {
  /**
   * Where the JSON Schema (draft 2020-12) of mapping configs ships, on the classpath of
   * learnhook-core; editors can point at it. {@link #parse} checks everything it checks, and more
   * (that paths parse, that defaults fit their field, that transform chains can work).
   */
  public static final String SCHEMA_RESOURCE = "io/learnhook/mapping/mapping.schema.json";

  /** How many parsed mappings {@link #parse(String)} keeps; about one per active webhook. */
  static final int CACHE_LIMIT = 10_000;

  private static final ConcurrentHashMap<String, FieldMapping> CACHE = new ConcurrentHashMap<>();

  /** Duplicate keys would otherwise be dropped silently, and trailing text ignored. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final int MAX_ERROR_LENGTH = 200;

  /** Whole bodies are read as the endpoint reads them: exact decimals. */
  private static final ObjectReader WHOLE =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build()
          .readerFor(JsonNode.class);

  private final ObjectNode config;
  private final String json;
  private final FieldRule[] rules;
  private final Source each;
  private final Optional<Selection> selection;

  /** Built by {@link MappingParser}, which owns validation. */
  FieldMapping(ObjectNode canonicalConfig, FieldRule[] rules, Source each) {
    this.config = canonicalConfig;
    this.json = canonicalConfig.toString();
    this.rules = rules.clone();
    this.each = each;
    this.selection = Selection.of(this.rules, each);
  }

  /**
   * Parses, validates and compiles a mapping from its JSON text. The same text gives the same
   * instance while it stays in the cache.
   *
   * @param json the mapping config as JSON text, as storage keeps it
   * @return the compiled mapping
   * @throws MappingException listing every problem of the mapping; location {@code mapping} when
   *     the text is not a JSON object
   */
  public static FieldMapping parse(String json) {
    if (json == null) {
      throw new MappingException(List.of(new MappingProblem("mapping", "must be a JSON object")));
    }
    FieldMapping cached = CACHE.get(json);
    if (cached != null) {
      return cached;
    }
    FieldMapping parsed = parse(readTree(json));
    if (CACHE.size() >= CACHE_LIMIT) {
      // Full: whichever entry iterates first makes room (no LRU bookkeeping on the hot read path);
      // it is parsed again if its webhook is loaded again.
      Iterator<String> any = CACHE.keySet().iterator();
      if (any.hasNext()) {
        CACHE.remove(any.next());
      }
    }
    FieldMapping raced = CACHE.putIfAbsent(json, parsed);
    return raced != null ? raced : parsed;
  }

  /**
   * Parses, validates and compiles a mapping. The node is copied, not kept.
   *
   * @param config the mapping config, a JSON object
   * @return the compiled mapping
   * @throws MappingException listing every problem of the mapping
   */
  public static FieldMapping parse(JsonNode config) {
    return MappingParser.parse(config);
  }

  /** The mapping as a JSON object (a copy), keys in canonical order. */
  public JsonNode config() {
    return config.deepCopy();
  }

  /**
   * The mapping as compact JSON text, keys in canonical order: what storage keeps. Parsing it gives
   * an equal mapping.
   */
  public String configJson() {
    return json;
  }

  /**
   * Splits a request body into the payloads to record.
   *
   * <ul>
   *   <li>With {@code each}: the array at that path, as a batch; the path must find an array.
   *   <li>Else a body that is an array: its elements, as a batch.
   *   <li>Else a body that is an object: that one payload, not a batch.
   * </ul>
   *
   * <p>Elements are not checked here: each is mapped on its own, and one bad element fails alone.
   *
   * @param body the request body
   * @return the payloads to map, in order
   * @throws PayloadException when the body is neither an object nor an array ({@code payload}), or
   *     {@code each} finds no array there ({@code each})
   */
  public Payloads split(JsonNode body) {
    if (body == null || !body.isContainerNode()) {
      throw new PayloadException(
          PayloadException.Kind.INVALID, "payload", "$", "payload must be a JSON object or array");
    }
    if (each != null) {
      JsonNode found = each.find(body, MappingParser.EACH);
      if (found == null) {
        throw new PayloadException(
            PayloadException.Kind.MISSING,
            MappingParser.EACH,
            each.text(),
            "each must be an array: nothing at '" + each.text() + "'");
      }
      if (!found.isArray()) {
        throw new PayloadException(
            PayloadException.Kind.INVALID,
            MappingParser.EACH,
            each.text(),
            "each must be an array: found "
                + ValueException.describe(found)
                + " at '"
                + each.text()
                + "'");
      }
      return new Payloads(true, elements(found));
    }
    if (body.isArray()) {
      return new Payloads(true, elements(body));
    }
    return new Payloads(false, List.of(body));
  }

  /**
   * Maps one payload: reads every field, transforms and coerces it.
   *
   * @param payload one payload, as {@link #split(JsonNode)} gives them
   * @return the fields found, coerced to their types
   * @throws PayloadException when the payload is not a JSON object, a required field is missing
   *     ({@link PayloadException.Kind#MISSING}), or a value cannot be used ({@link
   *     PayloadException.Kind#INVALID}); the message names the field and the path
   */
  public MappedFields apply(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new PayloadException(
          PayloadException.Kind.INVALID, "payload", "$", "payload must be a JSON object");
    }
    FieldRule emailRule = rule(Field.EMAIL);
    String email = (String) emailRule.read(payload);
    if (email == null) {
      throw new PayloadException(
          PayloadException.Kind.MISSING,
          Field.EMAIL.key(),
          emailRule.path(),
          "email is missing: " + emailRule.whatWasFound(payload));
    }
    String itemId = (String) rule(Field.ITEM_ID).read(payload);
    String sourceId = (String) rule(Field.SOURCE_ID).read(payload);
    String slug = (String) rule(Field.SLUG).read(payload);
    if (itemId == null && sourceId == null && slug == null) {
      throw noItemIdentifier(payload);
    }
    return new MappedFields(
        email,
        Optional.ofNullable(itemId),
        Optional.ofNullable(sourceId),
        Optional.ofNullable(slug),
        Optional.ofNullable((String) rule(Field.RESULT).read(payload)),
        Optional.ofNullable((Long) rule(Field.TOTAL_TIME).read(payload)),
        Optional.ofNullable((BigDecimal) rule(Field.SCORE).read(payload)),
        Optional.ofNullable((Instant) rule(Field.COMPLETED_AT).read(payload)),
        Optional.ofNullable((String) rule(Field.EVENT_ID).read(payload)));
  }

  /**
   * Reads a request body from a parser positioned on its first token, keeping only the parts this
   * mapping can read: subtrees no path reaches are checked as JSON while they stream past, but
   * never built, so a large payload of which a mapping reads five fields costs little more than its
   * tokens. {@link #split} and {@link #apply} give the same results on what this returns as on the
   * whole tree. A mapping with a JSONPath reads the whole tree (JSONPath can look anywhere).
   *
   * @param parser positioned on the first token of the body; left on its last token
   * @return the body, pruned
   * @throws IOException what the parser throws for invalid JSON
   */
  public JsonNode readBody(JsonParser parser) throws IOException {
    return selection.isPresent() ? selection.get().read(parser) : WHOLE.readTree(parser);
  }

  /**
   * Whether {@link #readBody} prunes: every source of the mapping is a dot path or a fallback key.
   */
  public boolean prunesBodies() {
    return selection.isPresent();
  }

  /**
   * How each field of one payload is read, step by step: the path, the raw value found, each
   * transform's result, the coerced value, or why there is none. For people debugging a mapping; it
   * never throws for the payload's sake, and follows the same steps as {@link #apply}.
   *
   * @param payload one payload, as {@link #split(JsonNode)} gives them
   * @return one explanation per {@link Field}, in the order of {@link Field#values()}
   */
  public List<FieldExplanation> explain(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new PayloadException(
          PayloadException.Kind.INVALID, "payload", "$", "payload must be a JSON object");
    }
    FieldExplanation[] explained = new FieldExplanation[rules.length];
    for (int i = 0; i < rules.length; i++) {
      explained[i] = rules[i].explain(payload);
    }
    return List.of(explained);
  }

  /** Equal when the configs are: same entries, whatever order they were written in. */
  @Override
  public boolean equals(Object other) {
    return other instanceof FieldMapping mapping && json.equals(mapping.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /** {@code FieldMapping{"email":"user.email"}}. */
  @Override
  public String toString() {
    return "FieldMapping" + json;
  }

  /** How many parsed mappings the cache holds; for tests. */
  static int cachedCount() {
    return CACHE.size();
  }

  private FieldRule rule(Field field) {
    return rules[field.ordinal()];
  }

  private PayloadException noItemIdentifier(JsonNode payload) {
    FieldRule itemId = rule(Field.ITEM_ID);
    FieldRule sourceId = rule(Field.SOURCE_ID);
    FieldRule slug = rule(Field.SLUG);
    return new PayloadException(
        PayloadException.Kind.MISSING,
        "item_id, source_id, slug",
        itemId.path() + ", " + sourceId.path() + ", " + slug.path(),
        "item_id, source_id and slug are all missing: item_id "
            + itemId.whatWasFound(payload)
            + "; source_id "
            + sourceId.whatWasFound(payload)
            + "; slug "
            + slug.whatWasFound(payload));
  }

  private static List<JsonNode> elements(JsonNode array) {
    JsonNode[] elements = new JsonNode[array.size()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = array.get(i);
    }
    return List.of(elements);
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      String reason = String.valueOf(e.getOriginalMessage());
      if (reason.length() > MAX_ERROR_LENGTH) {
        reason = reason.substring(0, MAX_ERROR_LENGTH) + "…";
      }
      String where =
          location == null
              ? ""
              : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
      throw new MappingException(
          List.of(new MappingProblem("mapping", "not valid JSON: " + reason + where)));
    }
  }

  /**
   * How one field of a payload was read, step by step: for integrators debugging a mapping ({@code
   * learnhook.jar map --explain}, {@link FieldMapping#explain}).
   *
   * @param field the field
   * @param source the path or expression read, as the mapping wrote it, or the field's own name
   *     when the mapping does not name it
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

  /**
   * A request body split into the payloads to record.
   *
   * @param batch true when the body was a batch (a top-level array, or a mapping with {@code
   *     each}); the endpoint then answers one result per element
   * @param elements the payloads, in order; one element when not a batch
   */
  public record Payloads(boolean batch, List<JsonNode> elements) {
    public Payloads {
      elements = List.copyOf(elements);
      if (!batch && elements.size() != 1) {
        throw new IllegalArgumentException("a single payload has exactly one element");
      }
    }
  }
}
