package io.learnhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.learnhook.mapping.MappingException.MappingProblem;

/**
 * A value a transform or a coercion cannot use. Thrown where the field and path are not known; the
 * caller that knows them turns it into a {@link PayloadException} (at request time) or a {@link
 * MappingProblem} (for a default, at parse time). Carries no stack trace: it is an answer, not a
 * bug.
 */
final class ValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Longest text value quoted whole in a message. A longer one is quoted by its first {@value
   * #QUOTED_PREFIX} characters and its length only: payloads can be large or personal, and a value
   * cut anywhere else could show most of a secret the sender put in it (such as a webhook key
   * inside an over-long email) without showing it whole, where nothing could recognise it any more.
   */
  static final int MAX_QUOTED = 40;

  /** How much of a text value longer than {@value #MAX_QUOTED} characters a message quotes. */
  static final int QUOTED_PREFIX = 8;

  /** What is wrong, phrased to follow the field name: {@code must be a number from 0 to 100}. */
  private final String phrase;

  private final transient JsonNode value;

  ValueException(String phrase, JsonNode value) {
    super(phrase, null, false, false);
    this.phrase = phrase;
    this.value = value;
  }

  String phrase() {
    return phrase;
  }

  JsonNode value() {
    return value;
  }

  /**
   * This problem as met in a payload: {@code score must be a number from 0 to 100: found "abc" at
   * 'result.score'}.
   *
   * @param note said after the value, e.g. what it was before the transforms; may be empty
   */
  PayloadException toPayloadException(String field, String path, String note) {
    return new PayloadException(
        PayloadException.Kind.INVALID,
        field,
        path,
        field + " " + phrase + ": found " + describe(value) + note + " at '" + path + "'");
  }

  /** This problem as met in a config, e.g. in a default: {@code must be text: found 5}. */
  MappingProblem toProblem(String location) {
    return new MappingProblem(location, phrase + ": found " + describe(value));
  }

  /**
   * A value as a message shows it: text JSON-quoted (so control characters cannot forge log lines)
   * and, when longer than {@value #MAX_QUOTED} characters, cut to its first {@value
   * #QUOTED_PREFIX}, numbers and booleans as written, containers by kind only so that a message
   * never carries a payload.
   */
  static String describe(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isTextual()) {
      return quote(value.textValue());
    }
    return value.asText();
  }

  /**
   * Text JSON-quoted; when longer than {@value #MAX_QUOTED} characters, only its first {@value
   * #QUOTED_PREFIX} and how long it was.
   */
  static String quote(String text) {
    if (text.length() <= MAX_QUOTED) {
      return new TextNode(text).toString();
    }
    int end = QUOTED_PREFIX;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split a character in two
    }
    return new TextNode(text.substring(0, end) + "…").toString()
        + " ("
        + text.length()
        + " characters)";
  }
}
