package io.learnhook.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.spi.StorageException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's custom fields as the JSON object stored in {@code users.custom_fields}. A JSON object
 * (rather than a child table) keeps the LMS's order in one column and one read.
 */
final class CustomFields {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> ORDERED_MAP =
      new TypeReference<>() {};

  private CustomFields() {}

  static String toJson(Map<String, String> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new StorageException("Could not write a user's custom fields as JSON", e);
    }
  }

  /**
   * Custom fields from an LMS's own JSON column, read leniently: NULL is none, values that are not
   * text are kept as their JSON, JSON null is left out. Anything but a JSON object is refused.
   */
  static Map<String, String> fromLmsJson(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new StorageException("A user's custom fields column does not hold JSON", e);
    }
    if (!tree.isObject()) {
      throw new StorageException("A user's custom fields column does not hold a JSON object");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    tree.fields()
        .forEachRemaining(
            field -> {
              JsonNode value = field.getValue();
              if (!value.isNull()) {
                fields.put(
                    field.getKey(), value.isTextual() ? value.textValue() : value.toString());
              }
            });
    return fields;
  }

  static Map<String, String> fromJson(String json) {
    if ("{}".equals(json)) {
      // Most users have none: no parser for every lookup of such a user.
      return new LinkedHashMap<>();
    }
    try {
      return JSON.readValue(json, ORDERED_MAP);
    } catch (JsonProcessingException e) {
      // The driver message quotes the text, which may hold personal data; the cause keeps it.
      throw new StorageException(
          "A user's stored custom fields are not a JSON object of strings", e);
    }
  }
}
