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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransformsTest {

  @Test
  void lowercasesText() {
    assertThat(
            mapping("{'email': {'path': 'user', 'transform': 'lowercase'}}")
                .apply(json("{'user': 'Ann.Lee@X.TEST', 'item_id': 'c'}"))
                .email())
        .isEqualTo("ann.lee@x.test");
  }

  @Test
  void lowercasesWithoutTheDefaultLocale() {
    // In a Turkish locale "I".toLowerCase() is a dotless ı; an email must not change that way.
    assertThat(mapWith("{'slug': {'path': 's', 'transform': 'lowercase'}}", "'s': 'INTRO'").slug())
        .contains("intro");
  }

  @Test
  void trimsSurroundingWhitespace() {
    assertThat(
            mapWith("{'slug': {'path': 's', 'transform': 'trim'}}", "'s': ' \\t intro \\u2003'")
                .slug())
        .contains("intro");
  }

  @ParameterizedTest
  @CsvSource({"mailto:ann@x.test", "MAILTO:ann@x.test", "MailTo:ann@x.test", "ann@x.test"})
  void stripsAMailtoPrefixInAnyCase(String mbox) {
    assertThat(
            mapping("{'email': {'path': 'actor.mbox', 'transform': 'strip_mailto'}}")
                .apply(json("{'actor': {'mbox': '" + mbox + "'}, 'item_id': 'c'}"))
                .email())
        .isEqualTo("ann@x.test");
  }

  @Test
  void appliesAListOfTransformsInOrder() {
    assertThat(
            mapping(
                    "{'email': {'path': 'mbox', 'transform': ['trim', 'strip_mailto',"
                        + " 'lowercase']}}")
                .apply(json("{'mbox': '  MAILTO:Ann@X.Test ', 'item_id': 'c'}"))
                .email())
        .isEqualTo("ann@x.test");
  }

  @ParameterizedTest
  @CsvSource({"0.955, 95.5", "'\"0.5\"', 50", "1, 100", "0, 0", "'\" 0.25 \"', 25"})
  void turnsAFractionIntoAPercentage(String fraction, String percent) {
    assertThat(
            mapWith(
                    "{'score': {'path': 'scaled', 'transform': 'percent_from_fraction'}}",
                    "'scaled': " + fraction)
                .score())
        .contains(new BigDecimal(percent));
  }

  @ParameterizedTest
  @CsvSource({
    "PT1H2M3S, 3723",
    "PT15.5S, 16",
    "PT15.4S, 15",
    "P1DT2H, 93600",
    "pt45m, 2700",
    "PT0S, 0"
  })
  void turnsAnIso8601DurationIntoSeconds(String duration, long seconds) {
    assertThat(
            mapWith(
                    "{'total_time': {'path': 'd', 'transform': 'seconds_from_iso8601_duration'}}",
                    "'d': '" + duration + "'")
                .totalTimeSeconds())
        .contains(seconds);
  }

  @Test
  void keepsTheFractionOfAnIso8601DurationForTheFieldToRound() {
    assertThat(
            mapWith(
                    "{'score': {'path': 'd', 'transform': 'seconds_from_iso8601_duration'}}",
                    "'d': 'PT15.25S'")
                .score())
        .contains(new BigDecimal("15.25"));
  }

  @ParameterizedTest
  @CsvSource({"P1Y", "P2M", "P2W", "90", "soon"})
  void refusesDurationsWithYearsOrMonthsOrNoDurationAtAll(String duration) {
    PayloadException e =
        refusalWith(
            "{'total_time': {'path': 'd', 'transform': 'seconds_from_iso8601_duration'}}",
            "'d': '" + duration + "'");

    assertThat(e.kind()).isEqualTo(PayloadException.Kind.INVALID);
    assertThat(e)
        .hasMessage(
            "total_time needs an ISO-8601 duration in days, hours, minutes and seconds, such as"
                + " \"PT1H2M3S\", for transform seconds_from_iso8601_duration: found \""
                + duration
                + "\" at 'd'");
  }

  @ParameterizedTest
  @CsvSource({"90500, 91", "90499, 90", "'\"1500\"', 2", "0, 0"})
  void turnsMillisecondsIntoSeconds(String millis, long seconds) {
    assertThat(
            mapWith(
                    "{'total_time': {'path': 'ms', 'transform': 'seconds_from_millis'}}",
                    "'ms': " + millis)
                .totalTimeSeconds())
        .contains(seconds);
  }

  @Test
  void refusesATextTransformOnAValueThatIsNotText() {
    PayloadException e =
        refusal(
            mapping("{'email': {'path': 'user.email', 'transform': 'lowercase'}}"),
            json("{'user': {'email': 42}, 'item_id': 'c'}"));

    assertThat(e.kind()).isEqualTo(PayloadException.Kind.INVALID);
    assertThat(e.field()).isEqualTo("email");
    assertThat(e.path()).isEqualTo("user.email");
    assertThat(e).hasMessage("email needs text for transform lowercase: found 42 at 'user.email'");
  }

  @Test
  void refusesANumberTransformOnTextThatIsNotANumber() {
    assertThat(
            refusalWith(
                "{'score': {'path': 'result.score', 'transform': 'percent_from_fraction'}}",
                "'result': {'score': 'high'}"))
        .hasMessage(
            "score needs a number for transform percent_from_fraction: found \"high\" at"
                + " 'result.score'");
  }

  @Test
  void showsTheValueBeforeTransformsWhenTheTransformedValueIsRefused() {
    assertThat(
            refusalWith(
                "{'score': {'path': 'result.score', 'transform': 'percent_from_fraction'}}",
                "'result': {'score': 5}"))
        .hasMessage(
            "score must be a number from 0 to 100: found 500 (5 before percent_from_fraction) at"
                + " 'result.score'");
  }

  @Test
  void passesBlankTextThroughNumberTransformsAsNothing() {
    assertThat(
            mapWith(
                    "{'score': {'path': 's', 'transform': 'percent_from_fraction', 'default': 0}}",
                    "'s': ''")
                .score())
        .contains(BigDecimal.ZERO);
  }

  @Test
  void refusesUnknownTransformsNamingTheKnownOnes() {
    assertThat(problems("{'score': {'path': 's', 'transform': ['trim', 'percent']}}").problems())
        .containsExactly(
            new MappingProblem(
                "score.transform",
                "unknown transform 'percent' (known: lowercase, trim, strip_mailto,"
                    + " percent_from_fraction, seconds_from_iso8601_duration,"
                    + " seconds_from_millis)"));
  }

  @Test
  void refusesTransformsThatAreNotNames() {
    assertThat(problems("{'score': {'path': 's', 'transform': {'name': 'trim'}}}").problems())
        .containsExactly(
            new MappingProblem("score.transform", "must be a transform name or a list of them"));
  }

  @Test
  void refusesAChainThatCanNeverWork() {
    assertThat(
            problems(
                    "{'total_time': {'path': 't', 'transform': ['seconds_from_millis', 'trim']},"
                        + " 'email': {'path': 'e', 'transform': 'seconds_from_millis'}}")
                .problems())
        .containsExactly(
            new MappingProblem(
                "total_time.transform",
                "trim needs text, but seconds_from_millis before it gives a number"),
            new MappingProblem(
                "email.transform", "seconds_from_millis gives a number, but email needs text"));
  }
}
