package io.learnhook.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

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
    return Main.run(
        List.of("map", "--mapping", m.toString(), "--payload", p.toString()),
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
    int code = map("{\"email\":\"e\",\"slug\":\"s\"}", "[{\"e\":\"a@x.test\",\"s\":\"one\"},{\"e\":\"b@x.test\",\"s\":\"two\"}]");

    assertThat(code).isZero();
    assertThat(out())
        .isEqualTo("[{\"email\":\"a@x.test\",\"slug\":\"one\"},{\"email\":\"b@x.test\",\"slug\":\"two\"}]");
  }

  @Test
  void exitsOneWhenThePayloadLacksARequiredField() throws IOException {
    int code = map("{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}", "{\"lesson\":{\"id\":\"1\"}}");

    assertThat(code).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err()).contains("email").contains("user.email");
  }

  @Test
  void exitsTwoListingEveryProblemOfAnInvalidMapping() throws IOException {
    int code = map("{\"emial\":\"user.email\",\"score\":{\"path\":\"s\",\"transform\":\"percent\"}}", "{}");

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("emial").contains("score.transform").contains("percent");
  }

  @Test
  void exitsTwoWhenThePayloadIsNotJson() throws IOException {
    int code = map("{\"email\":\"user.email\"}", "email=ann@acme.test");

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("payload").contains("not valid JSON");
  }

  @Test
  void exitsTwoWhenAValueHasTheWrongType() throws IOException {
    int code = map("{\"email\":\"e\",\"slug\":\"s\",\"score\":\"sc\"}", "{\"e\":\"a@x.test\",\"s\":\"x\",\"sc\":\"high\"}");

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("score").contains("sc");
  }

  @Test
  void exitsTwoWithUsageWhenAnOptionIsMissing() {
    int code =
        Main.run(List.of("map", "--mapping", "m.json"), new PrintStream(out), new PrintStream(err));

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("--payload is required").contains("usage");
  }

  @Test
  void exitsTwoWhenAFileDoesNotExist() {
    int code =
        Main.run(
            List.of("map", "--mapping", dir.resolve("none.json").toString(), "--payload", "p.json"),
            new PrintStream(out),
            new PrintStream(err));

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("no such file");
  }
}
