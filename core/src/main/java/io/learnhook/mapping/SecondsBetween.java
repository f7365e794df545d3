package io.learnhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code total_time} computed from two timestamps: the seconds from the first to the second,
 * rounded half up. Nothing when either timestamp is absent; an error when they are the wrong way
 * round, since a negative time spent means the mapping or the sender is wrong.
 */
final class SecondsBetween implements Source {
  private static final int HALF_A_SECOND = 500_000_000;

  private final Source from;
  private final Source to;
  private final String text;

  SecondsBetween(Source from, Source to) {
    this.from = from;
    this.to = to;
    this.text = from.text() + ", " + to.text();
  }

  Source from() {
    return from;
  }

  Source to() {
    return to;
  }

  @Override
  public JsonNode find(JsonNode root, String field) {
    JsonNode start = from.find(root, field);
    JsonNode end = to.find(root, field);
    if (start == null || end == null) {
      return null;
    }
    Instant first = timestamp(start, from, field);
    Instant second = timestamp(end, to, field);
    if (first == null || second == null) {
      return null;
    }
    Duration between = Duration.between(first, second);
    if (between.isNegative()) {
      throw new PayloadException(
          PayloadException.Kind.INVALID,
          field,
          text,
          field
              + " must not be negative: "
              + ValueException.quote(second.toString())
              + " at '"
              + to.text()
              + "' is before "
              + ValueException.quote(first.toString())
              + " at '"
              + from.text()
              + "'");
    }
    long seconds = between.getSeconds() + (between.getNano() >= HALF_A_SECOND ? 1 : 0);
    return LongNode.valueOf(seconds);
  }

  @Override
  public String text() {
    return text;
  }

  private static Instant timestamp(JsonNode value, Source source, String field) {
    try {
      return ValueType.instant(value);
    } catch (ValueException e) {
      throw e.toPayloadException(field, source.text(), "");
    }
  }
}
