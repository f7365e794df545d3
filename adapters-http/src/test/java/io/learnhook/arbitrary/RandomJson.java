package io.learnhook.arbitrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of what senders post and of the mappings integrators write: payloads built from
 * the names real mappings read (so that paths often hit, and hit the wrong type), and mappings of
 * every form the mapping language has.
 */
public final class RandomJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Keys real payloads and mappings use, plus awkward ones. */
  static final List<String> KEYS =
      List.of(
          "user",
          "email",
          "lesson",
          "id",
          "score",
          "scaled",
          "result",
          "total_time",
          "completed_at",
          "started_at",
          "event_id",
          "item_id",
          "source_id",
          "slug",
          "statements",
          "actor",
          "mbox",
          "payloads",
          "data",
          "0",
          "1",
          "a.b",
          "x y",
          "",
          "$",
          "[",
          "é");

  /** Dot paths and JSONPaths over {@link #KEYS}. */
  static final List<String> PATHS =
      List.of(
          "user.email",
          "email",
          "lesson.id",
          "id",
          "score",
          "result.score.scaled",
          "statements.0.actor.mbox",
          "statements.1.id",
          "data.0",
          "completed_at",
          "started_at",
          "event_id",
          "[\"a.b\"]",
          "['x y'].id",
          "user[\"email\"]",
          "0",
          "payloads.0.user.email",
          "$.user.email",
          "$.lesson.id",
          "$..id",
          "$.statements[*].id",
          "$.statements[?(@.id)].id",
          "$['a.b']",
          "$.score");

  private RandomJson() {}

  /** Any JSON value, nested up to {@code depth}. */
  public static Arbitrary<JsonNode> values(int depth) {
    if (depth <= 0) {
      return scalars();
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, scalars()),
        net.jqwik.api.Tuple.of(2, objects(depth - 1)),
        net.jqwik.api.Tuple.of(1, arrays(depth - 1)));
  }

  /** A payload: an object of up to eight entries, values nested up to four deep. */
  public static Arbitrary<JsonNode> payloads() {
    return objects(2);
  }

  /**
   * A payload shaped like real ones (user.email, lesson.id, statements, top-level fields), each
   * part present or not, with values often right and often of the wrong type.
   */
  public static Arbitrary<JsonNode> shapedPayloads() {
    Arbitrary<JsonNode> email =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                3,
                Arbitraries.of("ann@acme.test", "mailto:Ann@Acme.test", " bob@acme.test ")
                    .map(t -> (JsonNode) NODES.textNode(t))),
            net.jqwik.api.Tuple.of(1, scalars()));
    Arbitrary<JsonNode> id =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                3,
                Arbitraries.of("1000", "phishing-101", "68")
                    .map(t -> (JsonNode) NODES.textNode(t))),
            net.jqwik.api.Tuple.of(
                1, Arbitraries.of(68L, 1000L).map(n -> (JsonNode) NODES.numberNode(n))),
            net.jqwik.api.Tuple.of(1, scalars()));
    Arbitrary<JsonNode> any = scalars();
    return Combinators.combine(
            email.injectNull(0.2),
            id.injectNull(0.2),
            email.injectNull(0.6),
            id.injectNull(0.6),
            any.injectNull(0.5),
            any.injectNull(0.5),
            any.injectNull(0.5),
            any.injectNull(0.5))
        .as(
            (userEmail, lessonId, topEmail, topId, score, totalTime, completedAt, eventId) -> {
              ObjectNode payload = NODES.objectNode();
              if (userEmail != null) {
                payload.putObject("user").set("email", userEmail);
                payload
                    .putArray("statements")
                    .addObject()
                    .put("id", "s1")
                    .putObject("actor")
                    .set("mbox", userEmail);
              }
              if (lessonId != null) {
                payload.putObject("lesson").set("id", lessonId);
              }
              putIfPresent(payload, "email", topEmail);
              putIfPresent(payload, "source_id", topId);
              putIfPresent(payload, "item_id", topId);
              putIfPresent(payload, "score", score);
              putIfPresent(payload, "total_time", totalTime);
              putIfPresent(payload, "completed_at", completedAt);
              putIfPresent(payload, "event_id", eventId);
              return payload;
            });
  }

  private static void putIfPresent(ObjectNode payload, String key, JsonNode value) {
    if (value != null) {
      payload.set(key, value);
    }
  }

  /** A body as senders post it: mostly one object, sometimes a batch. */
  public static Arbitrary<JsonNode> bodies() {
    Arbitrary<JsonNode> shaped = shapedPayloads();
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, shaped),
        net.jqwik.api.Tuple.of(1, shaped.list().ofMaxSize(3).map(RandomJson::array)),
        net.jqwik.api.Tuple.of(
            1,
            shaped
                .list()
                .ofMaxSize(3)
                .map(
                    l -> {
                      ObjectNode wrapped = NODES.objectNode();
                      wrapped.set("payloads", array(l));
                      return wrapped;
                    })),
        net.jqwik.api.Tuple.of(3, payloads()),
        net.jqwik.api.Tuple.of(1, payloads().list().ofMaxSize(4).map(RandomJson::array)),
        net.jqwik.api.Tuple.of(1, values(1)));
  }

  static Arbitrary<JsonNode> objects(int depth) {
    Arbitrary<String> keys =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, Arbitraries.of(KEYS)),
            net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
    return Combinators.combine(keys, Arbitraries.lazy(() -> values(depth)))
        .as(net.jqwik.api.Tuple::of)
        .list()
        .ofMaxSize(6)
        .map(
            entries -> {
              ObjectNode object = NODES.objectNode();
              entries.forEach(e -> object.set(e.get1(), e.get2()));
              return object;
            });
  }

  static Arbitrary<JsonNode> arrays(int depth) {
    return Arbitraries.lazy(() -> values(depth)).list().ofMaxSize(4).map(RandomJson::array);
  }

  private static JsonNode array(List<JsonNode> elements) {
    ArrayNode array = NODES.arrayNode();
    elements.forEach(array::add);
    return array;
  }

  /**
   * Strings, numbers of every size and sign, booleans and null, often of the forms fields expect.
   */
  public static Arbitrary<JsonNode> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40).map(NODES::textNode),
        Arbitraries.strings()
            .withCharRange('\u0000', '\uffff')
            .ofMaxLength(20)
            .map(NODES::textNode),
        Arbitraries.of(
                "ann@acme.test",
                "MAILTO:Ann@Acme.test",
                " 95.5 ",
                "1e3",
                "-0",
                "NaN",
                "Infinity",
                "PT1H2M3S",
                "P1Y",
                "PT",
                "2026-01-01T10:00:00Z",
                "2026-01-01T10:00:00",
                "2026-01-01T10:00:00.123456789+02:00",
                "+999999999-12-31T23:59:59Z",
                "2026-02-30T00:00:00Z",
                "",
                "   ",
                "x".repeat(400),
                "\u0000",
                "\ud800",
                "68",
                "68.0",
                "0x10")
            .map(NODES::textNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.integers().between(-5, 105).map(NODES::numberNode),
        Arbitraries.bigDecimals()
            .between(new BigDecimal("-1e30"), new BigDecimal("1e30"))
            .ofScale(6)
            .map(NODES::numberNode),
        Arbitraries.of(
                new BigDecimal("1e400"),
                new BigDecimal("-1e-400"),
                new BigDecimal("0.955"),
                new BigDecimal("100.0000001"),
                new BigDecimal(new BigInteger("9".repeat(80))))
            .map(NODES::numberNode),
        Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()));
  }

  /**
   * A mapping in any of the forms of the mapping language (paths, JSONPaths, transforms, defaults,
   * seconds_between, each), for a random subset of the fields. Most are valid; some combine a
   * transform or a default a field cannot take, which parsing must refuse with a MappingException.
   */
  public static Arbitrary<String> mappings() {
    List<String> fields =
        List.of(
            "email",
            "item_id",
            "source_id",
            "slug",
            "result",
            "total_time",
            "score",
            "completed_at",
            "event_id");
    Arbitrary<String> entry =
        Combinators.combine(Arbitraries.of(fields), source())
            .as((field, source) -> "\"" + field + "\":" + source);
    Arbitrary<String> each =
        Arbitraries.of(
            "", "\"each\":\"payloads\",", "\"each\":\"data\",", "\"each\":\"$.statements\",");
    Arbitrary<String> free =
        Combinators.combine(
                each, entry.list().ofMaxSize(6).uniqueElements(e -> e.substring(0, e.indexOf(':'))))
            .as((e, entries) -> "{" + e + String.join(",", entries) + "}");
    // Half start from what most senders need (email and source_id where shaped payloads have them).
    Arbitrary<String> based =
        entry
            .filter(e -> !e.startsWith("\"email\"") && !e.startsWith("\"source_id\""))
            .list()
            .ofMaxSize(4)
            .uniqueElements(e -> e.substring(0, e.indexOf(':')))
            .map(
                entries ->
                    "{\"email\":{\"path\":\"user.email\",\"transform\":[\"trim\",\"strip_mailto\"]},\"source_id\":\"lesson.id\""
                        + (entries.isEmpty() ? "" : ",")
                        + String.join(",", entries)
                        + "}");
    return Arbitraries.oneOf(free, based).map(text -> text.replace(",}", "}"));
  }

  private static Arbitrary<String> source() {
    Arbitrary<String> path = Arbitraries.of(PATHS).map(RandomJson::quote);
    Arbitrary<String> transform =
        Arbitraries.of(
            "\"lowercase\"",
            "\"trim\"",
            "\"strip_mailto\"",
            "\"percent_from_fraction\"",
            "\"seconds_from_iso8601_duration\"",
            "\"seconds_from_millis\"",
            "[\"strip_mailto\",\"lowercase\"]",
            "[\"trim\",\"seconds_from_iso8601_duration\"]");
    Arbitrary<String> defaults =
        Arbitraries.of(
            "", ",\"default\":0", ",\"default\":\"x\"", ",\"default\":true", ",\"default\":55.5");
    Arbitrary<String> object =
        Combinators.combine(path, transform.injectNull(0.3), defaults)
            .as((p, t, d) -> "{\"path\":" + p + (t == null ? "" : ",\"transform\":" + t) + d + "}");
    Arbitrary<String> between =
        Combinators.combine(path, path).as((a, b) -> "{\"seconds_between\":[" + a + "," + b + "]}");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, path),
        net.jqwik.api.Tuple.of(3, object),
        net.jqwik.api.Tuple.of(1, between));
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
