package io.learnhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a field not in the mapping is read from: the payload's top-level key of the same name, when
 * that holds a plain value. An object or array there is something else that happens to share the
 * name (an {@code "email": {...}} settings block, say), so it is passed over, not an error.
 */
final class SameNameKey implements Source {
  private final String key;

  SameNameKey(Field field) {
    this.key = field.key();
  }

  @Override
  public JsonNode find(JsonNode root, String field) {
    JsonNode value = root.get(key);
    return value != null && (value.isTextual() || value.isNumber() || value.isBoolean())
        ? value
        : null;
  }

  @Override
  public String text() {
    return key;
  }
}
