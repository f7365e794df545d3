package io.learnhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The transforms a mapping can apply to a found value before it is coerced, by their names in
 * mapping configs.
 */
enum Transform {
  /** {@code "Ann@X.TEST"} → {@code "ann@x.test"}, locale-independent. */
  LOWERCASE("lowercase", Kind.TEXT, Kind.TEXT),
  /** Surrounding whitespace removed, Unicode spaces included. */
  TRIM("trim", Kind.TEXT, Kind.TEXT),
  /**
   * {@code "mailto:a@b.c"} → {@code "a@b.c"}; the prefix in any case; text without it unchanged.
   */
  STRIP_MAILTO("strip_mailto", Kind.TEXT, Kind.TEXT),
  /** {@code 0.955} → {@code 95.5}; a number or numeric text. */
  PERCENT_FROM_FRACTION("percent_from_fraction", Kind.NUMBER, Kind.NUMBER),
  /**
   * {@code "PT1H2M3S"} → {@code 3723}; days allowed, years and months not (their length varies).
   */
  SECONDS_FROM_ISO8601_DURATION("seconds_from_iso8601_duration", Kind.TEXT, Kind.NUMBER),
  /** {@code 90500} → {@code 90.5}; a number or numeric text. */
  SECONDS_FROM_MILLIS("seconds_from_millis", Kind.NUMBER, Kind.NUMBER);

  /** What a transform takes or gives; a NUMBER input also takes numeric text. */
  enum Kind {
    TEXT,
    NUMBER
  }

  static final String KNOWN =
      Arrays.stream(values()).map(Transform::key).collect(Collectors.joining(", "));

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final String MAILTO = "mailto:";

  private final String key;
  private final Kind input;
  private final Kind output;

  Transform(String key, Kind input, Kind output) {
    this.key = key;
    this.input = input;
    this.output = output;
  }

  String key() {
    return key;
  }

  Kind input() {
    return input;
  }

  Kind output() {
    return output;
  }

  static Optional<Transform> byKey(String key) {
    for (Transform transform : values()) {
      if (transform.key.equals(key)) {
        return Optional.of(transform);
      }
    }
    return Optional.empty();
  }

  /**
   * The transformed value.
   *
   * @throws ValueException when the value is not what this transform takes
   */
  JsonNode apply(JsonNode value) {
    if (input == Kind.NUMBER || output == Kind.NUMBER) {
      if (value.isTextual() && value.textValue().isBlank()) {
        return value; // blank counts as absent when coerced; it is not a malformed number
      }
    }
    return switch (this) {
      case LOWERCASE -> TextNode.valueOf(text(value).toLowerCase(Locale.ROOT));
      case TRIM -> TextNode.valueOf(text(value).strip());
      case STRIP_MAILTO -> stripMailto(value);
      case PERCENT_FROM_FRACTION -> number(number(value).multiply(HUNDRED));
      case SECONDS_FROM_ISO8601_DURATION -> number(durationSeconds(value));
      case SECONDS_FROM_MILLIS -> number(number(value).movePointLeft(3));
    };
  }

  private String text(JsonNode value) {
    if (!value.isTextual()) {
      throw new ValueException("needs text for transform " + key, value);
    }
    return value.textValue();
  }

  private BigDecimal number(JsonNode value) {
    BigDecimal number = ValueType.decimal(value);
    if (number == null) {
      throw new ValueException("needs a number for transform " + key, value);
    }
    return number;
  }

  private static JsonNode number(BigDecimal value) {
    return DecimalNode.valueOf(ValueType.normalized(value));
  }

  private JsonNode stripMailto(JsonNode value) {
    String text = text(value);
    return text.regionMatches(true, 0, MAILTO, 0, MAILTO.length())
        ? TextNode.valueOf(text.substring(MAILTO.length()))
        : value;
  }

  private BigDecimal durationSeconds(JsonNode value) {
    Duration duration;
    try {
      duration = Duration.parse(text(value).strip());
    } catch (DateTimeException | ArithmeticException e) {
      throw new ValueException(
          "needs an ISO-8601 duration in days, hours, minutes and seconds, such as \"PT1H2M3S\","
              + " for transform "
              + key,
          value);
    }
    return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
  }
}
