package io.learnhook.mapping;

import static io.learnhook.mapping.Mappings.json;
import static io.learnhook.mapping.Mappings.mapWith;
import static io.learnhook.mapping.Mappings.mapping;
import static io.learnhook.mapping.Mappings.refusal;
import static io.learnhook.mapping.Mappings.refusalWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoercionTest {

  // identifiers

  @ParameterizedTest
  @CsvSource({
    "68, 68",
    "68.0, 68",
    "1e3, 1000",
    "-4, -4",
    "12345678901234567890, 12345678901234567890"
  })
  void turnsWholeNumbersIntoPlainIdentifiers(String number, String id) {
    assertThat(mapWith("{'source_id': 'ext'}", "'ext': " + number).sourceId()).contains(id);
  }

  @Test
  void keepsTextIdentifiersAsTheyAre() {
    assertThat(mapWith("{'event_id': 'delivery'}", "'delivery': ' 007 '").eventId())
        .contains(" 007 ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {"68.5 | 68.5", "true | true", "{'a': 1} | an object", "[1] | an array"})
  void refusesIdentifiersThatAreNotTextOrWholeNumbers(String value, String shown) {
    PayloadException e =
        refusalWith("{'slug': 'course.slug'}", "'course': {'slug': " + value + "}");

    assertThat(e.kind()).isEqualTo(PayloadException.Kind.INVALID);
    assertThat(e.field()).isEqualTo("slug");
    assertThat(e.path()).isEqualTo("course.slug");
    assertThat(e)
        .hasMessage("slug must be text or a whole number: found " + shown + " at 'course.slug'");
  }

  @Test
  void refusesIdentifiersLongerThan255CharactersQuotingOnlyTheirStart() {
    String longId = "x".repeat(256);

    PayloadException e = refusalWith("{'event_id': 'id'}", "'id': '" + longId + "'");

    assertThat(e)
        .hasMessage(
            "event_id must be at most 255 characters: found \""
                + "x".repeat(8)
                + "…\" (256 characters) at 'id'");
    assertThat(mapWith("{'event_id': 'id'}", "'id': '" + "x".repeat(255) + "'").eventId())
        .contains("x".repeat(255));
  }

  @Test
  void treatsBlankIdentifiersAsMissing() {
    assertThat(mapWith("{'source_id': 'ext'}", "'ext': '  '").sourceId()).isEmpty();
  }

  @Test
  void quotesTextSoThatAMessageStaysOneLine() {
    assertThat(refusalWith("{'slug': 's'}", "'s': {'x': 1}, 'score': 'a\\nb'"))
        .hasMessageContaining("found an object at 's'");
    assertThat(refusalWith("{}", "'score': 'a\\nb'"))
        .hasMessage("score must be a number from 0 to 100: found \"a\\nb\" at 'score'");
  }

  // email

  @Test
  void refusesAnEmailThatIsNotText() {
    PayloadException e = refusal(mapping("{}"), json("{'email': 42, 'item_id': 'c'}"));

    assertThat(e.kind()).isEqualTo(PayloadException.Kind.INVALID);
    assertThat(e).hasMessage("email must be text: found 42 at 'email'");
  }

  @Test
  void acceptsEmailsUpTo320Characters() {
    String longest = "a".repeat(64) + "@" + "b".repeat(250) + ".test";
    assertThat(longest).hasSize(320);

    assertThat(mapping("{}").apply(json("{'email': '" + longest + "', 'item_id': 'c'}")).email())
        .isEqualTo(longest);
    assertThat(refusal(mapping("{}"), json("{'email': 'x" + longest + "', 'item_id': 'c'}")))
        .hasMessageStartingWith("email must be at most 320 characters: found \"xaaa");
  }

  // result

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {"'PASS' | PASS", "true | true", "false | false", "1 | 1", "95.50 | 95.5", "2.0 | 2"})
  void keepsResultsAsText(String value, String text) {
    assertThat(mapWith("{'result': 'outcome'}", "'outcome': " + value).result()).contains(text);
  }

  @Test
  void refusesAResultThatIsAnObject() {
    assertThat(refusalWith("{'result': 'outcome'}", "'outcome': {'passed': true}"))
        .hasMessage("result must be text, a number or a boolean: found an object at 'outcome'");
  }

  @Test
  void treatsAnEmptyResultAsMissing() {
    assertThat(mapWith("{'result': 'outcome'}", "'outcome': ''").result()).isEmpty();
  }

  // score

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "95 | 95",
        "'95' | 95",
        "' 95.5 ' | 95.5",
        "95.50 | 95.5",
        "0 | 0",
        "100 | 100",
        "1e2 | 100",
        "'0.85' | 0.85"
      })
  void readsScoresFromNumbersAndNumericText(String value, String score) {
    assertThat(mapWith("{'score': 'result.score'}", "'result': {'score': " + value + "}").score())
        .contains(new BigDecimal(score));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "'abc' | \"abc\"",
        "100.5 | 100.5",
        "-1 | -1",
        "true | true",
        "'NaN' | \"NaN\"",
        "'٩٥' | \"٩٥\"",
        "'1e-999999999' | \"1e-999999999\""
      })
  void refusesScoresThatAreNotNumbersFrom0To100(String value, String shown) {
    PayloadException e =
        refusalWith("{'score': 'result.score'}", "'result': {'score': " + value + "}");

    assertThat(e.kind()).isEqualTo(PayloadException.Kind.INVALID);
    assertThat(e.field()).isEqualTo("score");
    assertThat(e.path()).isEqualTo("result.score");
    assertThat(e)
        .hasMessage("score must be a number from 0 to 100: found " + shown + " at 'result.score'");
  }

  @Test
  void treatsABlankScoreAsMissing() {
    assertThat(mapWith("{'score': 's'}", "'s': ' '").score()).isEmpty();
  }

  // total_time

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {"90 | 90", "'90' | 90", "90.5 | 91", "90.4 | 90", "0.5 | 1", "0 | 0"})
  void readsSecondsRoundingHalfUp(String value, long seconds) {
    assertThat(mapWith("{'total_time': 't'}", "'t': " + value).totalTimeSeconds())
        .contains(seconds);
  }

  @Test
  void refusesNegativeTimes() {
    assertThat(refusalWith("{'total_time': 't'}", "'t': -0.4"))
        .hasMessage("total_time must not be negative: found -0.4 at 't'");
  }

  @Test
  void refusesTimesThatAreNotNumbers() {
    assertThat(refusalWith("{'total_time': 't'}", "'t': '1h'"))
        .hasMessage("total_time must be a number of seconds: found \"1h\" at 't'");
  }

  @Test
  void refusesTimesBeyondWhatALongHolds() {
    assertThat(refusalWith("{'total_time': 't'}", "'t': 1e30"))
        .hasMessage("total_time must be at most 9223372036854775807 seconds: found 1.0E30 at 't'");
  }

  // completed_at

  @ParameterizedTest
  @CsvSource({
    "2024-01-01T10:00:00Z, 2024-01-01T10:00:00Z",
    "2024-01-01t10:00:00z, 2024-01-01T10:00:00Z",
    "2024-01-01T12:00:00+02:00, 2024-01-01T10:00:00Z",
    "2024-01-01T12:00:00+0200, 2024-01-01T10:00:00Z",
    "2024-01-01T05:00:00-05, 2024-01-01T10:00:00Z",
    "2024-01-01T10:00Z, 2024-01-01T10:00:00Z",
    "2024-01-01T10:00:00.123456789Z, 2024-01-01T10:00:00.123456789Z"
  })
  void readsCompletionTimesWithAnyOffset(String text, String instant) {
    assertThat(mapWith("{'completed_at': 'at'}", "'at': '" + text + "'").completedAt())
        .contains(Instant.parse(instant));
  }

  @Test
  void refusesACompletionTimeWithoutAnOffset() {
    PayloadException e = refusalWith("{}", "'completed_at': '2024-01-01T10:00:00'");

    assertThat(e.kind()).isEqualTo(PayloadException.Kind.INVALID);
    assertThat(e.path()).isEqualTo("completed_at");
    assertThat(e)
        .hasMessage(
            "completed_at needs a time zone offset: found \"2024-01-01T10:00:00\" at"
                + " 'completed_at'");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "1704103200 | 1704103200",
        "'2024-01-01' | \"2024-01-01\"",
        "'2024-01-01T10:00:00.1234567891Z' | \"2024-01-01T10:00:00.1234567891Z\"",
        "'2024-02-30T10:00:00Z' | \"2024-02-30T10:00:00Z\"",
        "'yesterday' | \"yesterday\""
      })
  void refusesCompletionTimesThatAreNotIsoDateTimes(String value, String shown) {
    assertThat(refusalWith("{'completed_at': 'at'}", "'at': " + value))
        .hasMessage(
            "completed_at must be an ISO-8601 date-time with a time zone offset, such as"
                + " \"2024-01-01T10:00:00Z\": found "
                + shown
                + " at 'at'");
  }

  // required fields

  @Test
  void requiresAnEmailSayingWhereItLooked() {
    PayloadException e = refusal(mapping("{'email': 'user.email'}"), json("{'item_id': 'c'}"));

    assertThat(e.kind()).isEqualTo(PayloadException.Kind.MISSING);
    assertThat(e.field()).isEqualTo("email");
    assertThat(e.path()).isEqualTo("user.email");
    assertThat(e).hasMessage("email is missing: nothing at 'user.email'");
  }

  @Test
  void saysWhatWasFoundWhenTheEmailIsBlank() {
    assertThat(refusal(mapping("{}"), json("{'email': ' ', 'item_id': 'c'}")))
        .hasMessage("email is missing: found \" \" at 'email'");
  }

  @Test
  void requiresAnItemIdentifierListingEveryPathTried() {
    PayloadException e =
        refusal(
            mapping("{'item_id': 'course.id'}"),
            json("{'email': 'ann@x.test', 'course': {}, 'slug': ''}"));

    assertThat(e.kind()).isEqualTo(PayloadException.Kind.MISSING);
    assertThat(e.field()).isEqualTo("item_id, source_id, slug");
    assertThat(e.path()).isEqualTo("course.id, source_id, slug");
    assertThat(e)
        .hasMessage(
            "item_id, source_id and slug are all missing: item_id nothing at 'course.id';"
                + " source_id nothing at 'source_id'; slug found \"\" at 'slug'");
  }

  @Test
  void needsOnlyOneItemIdentifier() {
    MappedFields fields = mapping("{}").apply(json("{'email': 'ann@x.test', 'slug': 'intro'}"));

    assertThat(fields.slug()).contains("intro");
    assertThat(fields.itemId()).isEmpty();
    assertThat(fields.sourceId()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "'text'", "42", "null"})
  void refusesPayloadsThatAreNotObjects(String payload) {
    PayloadException e = refusal(mapping("{}"), json(payload));

    assertThat(e.kind()).isEqualTo(PayloadException.Kind.INVALID);
    assertThat(e).hasMessage("payload must be a JSON object");
  }

  @Test
  void refusesNoPayloadAtAll() {
    assertThat(refusal(mapping("{}"), null)).hasMessage("payload must be a JSON object");
  }

  @Test
  void mapsEveryFieldOfAFullPayload() {
    MappedFields fields =
        mapping(
                "{'email': 'actor.mbox', 'item_id': 'object.id', 'source_id': 'object.ext', 'slug':"
                    + " 'object.slug', 'result': 'result.status', 'total_time': 'result.secs',"
                    + " 'score': 'result.score', 'completed_at': 'timestamp', 'event_id': 'id'}")
            .apply(
                json(
                    "{'id': 'evt-1', 'timestamp': '2024-05-01T08:30:00Z',"
                        + " 'actor': {'mbox': 'ann@x.test'},"
                        + " 'object': {'id': 12, 'ext': 'ext-12', 'slug': 'intro'},"
                        + " 'result': {'status': 'PASS', 'secs': 600, 'score': 91}}"));

    assertThat(fields)
        .isEqualTo(
            new MappedFields(
                "ann@x.test",
                java.util.Optional.of("12"),
                java.util.Optional.of("ext-12"),
                java.util.Optional.of("intro"),
                java.util.Optional.of("PASS"),
                java.util.Optional.of(600L),
                java.util.Optional.of(new BigDecimal("91")),
                java.util.Optional.of(Instant.parse("2024-05-01T08:30:00Z")),
                java.util.Optional.of("evt-1")));
  }
}
