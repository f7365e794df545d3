package io.learnhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * A compiled, validated mapping config. SKELETON: the real implementation replaces this file.
 */
public final class FieldMapping {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonNode config;

  private FieldMapping(JsonNode config) {
    this.config = config.deepCopy();
  }

  public static FieldMapping parse(String json) {
    try {
      return parse(JSON.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new MappingException(List.of(new MappingProblem("mapping", "not valid JSON")));
    }
  }

  public static FieldMapping parse(JsonNode config) {
    if (config == null || !config.isObject()) {
      throw new MappingException(List.of(new MappingProblem("mapping", "must be a JSON object")));
    }
    return new FieldMapping(config);
  }

  public JsonNode config() {
    return config.deepCopy();
  }

  public String configJson() {
    return config.toString();
  }

  public Payloads split(JsonNode body) {
    throw new UnsupportedOperationException("skeleton");
  }

  public MappedFields apply(JsonNode payload) {
    throw new UnsupportedOperationException("skeleton");
  }
}
