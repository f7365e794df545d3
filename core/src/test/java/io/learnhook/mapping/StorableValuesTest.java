package io.learnhook.mapping;

import static io.learnhook.mapping.Mappings.json;
import static io.learnhook.mapping.Mappings.mapWith;
import static io.learnhook.mapping.Mappings.mapping;
import static io.learnhook.mapping.Mappings.refusal;
import static io.learnhook.mapping.Mappings.refusalWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values every store can keep: no NUL character (PostgreSQL refuses U+0000 in text) and times in
 * the years 1000 to 9999 (MySQL's DATETIME). Refused alike whatever the store, naming the field.
 */
class StorableValuesTest {

  @ParameterizedTest
  @ValueSource(strings = {"item_id", "source_id", "slug", "event_id", "result"})
  void refusesTextHoldingANulCharacterNamingTheFieldAndPath(String field) {
    PayloadException e = refusalWith("{'" + field + "': 'x.v'}", "'x': {'v': 'ab\\u0000cd'}");

    assertThat(e.field()).isEqualTo(field);
    assertThat(e.path()).isEqualTo("x.v");
    assertThat(e)
        .hasMessage(
            field + " must not contain the NUL character (U+0000): found \"ab\\u0000cd\" at 'x.v'");
  }

  @Test
  void refusesAnEmailHoldingANulCharacter() {
    PayloadException e =
        refusal(
            mapping("{'email': 'user.email'}"),
            json("{'user': {'email': 'ann\\u0000@acme.test'}, 'item_id': 'i1'}"));

    assertThat(e.field()).isEqualTo("email");
    assertThat(e.getMessage()).startsWith("email must not contain the NUL character (U+0000)");
  }

  @Test
  void keepsEmojiRightToLeftTextAndCombiningMarksExactly() {
    String value = "مرحبا 🎓 n\u0303 ‮evil‬ '; DROP TABLE x; --";

    assertThat(mapWith("{'source_id': 'v'}", "'v': '" + value.replace("'", "\\'") + "'").sourceId())
        .contains(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"})
  void refusesCompletionTimesNoStoreCanKeep(String time) {
    PayloadException e = refusalWith("{'completed_at': 'at'}", "'at': '" + time + "'");

    assertThat(e.field()).isEqualTo("completed_at");
    assertThat(e.getMessage()).startsWith("completed_at must be in the years 1000 to 9999 (UTC)");
  }

  @Test
  void acceptsTheFirstAndLastStorableYears() {
    assertThat(mapWith("{'completed_at': 'at'}", "'at': '1000-01-01T00:00:00Z'").completedAt())
        .contains(Instant.parse("1000-01-01T00:00:00Z"));
    assertThat(mapWith("{'completed_at': 'at'}", "'at': '9999-12-31T23:59:59Z'").completedAt())
        .contains(Instant.parse("9999-12-31T23:59:59Z"));
  }
}
