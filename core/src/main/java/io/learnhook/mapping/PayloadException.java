package io.learnhook.mapping;

import io.learnhook.error.LearnHookException;
import java.util.Objects;

/**
 * A payload, mapped, lacks a required field or holds a value of the wrong type. The endpoint
 * answers 422 with this message, which names the field and the path it was read from.
 */
public class PayloadException extends LearnHookException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the value. */
  public enum Kind {
    /** A required field (the email, or every item identifier) has no value. */
    MISSING,
    /** A value is there but cannot be used: wrong type, unparsable, out of range. */
    INVALID
  }

  private final Kind kind;
  private final String field;
  private final String path;

  /**
   * @param kind what is wrong
   * @param field the field name ({@code score}), or several ({@code item_id, source_id, slug}), or
   *     {@code each}
   * @param path the path or expression the value was read from
   * @param message the whole message, naming field and path
   */
  public PayloadException(Kind kind, String field, String path, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.field = Objects.requireNonNull(field, "field");
    this.path = Objects.requireNonNull(path, "path");
  }

  public Kind kind() {
    return kind;
  }

  public String field() {
    return field;
  }

  public String path() {
    return path;
  }
}
