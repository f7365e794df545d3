package io.learnhook.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.learnhook.mapping.FieldMapping.Payloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recipe of docs/MAPPING.md does what the page says: its mapping turns its payload into its
 * output.
 */
class MappingRecipesTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Path PAGE = Path.of("..", "docs", "MAPPING.md");

  static Stream<Arguments> recipes() throws IOException {
    String page = Files.readString(PAGE);
    String[] sections = page.split("\n### Recipe: ");
    List<Arguments> recipes = new ArrayList<>();
    Pattern block = Pattern.compile("```json\\s*\\n(.*?)```", Pattern.DOTALL);
    for (int i = 1; i < sections.length; i++) {
      String title = sections[i].substring(0, sections[i].indexOf('\n'));
      Matcher json = block.matcher(sections[i]);
      List<JsonNode> blocks = new ArrayList<>();
      while (json.find()) {
        blocks.add(JSON.readTree(json.group(1)));
      }
      assertThat(blocks)
          .as("recipe '%s' shows payload, mapping and mapped fields", title)
          .hasSize(3);
      recipes.add(Arguments.of(title, blocks.get(0), blocks.get(1), blocks.get(2)));
    }
    assertThat(recipes).as("recipes in %s", PAGE).hasSizeGreaterThanOrEqualTo(5);
    return recipes.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recipes")
  void recipeMapsItsPayloadToWhatThePageShows(
      String title, JsonNode payload, JsonNode mapping, JsonNode mapped) {
    FieldMapping compiled = FieldMapping.parse(mapping);
    Payloads payloads = compiled.split(payload);
    ArrayNode actual = JSON.createArrayNode();
    payloads.elements().forEach(element -> actual.add(compiled.apply(element).toJson()));

    List<Map<String, Object>> expected = new ArrayList<>();
    (mapped.isArray() ? mapped : JSON.createArrayNode().add(mapped))
        .forEach(e -> expected.add(normalise(e)));
    List<Map<String, Object>> got = new ArrayList<>();
    actual.forEach(e -> got.add(normalise(e)));
    assertThat(got).isEqualTo(expected);
    assertThat(payloads.batch()).isEqualTo(mapped.isArray());
  }

  /** Numbers compared by value: 100 and 100.0 are the same score. */
  private static Map<String, Object> normalise(JsonNode node) {
    Map<String, Object> values = new TreeMap<>();
    node.properties()
        .forEach(
            e ->
                values.put(
                    e.getKey(),
                    e.getValue().isNumber()
                        ? e.getValue().decimalValue().stripTrailingZeros()
                        : e.getValue().asText()));
    return values;
  }
}
