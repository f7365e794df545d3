package io.learnhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnhook.internal.Preconditions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * What a field's value must become, and the coercion that gets it there. A coercion returns {@code
 * null} when the value counts as absent (blank text) and throws {@link ValueException} when it
 * cannot be used.
 */
enum ValueType {
  /** {@code email}: text only. */
  EMAIL,
  /** {@code item_id}, {@code source_id}, {@code slug}, {@code event_id}: text or a whole number. */
  IDENTIFIER,
  /** {@code result}: text, a number or a boolean, kept as text. */
  TEXT,
  /** {@code score}: a number from 0 to 100. */
  SCORE,
  /** {@code total_time}: a non-negative number of seconds, rounded to whole seconds. */
  SECONDS,
  /** {@code completed_at}: an ISO-8601 date-time with an offset. */
  INSTANT;

  /** Longest email the user directory can hold (RFC 5321: 64 + 1 + 255). */
  static final int MAX_EMAIL_LENGTH = 320;

  static final String NEEDS_TIMESTAMP =
      "must be an ISO-8601 date-time with a time zone offset, such as \"2024-01-01T10:00:00Z\"";
  static final String NEEDS_OFFSET = "needs a time zone offset";
  static final String NEEDS_STORABLE_YEAR = "must be in the years 1000 to 9999 (UTC)";

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /**
   * Numbers whose scale goes beyond this are refused: they mean nothing here, and rounding {@code
   * 1e-999999999} would take minutes.
   */
  private static final int MAX_SCALE = 1000;

  /** Numeric text longer than this is not a number anyone sends on purpose. */
  private static final int MAX_NUMBER_LENGTH = 100;

  /**
   * ISO-8601 date-time; the offset is optional here only so that its absence can be told apart from
   * garbage, and may be written {@code Z}, {@code +02:00}, {@code +0200} or {@code +02}.
   */
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMMss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  static ValueType of(Field field) {
    return switch (field) {
      case EMAIL -> EMAIL;
      case ITEM_ID, SOURCE_ID, SLUG, EVENT_ID -> IDENTIFIER;
      case RESULT -> TEXT;
      case SCORE -> SCORE;
      case TOTAL_TIME -> SECONDS;
      case COMPLETED_AT -> INSTANT;
    };
  }

  /**
   * Whether a number can ever become a value of this type (so a transform giving one is no use).
   */
  boolean acceptsNumbers() {
    return this != EMAIL && this != INSTANT;
  }

  /**
   * The value as this type: a {@code String}, {@code BigDecimal}, {@code Long} or {@code Instant};
   * {@code null} when it counts as absent.
   *
   * @throws ValueException when the value cannot be used
   */
  Object coerce(JsonNode value) {
    return switch (this) {
      case EMAIL -> email(value);
      case IDENTIFIER -> identifier(value);
      case TEXT -> text(value);
      case SCORE -> score(value);
      case SECONDS -> seconds(value);
      case INSTANT -> instant(value);
    };
  }

  private static String email(JsonNode value) {
    if (!value.isTextual()) {
      throw new ValueException("must be text", value);
    }
    return limited(value.textValue(), MAX_EMAIL_LENGTH, value);
  }

  private static String identifier(JsonNode value) {
    String text = value.isTextual() ? value.textValue() : wholeNumber(value);
    if (text == null) {
      throw new ValueException("must be text or a whole number", value);
    }
    return limited(text, Preconditions.MAX_ID_LENGTH, value);
  }

  private static String text(JsonNode value) {
    String text;
    if (value.isTextual()) {
      text = value.textValue();
    } else if (value.isBoolean()) {
      text = value.booleanValue() ? "true" : "false";
    } else if (value.isNumber()) {
      text = wholeNumber(value);
      if (text == null) {
        BigDecimal decimal = decimal(value);
        text = decimal == null ? value.asText() : normalized(decimal).toPlainString();
      }
    } else {
      throw new ValueException("must be text, a number or a boolean", value);
    }
    return limited(text, Preconditions.MAX_ID_LENGTH, value);
  }

  private static BigDecimal score(JsonNode value) {
    if (isBlankText(value)) {
      return null;
    }
    BigDecimal score = decimal(value);
    if (score == null || score.signum() < 0 || score.compareTo(HUNDRED) > 0) {
      throw new ValueException("must be a number from 0 to 100", value);
    }
    return normalized(score);
  }

