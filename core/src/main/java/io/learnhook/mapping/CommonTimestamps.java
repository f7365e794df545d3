package io.learnhook.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the timestamps senders nearly always write, {@code 2024-05-14T16:02:11Z}, {@code
 * 2024-05-14T16:02:11.5+02:00}, by hand: the general ISO-8601 formatter copies its parse state for
 * each optional section, and was the largest single cost of mapping a payload. Anything else (no
 * offset, {@code +0200}, {@code +02}, no seconds, an offset of 18 hours, a day the month lacks, …)
 * answers {@code null} and is left to the formatter, so that what is accepted, refused and said
 * stays exactly the formatter's (CommonTimestampsTest compares both on many thousand texts).
 */
final class CommonTimestamps {
  private static final int[] SCALE = {
    0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private CommonTimestamps() {}

  /**
   * {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)}, {@code T} and {@code Z} in either case; else
   * null.
   */
  static Instant parse(String text) {
    int n = text.length();
    if (n < 20 || n > 35) {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    char t = text.charAt(10);
    if (t != 'T' && t != 't') {
      return null;
    }
    int at = 19;
    int nano = 0;
    if (text.charAt(at) == '.') {
      int start = ++at;
      while (at < n && at - start < 9 && isDigit(text.charAt(at))) {
        nano = nano * 10 + (text.charAt(at) - '0');
        at++;
      }
      int length = at - start;
      if (length == 0 || at < n && isDigit(text.charAt(at))) {
        return null;
      }
      nano *= SCALE[length];
    }
    if (at >= n) {
      return null;
    }
    int offset;
    char sign = text.charAt(at);
    if ((sign == 'Z' || sign == 'z') && at + 1 == n) {
      offset = 0;
    } else if ((sign == '+' || sign == '-') && at + 6 == n && text.charAt(at + 3) == ':') {
      int hours = digits(text, at + 1, 2);
      int minutes = digits(text, at + 4, 2);
      if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
        return null;
      }
      offset = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    } else {
      return null;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null; // 30 February and the like: the formatter says why
    }
    return Instant.ofEpochSecond(
        epochDay * 86_400 + hour * 3600 + minute * 60 + second - offset, nano);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The number of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
