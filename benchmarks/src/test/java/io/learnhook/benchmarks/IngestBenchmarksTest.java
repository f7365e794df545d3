package io.learnhook.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnhook.LearnHook;
import io.learnhook.completion.Completion;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import io.learnhook.memory.InMemoryStore;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.InputSource;

/**
 * The ingest benchmarks run (each method once, no timing), every call records a new completion, and
 * the naive baseline does the same work as the endpoint: it records the same completion from the
 * same bytes.
 */
class IngestBenchmarksTest {

  @ParameterizedTest
  @ValueSource(strings = {"lessonly", "xapi", "lms-event"})
  void eachBenchmarkMethodRecordsANewCompletion(String payload) throws Exception {
    IngestBenchmark benchmark = new IngestBenchmark();
    benchmark.payload = payload;
    benchmark.loadPayload();
    benchmark.freshStore();
    // Many times each: every call must be new, never a duplicate, and never refused for its rate.
    for (int i = 0; i < 300; i++) {
      assertThat(benchmark.learnHook().status()).isEqualTo(201);
      assertThat(benchmark.naiveJsonPath()).isNotEmpty();
      JsonNode tree = benchmark.jacksonReadTree();
      assertThat(tree.isObject()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lessonly", "xapi", "lms-event"})
  void naiveBaselineRecordsWhatTheEndpointRecords(String payload) throws Exception {
    IngestFixture.Payload body = IngestFixture.payload(payload).copy();
    byte[] bytes = body.next(42);

    InMemoryStore ours = IngestFixture.store(body, List.of(), 3);
    IngestFixture.expectRecorded(
        new IncomingWebhookEndpoint(IngestFixture.learnHook(ours).ingest())
            .handle(IngestFixture.request(bytes.clone())));
    InMemoryStore theirs = IngestFixture.store(body, List.of(), 3);
    LearnHook naiveHook = IngestFixture.learnHook(theirs);
    int status =
        new NaiveIntegration(theirs, naiveHook, NaiveIntegration.fieldsOf(payload))
            .handle(IngestFixture.AUTHORIZATION, bytes.clone(), new byte[1][]);

    assertThat(status).isEqualTo(201);
    assertThat(facts(theirs.allCompletions().get(0)))
        .isEqualTo(facts(ours.allCompletions().get(0)));
  }

  @Test
  void sweepsRecordNewCompletionsAtEveryPoint() {
    IngestPayloadSizeBenchmark size = new IngestPayloadSizeBenchmark();
    size.bytes = 65_536;
    size.grow();
    size.freshStore();
    assertThat(size.learnHook().status()).isEqualTo(201);
    assertThat(size.learnHook().status()).isEqualTo(201);
    assertThat(IngestFixture.lmsEventOfSize(65_536).bytes().length).isBetween(60_000, 66_000);

    IngestWebhookCountBenchmark count = new IngestWebhookCountBenchmark();
    count.webhooks = 1_000;
    count.makeWebhooks();
    count.freshStore();
    assertThat(count.learnHook().status()).isEqualTo(201);
    assertThat(count.learnHook().status()).isEqualTo(201);
  }

  @Test
  void drawsChartsAsWellFormedSvg() throws Exception {
    Map<String, List<IngestCurves.Point>> series =
        Map.of(
            "learnHook",
            List.of(
                new IngestCurves.Point(1024, 3.5, 0.2, 3.0, 9000),
                new IngestCurves.Point(1_048_576, 2100, 40, 2000, 1e6)),
            "jacksonReadTree",
            List.of(
                new IngestCurves.Point(1024, 2.5, 0.1, 2.0, 8000),
                new IngestCurves.Point(1_048_576, 2600, 30, 2500, 2e6)));
    for (boolean logY : new boolean[] {true, false}) {
      String svg = IngestCurves.svg("a <title>", "x", "y", series, logY);
      DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(new InputSource(new StringReader(svg)));
      assertThat(svg).contains("<path").contains("LearnHook endpoint").contains("a &lt;title&gt;");
    }
    assertThat(IngestCurves.table(series, Map.of("learnHook", series.get("learnHook"))))
        .contains("| 1,024 | 3.00 | 2.00 | 1.50× | 3.50 | 2.50 |");
  }

  /** What a completion says, without its id and recording time. */
  private static List<Object> facts(Completion c) {
    return List.of(
        c.user(),
        c.item(),
        c.eventId(),
        c.completedAt(),
        c.result(),
        c.score().map(BigDecimal::stripTrailingZeros).map(BigDecimal::toPlainString),
        c.totalTimeSeconds(),
        c.webhook().map(Object::toString).orElse(""),
        Optional.empty());
  }
}
