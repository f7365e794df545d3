package io.learnhook.directory;

import io.learnhook.internal.Preconditions;

/** The LMS's own identifier of a learning item ({@code item_id} in a mapping). */
public record ItemId(String value) {
  public ItemId {
    Preconditions.requireId(value, "item id");
  }

  public static ItemId of(String value) {
    return new ItemId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
