package io.learnhook.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.learnhook.mapping.MappingException.MappingProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped JSON Schema and {@link FieldMapping#parse} agree: every config the schema refuses,
 * the parser refuses; what the parser refuses beyond it is only what a schema cannot say (a path
 * that does not parse, a default that does not fit its field, a transform chain that cannot work).
 */
class MappingSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonSchema SCHEMA = loadSchema();

  /** The parser's messages for what only it can check. */
  private static final List<String> BEYOND_THE_SCHEMA =
      List.of(
          "unparsable path",
          "needs text, but",
          "gives a number, but",
          "must be",
          "must not be empty",
          "needs a time zone");

  private static JsonSchema loadSchema() {
    try (InputStream in =
        FieldMapping.class.getClassLoader().getResourceAsStream(FieldMapping.SCHEMA_RESOURCE)) {
      assertThat(in).as(FieldMapping.SCHEMA_RESOURCE).isNotNull();
      JsonNode schema = JSON.readTree(in);
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean schemaAccepts(JsonNode config) {
    return SCHEMA.validate(config).isEmpty();
  }

  private static List<MappingProblem> parserProblems(JsonNode config) {
    try {
      FieldMapping.parse(config);
      return List.of();
    } catch (MappingException e) {
      return e.problems();
    }
  }

  /** Values of every shape, for every key a mapping can hold. */
  static Stream<JsonNode> configs() throws IOException {
    List<JsonNode> values = new ArrayList<>();
    for (String text :
        List.of(
            "\"user.email\"",
            "\"$.actor.mbox\"",
            "\"\"",
            "\"a..b\"",
            "\"$[\"",
            "\"items[0]\"",
            "5",
            "true",
            "null",
            "[]",
            "[\"a\"]",
            "{}",
            "{\"path\":\"a\"}",
            "{\"path\":5}",
            "{\"path\":\"a\",\"x\":1}",
            "{\"path\":\"a\",\"transform\":\"trim\"}",
            "{\"path\":\"a\",\"transform\":[\"strip_mailto\",\"lowercase\"]}",
            "{\"path\":\"a\",\"transform\":[]}",
            "{\"path\":\"a\",\"transform\":\"percent\"}",
            "{\"path\":\"a\",\"transform\":5}",
            "{\"path\":\"a\",\"transform\":\"percent_from_fraction\"}",
            "{\"path\":\"a\",\"transform\":[\"seconds_from_millis\",\"trim\"]}",
            "{\"path\":\"a\",\"default\":0}",
            "{\"path\":\"a\",\"default\":150}",
            "{\"path\":\"a\",\"default\":\"x\"}",
            "{\"path\":\"a\",\"default\":\"\"}",
            "{\"path\":\"a\",\"default\":null}",
            "{\"path\":\"a\",\"default\":{}}",
            "{\"path\":\"a\",\"default\":true}",
            "{\"path\":\"a\",\"default\":1.5}",
            "{\"path\":\"a\",\"default\":\"2026-01-01T00:00:00Z\"}",
            "{\"seconds_between\":[\"a\",\"b\"]}",
            "{\"seconds_between\":[\"a\"]}",
            "{\"seconds_between\":[\"a\",5]}",
            "{\"seconds_between\":[\"a\",\"b\"],\"path\":\"c\"}",
            "{\"seconds_between\":[\"a\",\"b\"],\"transform\":\"trim\"}",
            "{\"seconds_between\":[\"a\",\"b\"],\"default\":0}",
            "{\"transform\":\"trim\"}")) {
      values.add(JSON.readTree(text));
    }
    List<JsonNode> configs = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (Field field : Field.values()) {
      keys.add(field.key());
    }
    keys.add("each");
    keys.add("emial");
    for (String key : keys) {
      for (JsonNode value : values) {
        ObjectNode config = NODES.objectNode();
        config.set(key, value);
        configs.add(config);
      }
    }
    configs.add(NODES.objectNode());
    return configs.stream();
  }

  @ParameterizedTest
  @MethodSource("configs")
  void refusesWhatTheSchemaRefusesAndBeyondItOnlyWhatASchemaCannotSay(JsonNode config) {
    boolean schema = schemaAccepts(config);
    List<MappingProblem> problems = parserProblems(config);

    if (!schema) {
      assertThat(problems).as("schema refuses %s, so must the parser", config).isNotEmpty();
    } else if (!problems.isEmpty()) {
      assertThat(problems)
          .as("schema accepts %s; the parser may refuse only for reasons beyond a schema", config)
          .allSatisfy(
              p ->
                  assertThat(BEYOND_THE_SCHEMA)
                      .anySatisfy(m -> assertThat(p.message()).contains(m)));
    }
  }

  @Test
  void theSweepCoversAcceptedRefusedAndBeyondTheSchemaCases() throws IOException {
    long accepted = configs().filter(c -> schemaAccepts(c) && parserProblems(c).isEmpty()).count();
    long refused = configs().filter(c -> !schemaAccepts(c)).count();
    long beyond = configs().filter(c -> schemaAccepts(c) && !parserProblems(c).isEmpty()).count();

    assertThat(accepted).isGreaterThan(50);
    assertThat(refused).isGreaterThan(100);
    assertThat(beyond).isGreaterThan(20);
  }

  /** Mappings shown to people: the fixtures, the README and docs/ (CONTRACTS.md included). */
  static Stream<JsonNode> documentedMappings() throws IOException {
    List<JsonNode> mappings = new ArrayList<>();
    Path root = Path.of("..").toAbsolutePath().normalize();
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources/payloads"))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().equals("mapping.json")).toList()) {
        mappings.add(JSON.readTree(file.toFile()));
      }
    }
    List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> files = Files.list(docs)) {
        files.filter(f -> f.toString().endsWith(".md")).forEach(documents::add);
      }
    }
    Pattern block = Pattern.compile("```json\\s*\\n(.*?)```", Pattern.DOTALL);
    for (Path document : documents) {
      if (!Files.exists(document)) {
        continue;
      }
      Matcher json = block.matcher(Files.readString(document));
      while (json.find()) {
        JsonNode node = JSON.readTree(json.group(1));
        if (node.isObject() && looksLikeAMapping(node)) {
          mappings.add(node);
        }
      }
    }
    assertThat(mappings).hasSizeGreaterThanOrEqualTo(8);
    return mappings.stream();
  }

  /**
   * Only mapping keys, each holding a path or an object: payloads and outputs hold other things.
   */
  private static boolean looksLikeAMapping(JsonNode node) {
    for (var entry : node.properties()) {
      boolean key = entry.getKey().equals("each") || Field.byKey(entry.getKey()).isPresent();
      if (!key || !(entry.getValue().isTextual() || entry.getValue().isObject())) {
        return false;
      }
    }
    return node.size() > 0;
  }

  @ParameterizedTest
  @MethodSource("documentedMappings")
  void everyDocumentedMappingIsValidForBoth(JsonNode mapping) {
    assertThat(SCHEMA.validate(mapping)).as(mapping.toString()).isEmpty();
    assertThat(parserProblems(mapping)).as(mapping.toString()).isEmpty();
  }
}
