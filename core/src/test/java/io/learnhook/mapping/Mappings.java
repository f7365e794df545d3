package io.learnhook.mapping;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * Shorthands for the mapping tests. JSON is written with single quotes, so that tests read like the
 * configs they are about; a literal single quote inside a value is written {@code \'}.
 */
final class Mappings {
  private static final ObjectMapper LENIENT =
      new ObjectMapper().enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES);

  /** A payload that satisfies the required fields by their own names. */
  static final String REQUIRED = "'email': 'ann@x.test', 'item_id': 'course-1'";

  private Mappings() {}

  static JsonNode json(String singleQuoted) {
    try {
      return LENIENT.readTree(singleQuoted);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FieldMapping mapping(String singleQuoted) {
    return FieldMapping.parse(json(singleQuoted));
  }

  /** Maps a payload that has the required fields plus {@code extra} (single-quoted members). */
  static MappedFields mapWith(String mapping, String extra) {
    return mapping(mapping).apply(json("{" + REQUIRED + ", " + extra + "}"));
  }

  static PayloadException refusal(FieldMapping mapping, JsonNode payload) {
    try {
      MappedFields fields = mapping.apply(payload);
      return fail("expected a PayloadException, got " + fields);
    } catch (PayloadException e) {
      return e;
    }
  }

  /** The refusal of a payload with the required fields plus {@code extra}. */
  static PayloadException refusalWith(String mapping, String extra) {
    return refusal(mapping(mapping), json("{" + REQUIRED + ", " + extra + "}"));
  }

  static MappingException problems(String singleQuotedMapping) {
    try {
      FieldMapping mapping = mapping(singleQuotedMapping);
      return fail("expected a MappingException, got " + mapping);
    } catch (MappingException e) {
      return e;
    }
  }
}
