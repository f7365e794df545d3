package io.learnhook.http.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The hand-written answer is the text Jackson wrote for the tree it replaced, escaping included.
 */
class AnswerJsonTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  // Quotes, backslash, every kind of control character, DEL, non-ASCII, a surrogate pair, and a
  // lone surrogate.
  private static final String SPECIAL =
      "\"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f\u00e9\u2028\u20ac\ud83d\ude00\ud800 <>&'";

  @Test
  void writesTheSameTextAsJacksonForRandomValues() {
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      String status = i % 2 == 0 ? "recorded" : "duplicate";
      String completion = i % 3 == 0 ? UUID.randomUUID().toString() : text(random);
      String user = text(random);
      String item = text(random);

      assertThat(AnswerJson.describe(status, completion, user, item))
          .isEqualTo(tree(status, completion, user, item).toString());
    }
  }

  @Test
  void embedsTheSameTextInABatchAsTheTreeDid() {
    Random random = new Random(5);
    for (int i = 0; i < 2_000; i++) {
      String completion = text(random);
      String user = text(random);
      String item = text(random);
      ArrayNode before = NODES.arrayNode();
      before.addObject().put("index", i).set("body", tree("recorded", completion, user, item));
      ArrayNode after = NODES.arrayNode();
      after
          .addObject()
          .put("index", i)
          .putRawValue(
              "body", new RawValue(AnswerJson.describe("recorded", completion, user, item)));

      assertThat(after.toString()).isEqualTo(before.toString());
    }
  }

  private static ObjectNode tree(String status, String completion, String user, String item) {
    ObjectNode body = NODES.objectNode();
    body.put("status", status);
    body.put("completion_id", completion);
    body.put("user_id", user);
    body.put("item_id", item);
    return body;
  }

  private static String text(Random random) {
    int length = random.nextInt(40);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(4);
      if (kind == 0) {
        text.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
      } else if (kind == 1) {
        text.append((char) random.nextInt(0x80));
      } else if (kind == 2) {
        text.append((char) random.nextInt(0x10000));
      } else {
        text.append((char) ('a' + random.nextInt(26)));
      }
    }
    return text.toString();
  }
}
