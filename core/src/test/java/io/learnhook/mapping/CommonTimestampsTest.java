package io.learnhook.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written reading of common timestamps changes nothing: on every text, completion times
 * are read exactly as the ISO-8601 formatter alone reads them, the same instant or the same
 * refusal.
 */
class CommonTimestampsTest {

  /** The instant, or the refusal's message. */
  private static String outcome(String text, boolean shortcut) {
    try {
      Instant instant = ValueType.instant(TextNode.valueOf(text), shortcut);
      return String.valueOf(instant);
    } catch (ValueException e) {
      return "refused: " + e.getMessage();
    }
  }

  @Test
  void readsTimestampsExactlyAsTheFormatterOverTwentyThousandTexts() {
    Random random = new Random(20261205);
    int shortcut = 0;
    for (int i = 0; i < 20_000; i++) {
      String text = timestamp(random);
      assertThat(outcome(text, true)).as(text).isEqualTo(outcome(text, false));
      if (CommonTimestamps.parse(text) != null) {
        shortcut++;
      }
    }
    // Thousands of texts must take the shortcut, or the comparison proves little about it.
    assertThat(shortcut).isGreaterThan(3_000);
  }

  @Test
  void readsTheFormsSendersWrite() {
    assertThat(CommonTimestamps.parse("2024-05-14T16:02:11.5+02:00"))
        .isEqualTo(Instant.parse("2024-05-14T14:02:11.500Z"));
    assertThat(CommonTimestamps.parse("2015-04-28t14:36:24z"))
        .isEqualTo(Instant.parse("2015-04-28T14:36:24Z"));
    assertThat(CommonTimestamps.parse("2024-02-29T23:59:59.123456789-05:30"))
        .isEqualTo(Instant.parse("2024-03-01T05:29:59.123456789Z"));
  }

  @Test
  void leavesEverythingElseToTheFormatter() {
    for (String text :
        new String[] {
          "2024-05-14T16:02:11", "2024-05-14T16:02:11+0200", "2024-05-14T16:02:11+02",
          "2024-05-14T16:02Z", "2023-02-29T00:00:00Z", "2024-05-14T16:02:11+18:00",
          "2024-05-14T16:02:11.Z", "2024-05-14T16:02:11.1234567891Z", "2024-05-14 16:02:11Z",
          "+12024-05-14T16:02:11Z", "2024-05-14T24:00:00Z"
        }) {
      assertThat(CommonTimestamps.parse(text)).as(text).isNull();
    }
  }

  /** A timestamp of the common form, often bent out of it in one place. */
  private static String timestamp(Random random) {
    StringBuilder text = new StringBuilder();
    text.append(
        pick(random, "2024", "1999", "0000", "9999", "2023", "2000", "1900", "0001", "12024"));
    text.append(random.nextInt(20) == 0 ? "/" : "-").append(two(random, 14)).append('-');
    text.append(two(random, 33));
    text.append(pick(random, "T", "T", "T", "T", "t", " ", "Tx"));
    text.append(two(random, 25)).append(':').append(two(random, 61));
    if (random.nextInt(15) != 0) {
      text.append(':').append(two(random, 62));
    }
    switch (random.nextInt(6)) {
      case 0 -> text.append('.');
      case 1, 2 -> {
        text.append('.');
        int digits = 1 + random.nextInt(11);
        for (int d = 0; d < digits; d++) {
          text.append(random.nextInt(10));
        }
      }
      default -> {}
    }
    switch (random.nextInt(10)) {
      case 0 -> {}
      case 1 -> text.append('z');
      case 2, 3, 4 -> text.append('Z');
      case 5 ->
          text.append(random.nextBoolean() ? '+' : '-')
              .append(two(random, 20))
              .append(two(random, 61));
      case 6 -> text.append(random.nextBoolean() ? '+' : '-').append(two(random, 20));
      default ->
          text.append(random.nextBoolean() ? '+' : '-')
              .append(two(random, 20))
              .append(':')
              .append(two(random, 61));
    }
    if (random.nextInt(12) == 0) {
      int at = random.nextInt(text.length());
      text.setCharAt(at, pick(random, "x", "0", "9", ":", "-", "+", "Z", " ", "١").charAt(0));
    }
    if (random.nextInt(30) == 0) {
      text.append(pick(random, " ", "Z", "0", ":00"));
    }
    return text.toString();
  }

  private static String two(Random random, int bound) {
    int value =
        random.nextInt(3) == 0 ? random.nextInt(bound) : random.nextInt(Math.min(bound, 29));
    return value < 10 ? "0" + value : Integer.toString(value);
  }

  private static String pick(Random random, String... options) {
    return options[random.nextInt(options.length)];
  }
}
