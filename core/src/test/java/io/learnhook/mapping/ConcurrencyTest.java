package io.learnhook.mapping;

import static io.learnhook.mapping.Mappings.json;
import static io.learnhook.mapping.Mappings.mapping;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A mapping is shared by every request of its webhook; it holds no state a request could see. */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 5_000;

  @Test
  void givesEveryConcurrentPayloadItsOwnValues() throws Exception {
    // A JSONPath function with parameters: json-path 2.9.0 binds those to the document inside the
    // compiled path, so without a guard concurrent requests read each other's values.
    FieldMapping shared =
        mapping(
            "{'email': 'user.email', 'result': '$.concat($.code, $.suffix)', 'item_id':"
                + " '$..course', 'score': {'path': 'scaled', 'transform':"
                + " 'percent_from_fraction'}}");
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int id = t;
        results.add(pool.submit(() -> mismatches(shared, id, start)));
      }
      start.countDown();
      for (Future<List<String>> result : results) {
        assertThat(result.get(1, TimeUnit.MINUTES)).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> mismatches(FieldMapping mapping, int id, CountDownLatch start)
      throws InterruptedException {
    JsonNode payload =
        json(
            "{'user': {'email': 'u"
                + id
                + "@x.test'}, 'code': 'C"
                + id
                + "', 'suffix': '-"
                + id
                + "', 'nested': {'course': 'course-"
                + id
                + "'}, 'scaled': 0.0"
                + id
                + "}");
    List<String> mismatches = new ArrayList<>();
    start.await();
    for (int i = 0; i < ROUNDS && mismatches.size() < 3; i++) {
      MappedFields fields = mapping.apply(payload);
      String seen =
          fields.email()
              + " "
              + fields.result().orElse("")
              + " "
              + fields.itemId().orElse("")
              + " "
              + fields.score().orElse(null);
      String expected = "u" + id + "@x.test C" + id + "-" + id + " course-" + id + " " + id;
      if (!seen.equals(expected)) {
        mismatches.add("thread " + id + " saw " + seen);
      }
    }
    return mismatches;
  }
}
