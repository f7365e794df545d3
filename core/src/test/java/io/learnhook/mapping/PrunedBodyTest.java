package io.learnhook.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnhook.mapping.FieldMapping.Payloads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reading a body pruned to what the mapping can reach gives exactly what reading the whole body
 * gives: the same payloads, the same mapped fields, the same errors, word for word.
 */
class PrunedBodyTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] KEYS = {
    "user", "email", "lesson", "id", "0", "1", "a.b", "score", "slug", "data", "items", "x"
  };

  private static JsonNode pruned(FieldMapping mapping, String body) throws IOException {
    try (JsonParser parser = JSON.createParser(body)) {
      parser.nextToken();
      return mapping.readBody(parser);
    }
  }

  /** What mapping a body gives: each payload's fields, or the error, as text. */
  private static List<String> outcome(FieldMapping mapping, JsonNode body) {
    List<String> outcome = new ArrayList<>();
    try {
      Payloads payloads = mapping.split(body);
      outcome.add("batch=" + payloads.batch());
      for (JsonNode payload : payloads.elements()) {
        try {
          outcome.add(mapping.apply(payload).toJson().toString());
        } catch (PayloadException e) {
          outcome.add(e.kind() + " " + e.field() + " " + e.path() + " " + e.getMessage());
        }
      }
    } catch (PayloadException e) {
      outcome.add("split: " + e.getMessage());
    }
    return outcome;
  }

  @Test
  void mapsPrunedBodiesExactlyAsWholeOnesOverThousandsOfRandomCases() throws IOException {
    Random random = new Random(20261125);
    int pruning = 0;
    for (int i = 0; i < 5_000; i++) {
      JsonNode body = random.nextInt(5) == 0 ? array(random, 3) : object(random, 3);
      FieldMapping mapping = FieldMapping.parse(mapping(random));
      String text = body.toString();

      List<String> whole = outcome(mapping, JSON.readTree(text));
      List<String> fromPruned = outcome(mapping, pruned(mapping, text));

      assertThat(fromPruned).as("mapping %s on %s", mapping.configJson(), text).isEqualTo(whole);
      pruning += mapping.prunesBodies() ? 1 : 0;
    }
    assertThat(pruning).isGreaterThan(4_000);
  }

  @Test
  void keepsOnlyWhatThePathsReach() throws IOException {
    FieldMapping mapping =
        FieldMapping.parse("{\"email\":\"user.email\",\"source_id\":\"lessons.1.id\"}");

    JsonNode pruned =
        pruned(
            mapping,
            "{\"user\":{\"email\":\"a@x.test\",\"bio\":\"long\"},\"lessons\":[{\"id\":1},{\"id\":2,\"t\":3}],\"big\":[1,2,3]}");

    assertThat(pruned.toString())
        .isEqualTo("{\"user\":{\"email\":\"a@x.test\"},\"lessons\":[null,{\"id\":2}]}");
  }

  @Test
  void keepsTheTopLevelKeysOfTheFieldsTheMappingDoesNotName() throws IOException {
    FieldMapping mapping = FieldMapping.parse("{}");

    JsonNode pruned =
        pruned(mapping, "{\"email\":\"a@x.test\",\"slug\":\"s\",\"other\":{\"deep\":1}}");

    assertThat(pruned.toString()).isEqualTo("{\"email\":\"a@x.test\",\"slug\":\"s\"}");
  }

  @Test
  void readsEveryElementOfABatch() throws IOException {
    FieldMapping each =
        FieldMapping.parse("{\"each\":\"data.rows\",\"email\":\"e\",\"slug\":\"s\"}");

    JsonNode pruned =
        pruned(
            each,
            "{\"meta\":{},\"data\":{\"rows\":[{\"e\":\"a@x.test\",\"s\":\"1\",\"z\":0},{\"e\":\"b@x.test\"}]}}");

    assertThat(pruned.toString())
        .isEqualTo("{\"data\":{\"rows\":[{\"e\":\"a@x.test\",\"s\":\"1\"},{\"e\":\"b@x.test\"}]}}");
  }

  @Test
  void readsTheWholeBodyForAMappingWithJsonPath() throws IOException {
    FieldMapping mapping = FieldMapping.parse("{\"email\":\"$..email\",\"slug\":\"s\"}");
    String body = "{\"user\":{\"email\":\"a@x.test\"},\"s\":\"x\",\"other\":[1,2]}";

    assertThat(mapping.prunesBodies()).isFalse();
    assertThat(pruned(mapping, body)).isEqualTo(JSON.readTree(body));
  }

  private static String mapping(Random random) {
    ObjectNode mapping = NODES.objectNode();
    for (Field field : Field.values()) {
      switch (random.nextInt(4)) {
        case 0 -> mapping.put(field.key(), path(random));
        case 1 -> {
          ObjectNode rule = mapping.putObject(field.key());
          rule.put("path", path(random));
          if (field == Field.EMAIL || field == Field.SLUG) {
            rule.put("transform", "trim");
          }
        }
        default -> {} // not mapped: read from the key of the same name
      }
    }
    if (random.nextInt(6) == 0) {
      mapping.put("each", path(random));
    }
    if (random.nextInt(20) == 0) {
      mapping.put("slug", "$..slug");
    }
    return mapping.toString();
  }

  private static String path(Random random) {
    int length = 1 + random.nextInt(3);
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < length; i++) {
      String key = KEYS[random.nextInt(KEYS.length)];
      if (key.contains(".")) {
        path.append(i == 0 ? "" : "").append("[\"").append(key).append("\"]");
      } else {
        path.append(i == 0 ? "" : ".").append(key);
      }
    }
    return path.toString();
  }

  private static JsonNode value(Random random, int depth) {
    return switch (random.nextInt(depth <= 0 ? 6 : 8)) {
      case 0 -> NODES.textNode(random.nextBoolean() ? "a@x.test" : " ");
      case 1 -> NODES.numberNode(random.nextInt(200) - 20);
      case 2 -> NODES.numberNode(new java.math.BigDecimal("0." + random.nextInt(100)));
      case 3 -> NODES.booleanNode(random.nextBoolean());
      case 4 -> NODES.nullNode();
      case 5 -> NODES.textNode("2026-01-0" + (1 + random.nextInt(9)) + "T10:00:00Z");
      case 6 -> object(random, depth - 1);
      default -> array(random, depth - 1);
    };
  }

  private static ObjectNode object(Random random, int depth) {
    ObjectNode object = NODES.objectNode();
    int size = random.nextInt(6);
    for (int i = 0; i < size; i++) {
      object.set(KEYS[random.nextInt(KEYS.length)], value(random, depth));
    }
    return object;
  }

  private static ArrayNode array(Random random, int depth) {
    ArrayNode array = NODES.arrayNode();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      array.add(random.nextBoolean() ? object(random, depth) : value(random, depth));
    }
    return array;
  }
}
