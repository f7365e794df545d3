package io.learnhook.mapping;

import static io.learnhook.mapping.Mappings.json;
import static io.learnhook.mapping.Mappings.mapping;
import static io.learnhook.mapping.Mappings.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnhook.mapping.MappingException.MappingProblem;
import org.junit.jupiter.api.Test;

class ParsingTest {
  private static final String KNOWN_FIELDS =
      "email, item_id, source_id, slug, result, total_time, score, completed_at, event_id, each";

  @Test
  void listsEveryProblemOfAnInvalidMappingAtOnce() {
    MappingException e =
        problems(
            "{'email': 'user..email', 'emial': 'x', 'score': {'path': 's', 'transform': 'percent',"
                + " 'defualt': 0}, 'item_id': 5, 'result': {'transform': 'trim'}, 'each': ['a'],"
                + " 'slug': {'path': 7}}");

    assertThat(e.problems())
        .containsExactly(
            new MappingProblem(
                "email", "unparsable path 'user..email': empty segment at position 5"),
            new MappingProblem("emial", "unknown field (known: " + KNOWN_FIELDS + ")"),
            new MappingProblem(
                "score.defualt", "unknown key (known: path, seconds_between, transform, default)"),
            new MappingProblem(
                "score.transform",
                "unknown transform 'percent' (known: lowercase, trim, strip_mailto,"
                    + " percent_from_fraction, seconds_from_iso8601_duration,"
                    + " seconds_from_millis)"),
            new MappingProblem("item_id", "must be a path string or an object"),
            new MappingProblem("result", "needs a path"),
            new MappingProblem("each", "must be a path string"),
            new MappingProblem("slug.path", "must be a path string"));
    assertThat(e)
        .hasMessageStartingWith(
            "Invalid mapping: email: unparsable path 'user..email': empty segment at position 5;"
                + " emial: unknown field");
  }