  private static Long seconds(JsonNode value) {
    if (isBlankText(value)) {
      return null;
    }
    BigDecimal seconds = decimal(value);
    if (seconds == null) {
      throw new ValueException("must be a number of seconds", value);
    }
    if (seconds.signum() < 0) {
      throw new ValueException("must not be negative", value);
    }
    try {
      return seconds.setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (ArithmeticException e) {
      throw new ValueException("must be at most " + Long.MAX_VALUE + " seconds", value);
    }
  }

  /** An instant from ISO-8601 text with an offset; {@code null} for blank text. */
  static Instant instant(JsonNode value) {
    return instant(value, true);
  }

  /**
   * {@link #instant(JsonNode)}, with or without {@link CommonTimestamps}' shortcut; the shortcut's
   * differential test compares the two.
   */
  static Instant instant(JsonNode value, boolean shortcut) {
    if (!value.isTextual()) {
      throw new ValueException(NEEDS_TIMESTAMP, value);
    }
    String text = value.textValue();
    if (text.isBlank()) {
      return null;
    }
    Instant common = shortcut ? CommonTimestamps.parse(text) : null;
    if (common != null) {
      return storable(common, value);
    }
    TemporalAccessor parsed;
    try {
      parsed = TIMESTAMP.parse(text);
    } catch (DateTimeException e) {
      throw new ValueException(NEEDS_TIMESTAMP, value);
    }
    if (!parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
      throw new ValueException(NEEDS_OFFSET, value);
    }
    Instant instant;
    try {
      instant = Instant.from(parsed);
    } catch (DateTimeException e) {
      throw new ValueException(NEEDS_TIMESTAMP, value);
    }
    return storable(instant, value);
  }

  private static Instant storable(Instant instant, JsonNode value) {
    if (instant.isBefore(Preconditions.EARLIEST_INSTANT)
        || instant.isAfter(Preconditions.LATEST_INSTANT)) {
      throw new ValueException(NEEDS_STORABLE_YEAR, value);
    }
    return instant;
  }

  /**
   * A number, or text holding one (surrounding whitespace ignored); {@code null} for anything else.
   */
  static BigDecimal decimal(JsonNode value) {
    BigDecimal decimal;
    if (value.isNumber()) {
      if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
        return null;
      }
      decimal = value.decimalValue();
    } else if (value.isTextual()) {
      decimal = parseDecimal(value.textValue().strip());
    } else {
      return null;
    }
    return decimal == null || Math.abs(decimal.scale()) > MAX_SCALE ? null : decimal;
  }

  /** Without trailing zeros and never in exponent notation: {@code 95.50} → 95.5, 1E+2 → 100. */
  static BigDecimal normalized(BigDecimal decimal) {
    if (decimal.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal stripped = decimal.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static BigDecimal parseDecimal(String text) {
    if (text.isEmpty() || text.length() > MAX_NUMBER_LENGTH) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // BigDecimal also reads non-ASCII digits; a score of "٩٥" is more likely a mistake.
      if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return null;
      }
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A whole number's plain digits ({@code 68.0} → "68"); {@code null} for anything else. */
  private static String wholeNumber(JsonNode value) {
    if (!value.isNumber()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asText();
    }
    BigDecimal decimal = decimal(value);
    if (decimal == null) {
      return null;
    }
    BigDecimal whole = normalized(decimal);
    return whole.scale() > 0 ? null : whole.toPlainString();
  }

  private static boolean isBlankText(JsonNode value) {
    return value.isTextual() && value.textValue().isBlank();
  }

  private static String limited(String text, int max, JsonNode value) {
    if (text.isBlank()) {
      return null;
    }
    if (text.length() > max) {
      throw new ValueException("must be at most " + max + " characters", value);
    }
    if (text.indexOf(Preconditions.NUL) >= 0) {
      // PostgreSQL cannot store it, and no sender means it: refuse it on every store alike.
      throw new ValueException("must not contain the NUL character (U+0000)", value);
    }
    if (hasUnpairedSurrogate(text)) {
      // "\ud800" is valid JSON but no character: stores would keep it as '?' or refuse it.
      throw new ValueException("must not contain an unpaired surrogate (\\uD800-\\uDFFF)", value);
    }
    return text;
  }

  private static boolean hasUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
