package io.learnhook.mapping;

import static io.learnhook.mapping.Mappings.json;
import static io.learnhook.mapping.Mappings.mapWith;
import static io.learnhook.mapping.Mappings.mapping;
import static io.learnhook.mapping.Mappings.problems;
import static io.learnhook.mapping.Mappings.refusal;
import static io.learnhook.mapping.Mappings.refusalWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.mapping.MappingException.MappingProblem;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DefaultsAndFallbackTest {

  // defaults

  @Test
  void usesTheDefaultWhenThePathFindsNothing() {
    assertThat(
            mapWith("{'result': {'path': 'outcome.status', 'default': 'PASS'}}", "'x': 1").result())
        .contains("PASS");
  }

  @Test
  void usesTheDefaultForJsonNullAndBlankText() {
    String mapping = "{'result': {'path': 'status', 'default': 'PASS'}}";

    assertThat(mapWith(mapping, "'status': null").result()).contains("PASS");
    assertThat(mapWith(mapping, "'status': '  '").result()).contains("PASS");
    assertThat(mapWith(mapping, "'status': 'FAIL'").result()).contains("FAIL");
  }

  @Test
  void doesNotTransformTheDefault() {
    assertThat(
            mapWith(
                    "{'score': {'path': 'scaled', 'transform': 'percent_from_fraction', 'default':"
                        + " 50}}",
                    "'x': 1")
                .score())
        .contains(new BigDecimal("50"));
  }

  @Test
  void coercesTheDefaultLikeAFoundValue() {
    MappedFields fields =
        mapWith(
            "{'source_id': {'path': 'ext', 'default': 68.0}, 'score': {'path': 's', 'default':"
                + " '95.50'}}",
            "'x': 1");

    assertThat(fields.sourceId()).contains("68");
    assertThat(fields.score()).contains(new BigDecimal("95.5"));
  }

  @Test
  void letsADefaultItemIdentifierSatisfyTheRequirement() {
    assertThat(
            mapping("{'slug': {'path': 'course', 'default': 'general'}}")
                .apply(json("{'email': 'ann@x.test'}"))
                .slug())
        .contains("general");
  }

  @Test
  void refusesDefaultsTheFieldCouldNotUse() {
    assertThat(
            problems(
                    "{'score': {'path': 's', 'default': 'abc'},"
                        + " 'completed_at': {'path': 'at', 'default': '2024-01-01T10:00:00'},"
                        + " 'email': {'path': 'e', 'default': ''},"
                        + " 'result': {'path': 'r', 'default': {'passed': true}},"
                        + " 'slug': {'path': 'sl', 'default': null}}")
                .problems())
        .containsExactly(
            new MappingProblem("score.default", "must be a number from 0 to 100: found \"abc\""),
            new MappingProblem(
                "completed_at.default", "needs a time zone offset: found \"2024-01-01T10:00:00\""),
            new MappingProblem("email.default", "must not be empty"),
            new MappingProblem("result.default", "must be a string, number or boolean"),
            new MappingProblem("slug.default", "must be a string, number or boolean"));
  }

  // same-name fallback

  @Test
  void fallsBackToTheTopLevelKeyOfTheSameName() {
    MappedFields fields =
        mapping("{'email': 'user.email'}")
            .apply(
                json(
                    "{'user': {'email': 'ann@x.test'}, 'item_id': 68, 'score': '88',"
                        + " 'completed_at': '2024-01-01T10:00:00+01:00', 'result': true}"));

    assertThat(fields.itemId()).contains("68");
    assertThat(fields.score()).contains(new BigDecimal("88"));
    assertThat(fields.completedAt()).contains(java.time.Instant.parse("2024-01-01T09:00:00Z"));
    assertThat(fields.result()).contains("true");
  }

  @Test
  void passesOverAnObjectUnderTheFieldsOwnName() {
    MappedFields fields =
        mapping("{}")
            .apply(
                json(
                    "{'email': 'ann@x.test', 'item_id': 'c', 'result': {'status': 'PASS'},"
                        + " 'score': [90, 95]}"));

    assertThat(fields.result()).isEmpty();
    assertThat(fields.score()).isEmpty();
  }

  @Test
  void saysNothingWasFoundWhenTheSameNameHoldsAnObject() {
    PayloadException e =
        refusal(mapping("{}"), json("{'email': {'work': 'ann@x.test'}, 'slug': 's'}"));

    assertThat(e.kind()).isEqualTo(PayloadException.Kind.MISSING);
    assertThat(e).hasMessage("email is missing: nothing at 'email'");
  }

  @Test
  void namesTheFieldAsThePathOfAFallbackValue() {
    PayloadException e = refusalWith("{}", "'score': 'abc'");

    assertThat(e.path()).isEqualTo("score");
    assertThat(e).hasMessage("score must be a number from 0 to 100: found \"abc\" at 'score'");
  }

  @Test
  void doesNotFallBackForAFieldTheMappingNames() {
    assertThat(mapWith("{'score': 'result.score'}", "'score': 90").score()).isEmpty();
  }

  @Test
  void readsEverythingFromTheSameNamesWithAnEmptyMapping() {
    assertThat(
            mapping("{}")
                .apply(json("{'email': 'ann@x.test', 'source_id': 'ext-1', 'event_id': 7}"))
                .eventId())
        .contains("7");
  }
}
