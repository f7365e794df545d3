package io.learnhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a value sits in a payload. Compiled once, when the mapping is parsed; immutable. */
interface Source {

  /**
   * The value at this source, or {@code null} when there is none (absent or JSON null).
   *
   * @param field the field being read, named in the exception
   * @throws PayloadException when what is there cannot be one value (a JSONPath matching several)
   */
  JsonNode find(JsonNode root, String field);

  /** The source as written in the config, for messages. */
  String text();

  /**
   * A path as written in a config: JSONPath when it starts with {@code $}, else a dot path.
   *
   * @throws IllegalArgumentException saying why the path cannot be parsed
   */
  static Source compile(String text) {
    return text.startsWith("$") ? JsonPathSource.compile(text) : DotPath.parse(text);
  }
}
