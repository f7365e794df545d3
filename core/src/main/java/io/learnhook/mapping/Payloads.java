package io.learnhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A request body split into the payloads to record.
 *
 * @param batch true when the body was a batch (a top-level array, or a mapping with {@code each});
 *     the endpoint then answers one result per element
 * @param elements the payloads, in order; one element when not a batch
 */
public record Payloads(boolean batch, List<JsonNode> elements) {
  public Payloads {
    elements = List.copyOf(elements);
    if (!batch && elements.size() != 1) {
      throw new IllegalArgumentException("a single payload has exactly one element");
    }
  }
}
