package io.learnhook.directory;

import io.learnhook.internal.Preconditions;

/** Identifies a user of the LMS. */
public record UserId(String value) {
  public UserId {
    Preconditions.requireId(value, "user id");
  }

  public static UserId of(String value) {
    return new UserId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
