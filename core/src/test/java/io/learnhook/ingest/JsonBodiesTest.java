package io.learnhook.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnhook.ingest.internal.JsonBodies;
import io.learnhook.mapping.FieldMapping;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {
  private final JsonBodies json = jsonBodies(IngestLimits.defaults());

  private JsonNode parse(String text) throws Exception {
    return json.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keepsDecimalsExact() throws Exception {
    assertThat(parse("{\"score\":0.1}").get("score").decimalValue())
        .isEqualTo(new BigDecimal("0.1"));
  }

  @Test
  void acceptsAUtf8ByteOrderMark() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] both = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, both, 0, 3);
    System.arraycopy(body, 0, both, 3, body.length);

    assertThat(json.parse(both).get("a").asInt()).isEqualTo(1);
  }

  @Test
  void refusesDuplicateKeys() {
    assertThatThrownBy(() -> parse("{\"email\":\"a@x.test\",\"email\":\"b@x.test\"}"))
        .isInstanceOf(JsonBodies.InvalidBodyException.class)
        .hasMessageContaining("Duplicate field 'email'");
  }

  @Test
  void refusesTrailingContent() {
    assertThatThrownBy(() -> parse("{\"a\":1} {\"b\":2}"))
        .isInstanceOf(JsonBodies.InvalidBodyException.class)
        .hasMessageStartingWith("Body is not valid JSON");
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    assertThatThrownBy(() -> parse(deep))
        .isInstanceOf(JsonBodies.InvalidBodyException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void refusesAnEmptyBodyAndFormEncodedText() {
    assertThatThrownBy(() -> parse(""))
        .hasMessage("Body is empty; expected a JSON object or array");
    assertThatThrownBy(() -> parse("   "))
        .hasMessage("Body is empty; expected a JSON object or array");
    assertThatThrownBy(() -> parse("email=a%40b.c&item_id=1"))
        .hasMessageStartingWith("Body is not valid JSON")
        .hasMessageContaining("line 1");
  }

  @Test
  void neverQuotesTheBodysTextBack() {
    assertThatThrownBy(() -> parse("{\"user\":acedbeef-5c4d}"))
        .hasMessageStartingWith("Body is not valid JSON: Unrecognized token")
        .message()
        .doesNotContain("acedbeef");
  }

  @Test
  void checksSkippedSubtreesAsStrictlyAsReadOnes() {
    FieldMapping mapping = FieldMapping.parse("{\"email\":\"user.email\",\"slug\":\"s\"}");
    assertThat(mapping.prunesBodies()).isTrue();

    assertThatThrownBy(
            () -> json.parse(bytes("{\"skipped\":{\"a\":1,\"a\":2},\"s\":\"x\"}"), mapping))
        .hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(
            () ->
                json.parse(
                    bytes("{\"skipped\":" + "[".repeat(1000) + "]".repeat(1000) + "}"), mapping))
        .hasMessageContaining("nesting depth");
    assertThatThrownBy(() -> json.parse(bytes("{\"skipped\":[1,}"), mapping))
        .hasMessageStartingWith("Body is not valid JSON");
    assertThatThrownBy(() -> json.parse(bytes("{\"s\":\"x\"} []"), mapping))
        .hasMessageStartingWith("Body is not valid JSON: trailing content");
    assertThatThrownBy(() -> json.parse(bytes("  "), mapping))
        .hasMessage("Body is empty; expected a JSON object or array");
  }

  @Test
  void keepsDecimalsExactInPrunedBodies() throws Exception {
    FieldMapping mapping =
        FieldMapping.parse("{\"email\":\"e\",\"slug\":\"s\",\"score\":\"r.score\"}");

    JsonNode body = json.parse(bytes("{\"r\":{\"score\":0.1,\"x\":2}}"), mapping);

    assertThat(body.at("/r/score").decimalValue()).isEqualTo(new BigDecimal("0.1"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void refusesInvalidUtf8() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    assertThatThrownBy(() -> json.parse(body)).isInstanceOf(JsonBodies.InvalidBodyException.class);
  }

  @Test
  void refusesNumbersLongerThanAHundredDigits() {
    assertThatThrownBy(() -> parse("{\"score\":" + "9".repeat(1000) + "}"))
        .isInstanceOf(JsonBodies.InvalidBodyException.class);
  }

  private static JsonBodies jsonBodies(IngestLimits limits) {
    return new JsonBodies(
        limits.maxNestingDepth(), limits.maxStringLength(), limits.maxNumberLength());
  }
}
