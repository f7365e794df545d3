package io.learnhook.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a payload that a mapping of dot paths can read, so that parsing can skip the rest: a
 * payload's unread subtrees are tokenised (and so still checked as JSON) but never built as nodes.
 * Mapping the pruned tree gives exactly what mapping the whole tree gives, because every path the
 * mapping can follow is kept. A mapping with any JSONPath has no selection: JSONPath can look
 * anywhere.
 */
final class Selection {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Subtrees kept whole are read as the endpoint reads bodies: exact decimals. */
  private static final ObjectReader SUBTREES =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readerFor(JsonNode.class);

  private boolean whole;
  private final Map<String, Selection> keys = new HashMap<>();
  private final Map<Integer, Selection> indexes = new HashMap<>();
  private Selection anyElement;

  private Selection() {}

  /**
   * What a mapping reads: with {@code each}, the array at that path and, in each element, what the
   * rules read; else what the rules read, in the body itself or in each element of a body that is
   * an array.
   *
   * @return empty when some source cannot be pruned for (JSONPath)
   */
  static Optional<Selection> of(FieldRule[] rules, Source each) {
    Selection element = new Selection();
    for (FieldRule rule : rules) {
      if (!element.add(rule.source())) {
        return Optional.empty();
      }
    }
    Selection root;
    if (each == null) {
      // An object body is one payload; each element of an array body is one. Paths never apply to
      // the array itself, so its elements are read by the element selection alone.
      root = new Selection();
      root.keys.putAll(element.keys);
      root.anyElement = element;
    } else {
      if (!(each instanceof DotPath path)) {
        return Optional.empty();
      }
      root = new Selection();
      Selection array = root.descend(path);
      array.anyElement = element;
    }
    return Optional.of(root);
  }

  private boolean add(Source source) {
    if (source instanceof DotPath path) {
      descend(path).whole = true;
      return true;
    }
    if (source instanceof SameNameKey key) {
      keys.computeIfAbsent(key.text(), k -> new Selection()).whole = true;
      return true;
    }
    if (source instanceof SecondsBetween between) {
      return add(between.from()) && add(between.to());
    }
    return false;
  }

  /**
   * The selection at the end of {@code path}, made on the way: a segment keys objects and indexes
   * arrays.
   */
  private Selection descend(DotPath path) {
    Selection at = this;
    for (int i = 0; i < path.segments(); i++) {
      Selection next = at.keys.computeIfAbsent(path.key(i), k -> new Selection());
      if (path.index(i) >= 0) {
        // The same segment on an array: share the selection, so both readings keep the same parts.
        at.indexes.putIfAbsent(path.index(i), next);
      }
      at = next;
    }
    return at;
  }

  /**
   * Reads the value at the parser's current token, keeping only the selected parts. Unselected
   * array elements become JSON null, which every path reads as absent, so indexes stay where they
   * were.
   */
  JsonNode read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    // Text, booleans and null as readTree makes them, without a deserialization context per value.
    switch (token) {
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        break;
    }
    if (whole || !token.isStructStart()) {
      return SUBTREES.readTree(parser);
    }
    if (token == JsonToken.START_OBJECT) {
      ObjectNode object = NODES.objectNode();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        Selection child = keys.get(name);
        if (child == null) {
          parser.skipChildren();
        } else {
          object.set(name, child.read(parser));
        }
      }
      return object;
    }
    ArrayNode array = NODES.arrayNode();
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      Selection child = indexes.getOrDefault(index, anyElement);
      if (child == null) {
        parser.skipChildren();
        array.addNull();
      } else {
        array.add(child.read(parser));
      }
      index++;
    }
    return array;
  }
}
