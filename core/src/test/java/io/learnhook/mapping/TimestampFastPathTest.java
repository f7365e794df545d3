package io.learnhook.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-read common form of timestamps answers exactly as the formatter does, or stands aside. */
class TimestampFastPathTest {
  private static final String[] SEEDS = {
    "2026-01-05T14:03:22Z",
    "2026-01-05T14:03:22.123Z",
    "2026-01-05T14:03:22.123456789+02:00",
    "2026-01-05t14:03z",
    "2024-02-29T23:59:59.9-05:30",
    "2023-02-29T10:00:00Z",
    "2026-04-31T10:00:00Z",
    "2026-13-01T10:00:00Z",
    "2026-00-10T10:00:00Z",
    "2026-01-05T24:00:00Z",
    "2026-01-05T23:60:00Z",
    "2026-01-05T23:59:60Z",
    "2026-01-05T10:00:00+18:00",
    "2026-01-05T10:00:00-17:59",
    "2026-01-05T10:00:00-00:00",
    "2026-01-05T10:00:00+0200",
    "2026-01-05T10:00:00+02",
    "2026-01-05T10:00:00.1234567891Z",
    "2026-01-05T10:00:00.Z",
    "2026-01-05T10:00:00",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999-17:59",
    "+2026-01-05T10:00:00Z",
    "2026-1-05T10:00:00Z",
    "2026-01-05 10:00:00Z",
  };

  @Test
  void readsTheCommonFormExactlyAsTheFormatterDoes() {
    Random random = new Random(7);
    List<String> cases = new ArrayList<>(List.of(SEEDS));
    String alphabet = "0123456789-:T.tZz+ ";
    for (int i = 0; i < 20_000; i++) {
      char[] chars = SEEDS[random.nextInt(SEEDS.length)].toCharArray();
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && chars.length > 0; e++) {
        chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      cases.add(new String(chars));
    }
    int fast = 0;
    for (String text : cases) {
      Instant common = ValueType.commonForm(text);
      Object slow = outcome(() -> ValueType.viaFormatter(text, TextNode.valueOf(text)));
      Object both = outcome(() -> ValueType.instant(TextNode.valueOf(text)));
      assertThat(both).as(text).isEqualTo(slow);
      if (common != null) {
        fast++;
        // Read by hand, the formatter either agrees or refuses the year as unstorable.
        assertThat(slow instanceof Instant ? slow : common)
            .as(text)
            .isEqualTo(common);
      }
    }
    // The sweep must exercise the fast path, not only the fallback.
    assertThat(fast).isGreaterThan(1_000);
  }

  private static Object outcome(java.util.function.Supplier<Instant> parse) {
    Throwable failure = catchThrowable(parse::get);
    return failure == null ? parse.get() : failure.getClass() + ": " + failure.getMessage();
  }
}
