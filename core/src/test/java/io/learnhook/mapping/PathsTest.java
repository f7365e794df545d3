package io.learnhook.mapping;

import static io.learnhook.mapping.Mappings.json;
import static io.learnhook.mapping.Mappings.mapWith;
import static io.learnhook.mapping.Mappings.mapping;
import static io.learnhook.mapping.Mappings.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnhook.mapping.MappingException.MappingProblem;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathsTest {

  @Test
  void readsNestedKeysWithDotPaths() {
    MappedFields fields =
        mapping("{'email': 'user.contact.email', 'item_id': 'course.id'}")
            .apply(json("{'user': {'contact': {'email': 'ann@x.test'}}, 'course': {'id': 'c-1'}}"));

    assertThat(fields.email()).isEqualTo("ann@x.test");
    assertThat(fields.itemId()).contains("c-1");
  }

  @Test
  void indexesArraysWithNumericSegments() {
    MappedFields fields =
        mapping("{'email': 'statements.1.actor.mbox', 'item_id': 'statements.1.object.id'}")
            .apply(
                json(
                    "{'statements': ["
                        + "{'actor': {'mbox': 'first@x.test'}, 'object': {'id': 'a'}},"
                        + "{'actor': {'mbox': 'second@x.test'}, 'object': {'id': 'b'}}]}"));

    assertThat(fields.email()).isEqualTo("second@x.test");
    assertThat(fields.itemId()).contains("b");
  }

  @Test
  void usesANumericSegmentAsAKeyWhenTheNodeIsAnObject() {
    assertThat(mapWith("{'score': 'attempts.0'}", "'attempts': {'0': 88}").score())
        .contains(new BigDecimal("88"));
  }

  @Test
  void findsNothingBeyondTheEndOfAnArray() {
    assertThat(mapWith("{'score': 'attempts.5'}", "'attempts': [1, 2]").score()).isEmpty();
  }

  @Test
  void readsKeysThatHoldDotsFromBrackets() {
    MappedFields fields =
        mapping("{'email': 'context.extensions[\"http://x.test/user/email\"]'}")
            .apply(
                json(
                    "{'item_id': 'c-1', 'context': {'extensions': "
                        + "{'http://x.test/user/email': 'ann@x.test', 'http://x': 'wrong'}}}"));

    assertThat(fields.email()).isEqualTo("ann@x.test");
  }

  @Test
  void readsBracketsWithSingleQuotes() {
    assertThat(
            mapWith("{'slug': \"meta['course.slug']\"}", "'meta': {'course.slug': 'intro'}").slug())
        .contains("intro");
  }

  @Test
  void acceptsBracketsFirstAndBetweenSegments() {
    MappedFields fields =
        mapping("{'email': '[\"a.b\"].c', 'item_id': 'x[\"y.z\"][\"w\"].0'}")
            .apply(json("{'a.b': {'c': 'ann@x.test'}, 'x': {'y.z': {'w': ['c-7']}}}"));

    assertThat(fields.email()).isEqualTo("ann@x.test");
    assertThat(fields.itemId()).contains("c-7");
  }

  @Test
  void unescapesQuotesAndBackslashesInBrackets() {
    ObjectNode config =
        JsonNodeFactory.instance
            .objectNode()
            .put("slug", "k['it\\'s']") // k['it\'s']
            .put("result", "k[\"back\\\\slash\"]") // k["back\\slash"]
            .put("event_id", "k[\"say \\\"hi\\\"\"]"); // k["say \"hi\""]
    ObjectNode payload = (ObjectNode) json("{" + Mappings.REQUIRED + "}");
    payload
        .putObject("k")
        .put("it's", "apostrophe")
        .put("back\\slash", "backslash")
        .put("say \"hi\"", "quotes");

    MappedFields fields = FieldMapping.parse(config).apply(payload);

    assertThat(fields.slug()).contains("apostrophe");
    assertThat(fields.result()).contains("backslash");
    assertThat(fields.eventId()).contains("quotes");
  }

  @Test
  void treatsBracketedDigitsAsAKeyNotAnIndex() {
    assertThat(mapWith("{'result': 'list[\"0\"]'}", "'list': ['first']").result()).isEmpty();
    assertThat(mapWith("{'result': 'map[\"0\"]'}", "'map': {'0': 'zero'}").result())
        .contains("zero");
  }

  @Test
  void findsNothingThroughAPlainValue() {
    assertThat(mapWith("{'result': 'outcome.status'}", "'outcome': 'passed'").result()).isEmpty();
  }

  @Test
  void treatsJsonNullAsNothing() {
    assertThat(
            mapWith("{'result': {'path': 'outcome', 'default': 'none'}}", "'outcome': null")
                .result())
        .contains("none");
  }

  @Test
  void evaluatesPathsStartingWithDollarAsJsonPath() {
    MappedFields fields =
        mapping("{'email': '$.actor.mbox', 'item_id': \"$['object']['id']\"}")
            .apply(json("{'actor': {'mbox': 'ann@x.test'}, 'object': {'id': 'c-1'}}"));

    assertThat(fields.email()).isEqualTo("ann@x.test");
    assertThat(fields.itemId()).contains("c-1");
  }

  @Test
  void treatsADefiniteJsonPathThatFindsNothingAsMissing() {
    assertThat(
            mapWith("{'score': {'path': '$.result.score', 'default': 10}}", "'result': {}").score())
        .contains(new BigDecimal("10"));
  }

  @Test
  void takesTheOneValueAnIndefiniteJsonPathMatches() {
    String statements =
        "'statements': [{'verb': 'started', 'score': 10}, {'verb': 'completed', 'score': 90},"
            + " {'verb': 'completed', 'score': null}]";

    assertThat(
            mapWith("{'score': \"$.statements[?(@.verb == 'completed')].score\"}", statements)
                .score())
        .as("the null match counts as nothing")
        .contains(new BigDecimal("90"));
  }

  @Test
  void treatsAnIndefiniteJsonPathWithoutMatchesAsMissing() {
    assertThat(mapWith("{'score': {'path': '$..grade', 'default': 5}}", "'other': 1").score())
        .contains(new BigDecimal("5"));
  }

  @Test
  void refusesAnIndefiniteJsonPathMatchingSeveralValues() {
    PayloadException e =
        refusal(
            mapping("{'email': '$..mbox'}"),
            json(
                "{'item_id': 'c', 'a': {'mbox': 'x@x.test'}, "
                    + "'b': {'mbox': 'y@x.test'}, 'c': [{'mbox': 'z@x.test'}]}"));

    assertThat(e.kind()).isEqualTo(PayloadException.Kind.INVALID);
    assertThat(e.field()).isEqualTo("email");
    assertThat(e.path()).isEqualTo("$..mbox");
    assertThat(e).hasMessage("email at '$..mbox' matched 3 values, expected one");
  }

  @Test
  void convertsJsonPathFunctionResultsToValues() {
    assertThat(mapWith("{'total_time': '$.laps.sum()'}", "'laps': [10, 20.4]").totalTimeSeconds())
        .contains(30L);
    assertThat(mapWith("{'result': '$.answers.length()'}", "'answers': ['a', 'b']").result())
        .contains("2");
  }

  @Test
  void treatsAJsonPathFunctionThatFailsAsMissing() {
    assertThat(mapWith("{'total_time': '$.laps.sum()'}", "'laps': []").totalTimeSeconds())
        .isEqualTo(Optional.empty());
  }

  static Stream<Arguments> unparsablePaths() {
    return Stream.of(
        arguments("a..b", "empty segment at position 2"),
        arguments(".a", "empty segment at position 0"),
        arguments("a.", "empty segment at the end"),
        arguments("", "the path is empty"),
        arguments(
            "items[0]",
            "expected a quoted key after '[' at position 5;"
                + " write an array index as a segment, e.g. items.0"),
        arguments("a[\"b\"c", "expected ']' at position 5"),
        arguments("a[\"b\"]c", "expected '.' or '[' after ']' at position 6, found 'c'"),
        arguments("a[\"b", "unclosed quote opened at position 2"),
        arguments("a.[\"b\"]", "'.' before '[' at position 1; write a[\"b\"], not a.[\"b\"]"),
        arguments("a[\"\"]", "empty key at position 1"),
        arguments("a[\"x\\ny\"]", "unknown escape at position 4; only \\\" and \\\\ are allowed"),
        arguments("$..", "Path must not end with a '.' or '..'"),
        arguments("$a", "Illegal character at position 1 expected '.' or '['"));
  }

  @ParameterizedTest(name = "path ''{0}''")
  @MethodSource("unparsablePaths")
  void refusesUnparsablePathsSayingWhy(String path, String reason) {
    ObjectNode config = JsonNodeFactory.instance.objectNode().put("email", path);

    assertThatThrownBy(() -> FieldMapping.parse(config))
        .isInstanceOfSatisfying(
            MappingException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        new MappingProblem("email", "unparsable path '" + path + "': " + reason)));
  }
}
