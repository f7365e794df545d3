package io.learnhook.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Redacting the request log's mapped fields on their written JSON text gives valid JSON with the
 * same fields, leaves no run of 12 key characters in what is written, changes nothing that holds
 * none, and never redacts a value the tree-based redaction keeps, on 5,000 generated objects.
 */
class FlatJsonRedactionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALPHABET = "0123456789abcdefABCDEF----ghxyz .:@\"\\\u0001\t\n";

  @Test
  void redactsEveryRunOfTheWrittenTextNoMoreThanTheTreeDoesAndStaysValidJson() throws Exception {
    Random random = new Random(20261207);
    for (int i = 0; i < 5_000; i++) {
      ObjectNode fields = JsonNodeFactory.instance.objectNode();
      int count = 1 + random.nextInt(5);
      for (int f = 0; f < count; f++) {
        String name = "field" + f;
        if (random.nextInt(4) == 0) {
          fields.put(name, random.nextBoolean() ? random.nextLong() : random.nextDouble() * 1e6);
        } else {
          fields.put(name, text(random));
        }
      }
      String written = JSON.writeValueAsString(fields);

      String redacted = KeyRedaction.redactFlatJson(written);

      JsonNode parsed = JSON.readTree(redacted);
      ObjectNode byTree = KeyRedaction.redact(fields);
      assertThat(parsed.size()).as(written).isEqualTo(fields.size());
      assertThat(KeyRedaction.redact(redacted)).as(written).isEqualTo(redacted);
      for (var field : fields.properties()) {
        JsonNode ours = parsed.get(field.getKey());
        if (byTree.get(field.getKey()).equals(field.getValue())) {
          // The tree's count of escaped characters can only overstate a run: whatever it leaves
          // alone, the written text holds no run in, and is left alone here too.
          assertThat(ours).as(written).isEqualTo(field.getValue());
        } else if (!ours.equals(field.getValue())) {
          assertThat(ours.asText()).as(written).contains(KeyRedaction.REDACTED);
        }
      }
      if (KeyRedaction.redact(written).equals(written)) {
        assertThat(redacted).isSameAs(written);
      }
    }
  }

  @Test
  void redactsAUuidEventIdAndALongNumberButNotTheOtherFields() throws Exception {
    String written =
        JSON.writeValueAsString(
            Map.of(
                "event_id", "3f2b8c1e-9d4a-4b7e-8f6a-1c2d3e4f5a6b",
                "email", "ann@acme.test",
                "score", 123456789012345L));

    JsonNode parsed = JSON.readTree(KeyRedaction.redactFlatJson(written));

    assertThat(parsed.get("event_id").asText()).isEqualTo(KeyRedaction.REDACTED);
    assertThat(parsed.get("score").asText()).isEqualTo(KeyRedaction.REDACTED);
    assertThat(parsed.get("email").asText()).isEqualTo("ann@acme.test");
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(40);
    for (int c = 0; c < length; c++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