  @Test
  void refusesTextThatIsNotJson() {
    assertThatThrownBy(() -> FieldMapping.parse("{\"email\": "))
        .isInstanceOfSatisfying(
            MappingException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              assertThat(e.problems().get(0).location()).isEqualTo("mapping");
              assertThat(e.problems().get(0).message())
                  .startsWith("not valid JSON: ")
                  .endsWith("(line 1, column 11)");
            });
  }

  @Test
  void refusesDuplicateKeysRatherThanKeepingTheLast() {
    assertThatThrownBy(() -> FieldMapping.parse("{\"email\": \"a\", \"email\": \"b\"}"))
        .isInstanceOfSatisfying(
            MappingException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        new MappingProblem(
                            "mapping",
                            "not valid JSON: Duplicate field 'email' (line 1, column 23)")));
  }

  @Test
  void refusesTrailingText() {
    assertThatThrownBy(() -> FieldMapping.parse("{} {}"))
        .isInstanceOfSatisfying(
            MappingException.class,
            e ->
                assertThat(e.problems().get(0).message())
                    .startsWith("not valid JSON: Trailing token"));
  }

  @Test
  void refusesJsonThatIsNotAnObject() {
    for (String text : new String[] {"[]", "\"email\"", "", "null"}) {
      assertThatThrownBy(() -> FieldMapping.parse(text))
          .as(text)
          .isInstanceOfSatisfying(
              MappingException.class,
              e ->
                  assertThat(e.problems())
                      .containsExactly(new MappingProblem("mapping", "must be a JSON object")));
    }
    assertThatThrownBy(() -> FieldMapping.parse((String) null))
        .isInstanceOf(MappingException.class);
  }

  @Test
  void namesAnUnknownFieldWithAnUnusableNameInTheMessage() {
    assertThat(problems("{'': 'x'}").problems())
        .containsExactly(
            new MappingProblem("mapping", "unknown field \"\" (known: " + KNOWN_FIELDS + ")"));
  }

  @Test
  void acceptsAnEmptyMapping() {
    assertThat(FieldMapping.parse("{}").configJson()).isEqualTo("{}");
  }

  // canonical form, equality

  @Test
  void writesTheConfigAsCompactJsonInCanonicalOrder() {
    FieldMapping mapping =
        FieldMapping.parse(
            "{ \"each\": \"data\",\n"
                + " \"score\": {\"default\": 0, \"transform\": \"percent_from_fraction\", \"path\":"
                + " \"s\"},\n"
                + " \"email\": \"user.email\" }");

    assertThat(mapping.configJson())
        .isEqualTo(
            "{\"email\":\"user.email\","
                + "\"score\":{\"path\":\"s\","
                + "\"transform\":\"percent_from_fraction\",\"default\":0},"
                + "\"each\":\"data\"}");
    assertThat(mapping).hasToString("FieldMapping" + mapping.configJson());
  }

  @Test
  void equalsAMappingWithTheSameEntriesInAnotherOrder() {
    FieldMapping one = mapping("{'email': 'e', 'slug': {'path': 's', 'transform': 'trim'}}");
    FieldMapping other = mapping("{'slug': {'transform': 'trim', 'path': 's'}, 'email': 'e'}");

    assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
    assertThat(one).isNotEqualTo(mapping("{'email': 'e', 'slug': 's'}"));
  }

  @Test
  void parsesItsOwnConfigJsonToAnEqualMapping() {
    FieldMapping mapping =
        mapping(
            "{'total_time': {'seconds_between': ['a', '$.b'], 'default': 0},"
                + " 'slug': 'x[\"y.z\"]', 'each': '$.items'}");

    assertThat(FieldMapping.parse(mapping.configJson())).isEqualTo(mapping);
    assertThat(FieldMapping.parse(mapping.config())).isEqualTo(mapping);
  }

  @Test
  void isNotChangedByChangesToItsInputOrItsConfigCopy() {
    ObjectNode input = (ObjectNode) json("{'email': 'user.email'}");
    FieldMapping mapping = FieldMapping.parse(input);

    input.put("email", "other");
    ((ObjectNode) mapping.config()).put("email", "changed");

    assertThat(mapping.configJson()).isEqualTo("{\"email\":\"user.email\"}");
    assertThat(mapping.apply(json("{'user': {'email': 'ann@x.test'}, 'slug': 's'}")).email())
        .isEqualTo("ann@x.test");
  }

  // cache

  @Test
  void returnsTheSameInstanceForTheSameText() {
    String text = "{\"email\": \"cache.test.same.instance\"}";

    assertThat(FieldMapping.parse(text)).isSameAs(FieldMapping.parse(text));
    assertThat(FieldMapping.parse(" " + text))
        .as("another text, even for the same config, is parsed on its own")
        .isNotSameAs(FieldMapping.parse(text))
        .isEqualTo(FieldMapping.parse(text));
  }

  @Test
  void keepsTheCacheBounded() {
    for (int i = 0; i < FieldMapping.CACHE_LIMIT + 500; i++) {
      FieldMapping.parse("{\"email\": \"bounded.e" + i + "\"}");
    }

    assertThat(FieldMapping.cachedCount()).isLessThanOrEqualTo(FieldMapping.CACHE_LIMIT);
    String recent = "{\"email\": \"bounded.e" + (FieldMapping.CACHE_LIMIT + 499) + "\"}";
    assertThat(FieldMapping.parse(recent)).isSameAs(FieldMapping.parse(recent));
  }

  @Test
  void doesNotCacheMappingsThatFailToParse() {
    String text = "{\"emial\": \"x\"}";
    int before = FieldMapping.cachedCount();

    assertThatThrownBy(() -> FieldMapping.parse(text)).isInstanceOf(MappingException.class);
    assertThatThrownBy(() -> FieldMapping.parse(text)).isInstanceOf(MappingException.class);
    assertThat(FieldMapping.cachedCount()).isEqualTo(before);
  }
}
