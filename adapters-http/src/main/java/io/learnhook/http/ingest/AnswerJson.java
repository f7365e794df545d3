package io.learnhook.http.ingest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The endpoint's answer to a recorded (or duplicate) completion, written as JSON text directly: the
 * same text Jackson writes for the equivalent tree ({@code AnswerJsonTest} compares them), without
 * building the tree and a serialiser per call.
 */
final class AnswerJson {
  private AnswerJson() {}

  /** {@code {"status":…,"completion_id":…,"user_id":…,"item_id":…}}. */
  static String describe(String status, String completionId, String userId, String itemId) {
    StringBuilder json =
        new StringBuilder(
            64 + status.length() + completionId.length() + userId.length() + itemId.length());
    field(json.append('{'), "status", status);
    field(json.append(','), "completion_id", completionId);
    field(json.append(','), "user_id", userId);
    field(json.append(','), "item_id", itemId);
    return json.append('}').toString();
  }

  private static void field(StringBuilder json, String name, String value) {
    json.append('"').append(name).append("\":\"");
    JsonStringEncoder.getInstance().quoteAsString(value, json);
    json.append('"');
  }
}
