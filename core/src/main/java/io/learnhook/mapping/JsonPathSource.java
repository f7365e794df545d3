package io.learnhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A JSONPath expression ({@code $.actor.mbox}, {@code $.statements[?(@.verb == 'completed')].id}),
 * compiled once with Jayway json-path and evaluated on the Jackson tree.
 *
 * <p>A definite path finds one value or nothing. An indefinite one (wildcard, filter, deep scan)
 * finds a list: no match (nulls aside) is nothing, one match is the value, more is an error rather
 * than a guess.
 */
final class JsonPathSource implements Source {

  /**
   * Jackson in and Jackson out, set explicitly: left to its defaults json-path picks json-smart.
   * SUPPRESS_EXCEPTIONS makes a definite path that is not found answer null, not throw.
   */
  private static final Configuration CONFIGURATION = configuration();

  private final String text;
  private final JsonPath path;
  private final boolean definite;

  /**
   * Held while evaluating a path that json-path 2.9.0 writes to as it evaluates: a function binds
   * its parameters to the document in the compiled path itself (json-path issue #975), so two
   * requests evaluating it at once can read each other's values; a deep scan records array indexes
   * there too. {@code null} for every other path, which is read-only and evaluated without a lock.
   */
  private final Lock lock;

  private JsonPathSource(String text, JsonPath path) {
    this.text = text;
    this.path = path;
    this.definite = path.isDefinite();
    this.lock = text.indexOf('(') >= 0 || text.contains("..") ? new ReentrantLock() : null;
  }

  /**
   * @throws IllegalArgumentException with json-path's reason when the expression cannot be compiled
   */
  static JsonPathSource compile(String text) {
    try {
      return new JsonPathSource(text, JsonPath.compile(text));
    } catch (RuntimeException e) { // InvalidPathException mostly; anything else is as unusable
      throw new IllegalArgumentException(String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public JsonNode find(JsonNode root, String field) {
    Object result;
    try {
      result = read(root);
    } catch (JsonPathException e) {
      return null; // a function over nothing, e.g. sum() of no numbers: nothing found
    }
    if (definite || !(result instanceof ArrayNode)) {
      return present(result);
    }
    JsonNode found = null;
    int matches = 0;
    for (JsonNode match : (ArrayNode) result) {
      if (!match.isNull()) {
        matches++;
        found = match;
      }
    }
    if (matches > 1) {
      throw new PayloadException(
          PayloadException.Kind.INVALID,
          field,
          text,
          field + " at '" + text + "' matched " + matches + " values, expected one");
    }
    return found;
  }

  @Override
  public String text() {
    return text;
  }

  private Object read(JsonNode root) {
    if (lock == null) {
      return path.read(root, CONFIGURATION);
    }
    lock.lock();
    try {
      return path.read(root, CONFIGURATION);
    } finally {
      lock.unlock();
    }
  }

  /** A result as a node, or null for nothing; functions answer plain Java values. */
  private static JsonNode present(Object result) {
    JsonNode node;
    if (result == null) {
      return null;
    } else if (result instanceof JsonNode json) {
      node = json;
    } else if (result instanceof String string) {
      node = JsonNodeFactory.instance.textNode(string);
    } else if (result instanceof Boolean bool) {
      node = JsonNodeFactory.instance.booleanNode(bool);
    } else if (result instanceof Integer number) {
      node = JsonNodeFactory.instance.numberNode(number);
    } else if (result instanceof Long number) {
      node = JsonNodeFactory.instance.numberNode(number);
    } else if (result instanceof Double number) {
      node = JsonNodeFactory.instance.numberNode(number);
    } else if (result instanceof BigDecimal number) {
      node = JsonNodeFactory.instance.numberNode(number);
    } else if (result instanceof BigInteger number) {
      node = JsonNodeFactory.instance.numberNode(number);
    } else {
      node = JsonNodeFactory.instance.textNode(result.toString());
    }
    return node.isNull() || node.isMissingNode() ? null : node;
  }

  private static Configuration configuration() {
    ObjectMapper mapper = new ObjectMapper();
    return Configuration.builder()
        .jsonProvider(new JacksonJsonNodeJsonProvider(mapper))
        .mappingProvider(new JacksonMappingProvider(mapper))
        .options(Option.SUPPRESS_EXCEPTIONS)
        .build();
  }
}
