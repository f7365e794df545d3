package io.learnhook.internal;

import java.util.Objects;

/** Argument checks shared by the value types' compact constructors. Not API. */
public final class Preconditions {
  /** Longest identifier any column accepts (DESIGN: identifiers up to 255 characters). */
  public static final int MAX_ID_LENGTH = 255;

  private Preconditions() {}

  /** Returns {@code value} when it is neither null nor blank. */
  public static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /** Returns {@code value} when it is non-blank text of at most {@value #MAX_ID_LENGTH} characters. */
  public static String requireId(String value, String name) {
    requireText(value, name);
    if (value.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(name + " must be at most " + MAX_ID_LENGTH + " characters");
    }
    return value;
  }
}
