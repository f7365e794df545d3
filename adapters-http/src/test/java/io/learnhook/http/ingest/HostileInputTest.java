package io.learnhook.http.ingest;

import static io.learnhook.http.ingest.EndpointFixture.ACME_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed, oversized, deeply nested, mistyped and hostile bodies: a 4xx with a JSON error,
 * nothing written.
 */
class HostileInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> bodies() {
    String ok = "\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"}";
    return Stream.of(
        Arguments.of("truncated", "{\"user\":{\"email\":\"ann@acme.test\"", 400),
        Arguments.of("not json", "hello", 400),
        Arguments.of("form encoded", "email=ann%40acme.test&source_id=1000", 400),
        Arguments.of("empty", "", 400),
        Arguments.of("NaN", "{" + ok + ",\"score\":NaN}", 400),
        Arguments.of("Infinity", "{" + ok + ",\"score\":Infinity}", 400),
        Arguments.of("single quotes", "{'user':{'email':'ann@acme.test'}}", 400),
        Arguments.of("comments", "{/* x */" + ok + "}", 400),
        Arguments.of("duplicate keys", "{" + ok + ",\"lesson\":{\"id\":\"2000\"}}", 400),
        Arguments.of("trailing garbage", "{" + ok + "}}", 400),
        Arguments.of("deep nesting", "[".repeat(100_000) + "]".repeat(100_000), 400),
        Arguments.of("deep object", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000), 400),
        // Valid JSON, but a number longer than IngestLimits.maxNumberLength: a value's length, so
        // 422.
        Arguments.of("huge number", "{" + ok + ",\"score\":1" + "0".repeat(5_000) + "}", 422),
        Arguments.of("scalar", "42", 422),
        Arguments.of("null", "null", 422),
        Arguments.of(
            "email is a number", "{\"user\":{\"email\":42},\"lesson\":{\"id\":\"1000\"}}", 422),
        Arguments.of(
            "email is an object",
            "{\"user\":{\"email\":{\"a\":1}},\"lesson\":{\"id\":\"1000\"}}",
            422),
        Arguments.of(
            "id is an array",
            "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":[1]}}",
            422),
        Arguments.of(
            "id is fractional",
            "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":1.5}}",
            422),
        Arguments.of(
            "id too long",
            "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\""
                + "x".repeat(256)
                + "\"}}",
            422),
        Arguments.of(
            "email too long",
            "{\"user\":{\"email\":\""
                + "a".repeat(400)
                + "@acme.test\"},\"lesson\":{\"id\":\"1000\"}}",
            422),
        Arguments.of("score as words", "{" + ok + ",\"score\":\"high\"}", 422),
        Arguments.of("score over 100", "{" + ok + ",\"score\":150}", 422),
        Arguments.of("negative time", "{" + ok + ",\"total_time\":-5}", 422),
        Arguments.of(
            "time without offset", "{" + ok + ",\"completed_at\":\"2026-01-01T10:00:00\"}", 422),
        Arguments.of("time as epoch", "{" + ok + ",\"completed_at\":1700000000}", 422),
        Arguments.of(
            "SQL in the email",
            "{\"user\":{\"email\":\"x' OR '1'='1\"},\"lesson\":{\"id\":\"1000\"}}",
            404),
        Arguments.of(
            "SQL in the id",
            "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1'; DROP TABLE lh_completions; --\"}}",
            404),
        Arguments.of(
            "log injection",
            "{\"user\":{\"email\":\"ann@acme.test\\n[ERROR] forged\"},\"lesson\":{\"id\":\"1000\"}}",
            404),
        // Refused by the mapping on every store alike, since PostgreSQL cannot store U+0000.
        Arguments.of(
            "lone surrogate escape in the email",
            "{\"user\":{\"email\":\"ann\\ud800@acme.test\"},\"lesson\":{\"id\":\"1000\"}}",
            422),
        Arguments.of(
            "reversed surrogate pair in the id",
            "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"\\udc00\\ud800\"}}",
            422),
        Arguments.of(
            "NUL in the email",
            "{\"user\":{\"email\":\"ann@acme.test\\u0000\"},\"lesson\":{\"id\":\"1000\"}}",
            422),
        Arguments.of("no identifiers", "{\"user\":{\"email\":\"ann@acme.test\"}}", 422),
        Arguments.of("empty object", "{}", 422),
        Arguments.of("batch of non-objects", "[1,\"a\",null,true]", 200));
  }

  /** Byte sequences Jackson would decode into characters although they are not UTF-8. */
  static Stream<Arguments> malformedUtf8() {
    return Stream.of(
        Arguments.of("overlong slash", new byte[] {(byte) 0xC0, (byte) 0xAF}),
        Arguments.of(
            "overlong three-byte form", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}),
        Arguments.of("encoded surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
        Arguments.of(
            "past U+10FFFF", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
        Arguments.of("lead byte without continuation", new byte[] {(byte) 0xC3, 0x28}),
        Arguments.of("bare continuation byte", new byte[] {(byte) 0x80}),
        Arguments.of("truncated at the end", new byte[] {(byte) 0xE2, (byte) 0x82}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedUtf8")
  void refusesMalformedUtf8As400AndWritesNothing(String name, byte[] bad) throws Exception {
    EndpointFixture fixture = new EndpointFixture();
    byte[] head = "{\"user\":{\"email\":\"ann".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail =
        "@acme.test\"},\"lesson\":{\"id\":\"1000\"}}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(bad, 0, body, head.length, bad.length);
    System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);

    EndpointResponse response = fixture.post("Bearer " + ACME_KEY.reveal(), "", body);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(JSON.readTree(response.bodyText()).get("error").asText()).contains("UTF-8");
    assertThat(fixture.store.allCompletions()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void stillReadsUtf8WithAByteOrderMarkAndUtf16() throws Exception {
    String payload = "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"}}";
    byte[] utf8 = payload.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] withBom = new byte[utf8.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(utf8, 0, withBom, 3, utf8.length);

    assertThat(new EndpointFixture().post("Bearer " + ACME_KEY.reveal(), "", withBom).status())
        .isEqualTo(201);
    assertThat(
            new EndpointFixture()
                .post(
                    "Bearer " + ACME_KEY.reveal(),
                    "",
                    payload.getBytes(java.nio.charset.StandardCharsets.UTF_16))
                .status())
        .isEqualTo(201);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void answersWithAJsonErrorAndWritesNothing(String name, String body, int status)
      throws Exception {
    EndpointFixture fixture = new EndpointFixture();

    EndpointResponse response = fixture.post("Bearer " + ACME_KEY.reveal(), "", body);

    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    JsonNode json = JSON.readTree(response.bodyText());
    if (status == 200) {
      json.get("results").forEach(r -> assertThat(r.get("status").asInt()).isEqualTo(422));
    } else {
      assertThat(json.get("error").asText()).isNotBlank();
    }
    assertThat(response.bodyText()).doesNotContain(ACME_KEY.reveal());
    assertThat(fixture.store.allCompletions()).isEmpty();
  }
}
