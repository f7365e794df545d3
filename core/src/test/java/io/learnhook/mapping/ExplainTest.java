package io.learnhook.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.mapping.FieldMapping.FieldExplanation;
import io.learnhook.mapping.FieldMapping.FieldExplanation.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static FieldExplanation of(List<FieldExplanation> all, Field field) {
    return all.get(field.ordinal());
  }

  @Test
  void showsTheRawValueEachTransformsResultAndTheCoercedValue() throws Exception {
    FieldMapping mapping =
        FieldMapping.parse(
            "{\"email\":{\"path\":\"actor.mbox\",\"transform\":[\"strip_mailto\",\"lowercase\"]},\"slug\":\"s\"}");

    FieldExplanation email =
        of(
            mapping.explain(json("{\"actor\":{\"mbox\":\"mailto:Ann@X.test\"},\"s\":\"a\"}")),
            Field.EMAIL);

    assertThat(email.source()).isEqualTo("actor.mbox");
    assertThat(email.fallback()).isFalse();
    assertThat(email.found()).contains(json("\"mailto:Ann@X.test\""));
    assertThat(email.steps())
        .extracting(FieldExplanation.Step::transform, s -> s.result().asText())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("strip_mailto", "Ann@X.test"),
            org.assertj.core.groups.Tuple.tuple("lowercase", "ann@x.test"));
    assertThat(email.outcome()).isEqualTo(Outcome.FOUND);
    assertThat(email.value()).contains(json("\"ann@x.test\""));
    assertThat(email.toJson().toString())
        .isEqualTo(
            "{\"from\":\"actor.mbox\",\"found\":\"mailto:Ann@X.test\",\"steps\":[{\"strip_mailto\":\"Ann@X.test\"},"
                + "{\"lowercase\":\"ann@x.test\"}],\"outcome\":\"found\",\"value\":\"ann@x.test\"}");
  }

  @Test
  void saysWhyAFieldHasNoValue() throws Exception {
    FieldMapping mapping = FieldMapping.parse("{\"email\":\"user.email\",\"slug\":\"s\"}");

    List<FieldExplanation> all = mapping.explain(json("{\"s\":\"\"}"));

    assertThat(of(all, Field.EMAIL).outcome()).isEqualTo(Outcome.MISSING);
    assertThat(of(all, Field.EMAIL).note()).contains("nothing at 'user.email'");
    assertThat(of(all, Field.SLUG).outcome()).isEqualTo(Outcome.MISSING);
    assertThat(of(all, Field.SLUG).note()).contains("found \"\" at 's'");
    assertThat(of(all, Field.SCORE).fallback()).isTrue();
    assertThat(of(all, Field.SCORE).source()).isEqualTo("score");
  }

  @Test
  void saysWhenTheDefaultIsUsed() throws Exception {
    FieldMapping mapping = FieldMapping.parse("{\"score\":{\"path\":\"r.s\",\"default\":0}}");

    FieldExplanation score = of(mapping.explain(json("{}")), Field.SCORE);

    assertThat(score.outcome()).isEqualTo(Outcome.DEFAULTED);
    assertThat(score.value())
        .hasValueSatisfying(v -> assertThat(v.decimalValue()).isEqualByComparingTo("0"));
    assertThat(score.note()).contains("nothing at 'r.s'; the default is used");
  }

  @Test
  void givesTheSameMessageAsRecordingForAnUnusableValue() throws Exception {
    FieldMapping mapping =
        FieldMapping.parse(
            "{\"email\":\"e\",\"slug\":\"s\",\"score\":{\"path\":\"sc\",\"transform\":\"percent_from_fraction\"}}");
    JsonNode payload = json("{\"e\":\"a@x.test\",\"s\":\"x\",\"sc\":5}");

    FieldExplanation score = of(mapping.explain(payload), Field.SCORE);

    assertThat(score.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(score.steps())
        .singleElement()
        .satisfies(s -> assertThat(s.result().intValue()).isEqualTo(500));
    assertThatThrownBy(() -> mapping.apply(payload)).hasMessage(score.note().orElseThrow());
  }

  @Test
  void agreesWithApplyOnEveryRealWorldFixture() throws Exception {
    for (String sender :
        List.of(
            "lessonly-reporting",
            "xapi-statement",
            "canvas-course-completed",
            "h5p-xapi-completed")) {
      FieldMapping mapping =
          FieldMapping.parse(
              JSON.readTree(getClass().getResource("/payloads/" + sender + "/mapping.json")));
      JsonNode payload =
          JSON.readTree(getClass().getResource("/payloads/" + sender + "/payload.json"));
      JsonNode applied = mapping.apply(payload).toJson();

      for (FieldExplanation field : mapping.explain(payload)) {
        assertThat(field.value().map(v -> v.asText()))
            .as("%s %s", sender, field.field())
            .isEqualTo(
                java.util.Optional.ofNullable(applied.get(field.field().key()))
                    .map(JsonNode::asText));
      }
    }
  }
}
