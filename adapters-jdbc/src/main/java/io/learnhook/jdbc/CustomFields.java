package io.learnhook.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
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

  static Map<String, String> fromJson(String json) {
    try {
      return JSON.readValue(json, ORDERED_MAP);
    } catch (JsonProcessingException e) {
      // The driver message quotes the text, which may hold personal data; the cause keeps it.
      throw new StorageException(
          "A user's stored custom fields are not a JSON object of strings", e);
    }
  }
}
