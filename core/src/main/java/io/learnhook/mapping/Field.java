package io.learnhook.mapping;

import java.util.Arrays;
import java.util.Optional;

/** The fields a mapping can fill, by the names used in mapping configs and payloads. */
public enum Field {
  /** The user's email address; required. */
  EMAIL("email"),
  /** The LMS's own item id; tried first. */
  ITEM_ID("item_id"),
  /** The external id set on the item; tried second, within the webhook's source type. */
  SOURCE_ID("source_id"),
  /** The item's URL slug; tried last. */
  SLUG("slug"),
  /** A pass/fail result such as {@code PASS}. */
  RESULT("result"),
  /** Time spent, in seconds. */
  TOTAL_TIME("total_time"),
  /** A score from 0 to 100. */
  SCORE("score"),
  /** When the item was completed (ISO-8601 with an offset); default: the time of receipt. */
  COMPLETED_AT("completed_at"),
  /** The sender's delivery id, used to recognise the same event sent again. */
  EVENT_ID("event_id");

  private final String key;

  Field(String key) {
    this.key = key;
  }

  /** The name of the field in mapping configs and payloads. */
  public String key() {
    return key;
  }

  /** The field of that name, if there is one. */
  public static Optional<Field> byKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
  }

  @Override
  public String toString() {
    return key;
  }
}
