package io.learnhook.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int map(String mapping, String payload) throws IOException {
    Path m = Files.writeString(dir.resolve("mapping.json"), mapping);
    Path p = Files.writeString(dir.resolve("payload.json"), payload);
    return run("map", "--mapping", m.toString(), "--payload", p.toString());
  }

  private int run(String... args) {
    return runWithInput("", args);
  }

  private int runWithInput(String stdin, String... args) {
    return Main.run(
        List.of(args),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8).strip();
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void printsTheMappedFieldsAsOneJsonObjectAndExitsZero() throws IOException {
    int code =
        map(
            "{\"email\":{\"path\":\"actor.mbox\",\"transform\":\"strip_mailto\"},\"source_id\":\"object.id\"}",
            "{\"actor\":{\"mbox\":\"mailto:ann@acme.test\"},\"object\":{\"id\":68},\"score\":\"95\"}");

    assertThat(code).isZero();
    assertThat(out()).isEqualTo("{\"email\":\"ann@acme.test\",\"source_id\":\"68\",\"score\":95}");
    assertThat(err()).isEmpty();
  }

  @Test
  void printsAnArrayForABatch() throws IOException {
    int code =
        map(
            "{\"email\":\"e\",\"slug\":\"s\"}",
            "[{\"e\":\"a@x.test\",\"s\":\"one\"},{\"e\":\"b@x.test\",\"s\":\"two\"}]");

    assertThat(code).isZero();
    assertThat(out())
        .isEqualTo(
            "[{\"email\":\"a@x.test\",\"slug\":\"one\"},{\"email\":\"b@x.test\",\"slug\":\"two\"}]");
  }

  @Test
  void exitsOneWhenThePayloadLacksARequiredField() throws IOException {
    int code =
        map(
            "{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}",
            "{\"lesson\":{\"id\":\"1\"}}");

    assertThat(code).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err()).contains("email").contains("user.email");
  }

  @Test
  void exitsTwoListingEveryProblemOfAnInvalidMapping() throws IOException {
    int code =
        map(
            "{\"emial\":\"user.email\",\"score\":{\"path\":\"s\",\"transform\":\"percent\"}}",
            "{}");

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("emial").contains("score.transform").contains("percent");
  }

  @Test
  void exitsTwoWhenThePayloadIsNotJson() throws IOException {
    int code = map("{\"email\":\"user.email\"}", "email=ann@acme.test");

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .contains("payload")
        .contains("is not valid JSON: ")
        .doesNotContain("Body")
        .satisfies(
            text ->
                assertThat(text.indexOf("not valid JSON"))
                    .as("said once: %s", text)
                    .isEqualTo(text.lastIndexOf("not valid JSON")));
  }

  @Test
  void saysAnEmptyPayloadIsEmptyNamingItOnce() throws IOException {
    int code = map("{\"email\":\"user.email\"}", "");

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains(" is empty; expected a JSON object or array").doesNotContain("Body");
  }

  @Test
  void exitsTwoWhenAValueHasTheWrongType() throws IOException {
    int code =
        map(
            "{\"email\":\"e\",\"slug\":\"s\",\"score\":\"sc\"}",
            "{\"e\":\"a@x.test\",\"s\":\"x\",\"sc\":\"high\"}");

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("score").contains("sc");
  }

  @Test
  void exitsTwoWithUsageWhenAnOptionIsMissing() {
    int code = run("map", "--mapping", "m.json");

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("--payload is required").contains("usage");
  }

  @Test
  void readsThePayloadFromStandardInputWhenGivenADash() throws IOException {
    Path m =
        Files.writeString(dir.resolve("mapping.json"), "{\"email\":\"user.email\",\"slug\":\"s\"}");

    int code =
        runWithInput(
            "{\"user\":{\"email\":\"a@x.test\"},\"s\":\"intro\"}",
            "map",
            "--mapping",
            m.toString(),
            "--payload",
            "-");

    assertThat(code).isZero();
    assertThat(out()).isEqualTo("{\"email\":\"a@x.test\",\"slug\":\"intro\"}");
  }

  @Test
  void explainsEveryFieldAndStillExitsOneWhenARequiredFieldIsMissing() throws Exception {
    Path m =
        Files.writeString(
            dir.resolve("mapping.json"),
            "{\"email\":{\"path\":\"actor.mbox\",\"transform\":\"strip_mailto\"},\"source_id\":\"object.id\"}");
    Path p =
        Files.writeString(
            dir.resolve("payload.json"), "{\"actor\":{\"mbox\":\"mailto:a@x.test\"}}");

    int code = run("map", "--mapping", m.toString(), "--payload", p.toString(), "--explain");

    assertThat(code).isEqualTo(1);
    com.fasterxml.jackson.databind.JsonNode explained =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(out());
    assertThat(explained.at("/fields/email/found").asText()).isEqualTo("mailto:a@x.test");
    assertThat(explained.at("/fields/email/steps/0/strip_mailto").asText()).isEqualTo("a@x.test");
    assertThat(explained.at("/fields/email/outcome").asText()).isEqualTo("found");
    assertThat(explained.at("/fields/source_id/outcome").asText()).isEqualTo("missing");
    assertThat(explained.at("/fields/source_id/note").asText()).isEqualTo("nothing at 'object.id'");
    assertThat(explained.at("/fields/score/fallback").asBoolean()).isTrue();
    assertThat(explained.get("error").asText())
        .contains("item_id, source_id and slug are all missing");
    assertThat(err()).contains("all missing");
  }

  @Test
  void explainsEachElementOfABatch() throws Exception {
    int code =
        map(
            "{\"email\":\"e\",\"slug\":\"s\"}",
            "[{\"e\":\"a@x.test\",\"s\":\"one\"},{\"e\":\"b@x.test\",\"s\":\"two\"}]");
    assertThat(code).isZero();
    out.reset();
    Path m = dir.resolve("mapping.json");
    Path p = dir.resolve("payload.json");

    code = run("map", "--mapping", m.toString(), "--payload", p.toString(), "--explain");

    assertThat(code).isZero();
    com.fasterxml.jackson.databind.JsonNode explained =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(out());
    assertThat(explained).hasSize(2);
    assertThat(explained.at("/1/mapped/slug").asText()).isEqualTo("two");
    assertThat(explained.at("/1/fields/slug/value").asText()).isEqualTo("two");
  }

  @Test
  void exitsTwoWhenAFileDoesNotExist() {
    int code = run("map", "--mapping", dir.resolve("none.json").toString(), "--payload", "p.json");

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("no such file");
  }
}
