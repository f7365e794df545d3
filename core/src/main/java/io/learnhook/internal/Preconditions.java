package io.learnhook.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Argument checks shared by the value types' compact constructors. Not API. */
public final class Preconditions {
  /** Longest identifier any column accepts (DESIGN: identifiers up to 255 characters). */
  public static final int MAX_ID_LENGTH = 255;

  /**
   * The character no stored text may hold: PostgreSQL refuses U+0000 in text, so every store
   * refuses it alike.
   */
  public static final char NUL = '\u0000';

  /** The earliest time every supported database keeps (MySQL's DATETIME starts at year 1000). */
  public static final Instant EARLIEST_INSTANT = Instant.parse("1000-01-01T00:00:00Z");

  /** The latest time every supported database keeps (MySQL's DATETIME ends with year 9999). */
  public static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

  private Preconditions() {}

  /** Returns {@code value} when it is neither null nor blank, and holds no NUL character. */
  public static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return requireNoNul(value, name);
  }

  /**
   * Returns {@code value} when it is non-blank text of at most {@value #MAX_ID_LENGTH} characters
   * without the NUL character.
   */
  public static String requireId(String value, String name) {
    requireText(value, name);
    if (value.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          name + " must be at most " + MAX_ID_LENGTH + " characters");
    }
    return requireNoNul(value, name);
  }

  /**
   * Returns {@code value} when it does not hold the NUL character (U+0000), which no store keeps.
   */
  public static String requireNoNul(String value, String name) {
    if (value != null && value.indexOf(NUL) >= 0) {
      throw new IllegalArgumentException(name + " must not contain the NUL character (U+0000)");
    }
    return value;
  }

  /**
   * Returns {@code instant} when every supported database can store it: from {@link
   * #EARLIEST_INSTANT} to {@link #LATEST_INSTANT}.
   */
  public static Instant requireStorable(Instant instant, String name) {
    Objects.requireNonNull(instant, name);
    if (instant.isBefore(EARLIEST_INSTANT) || instant.isAfter(LATEST_INSTANT)) {
      throw new IllegalArgumentException(name + " must be in the years 1000 to 9999 (UTC)");
    }
    return instant;
  }

  /**
   * {@code text} cut to at most {@code max} characters, never between a surrogate pair's halves.
   */
  public static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  /** {@code instant} kept to the microsecond, as every store keeps it. */
  public static Instant micros(Instant instant, String name) {
    return Objects.requireNonNull(instant, name).truncatedTo(ChronoUnit.MICROS);
  }
}
