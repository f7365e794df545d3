package io.learnhook.benchmarks;

import io.learnhook.LearnHook;
import io.learnhook.http.ingest.EndpointResponse;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.webhook.Webhook;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest cost against the number of webhooks in the store (1 to 100,000; the caller's is saved
 * last), through the whole endpoint on the in-memory store with the ~2.5 KB LMS event. Finding the
 * webhook by its key should not depend on how many there are. {@link IngestCurves} runs it and
 * draws the chart.
 *
 * <p>The webhooks sit in a store of their own, made once per trial; the rest (completions, request
 * log) is made afresh every {@value IngestFixture#CALLS_PER_STORE} calls, as in the other ingest
 * benchmarks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class IngestWebhookCountBenchmark {
  @Param({"1", "10", "100", "1000", "10000", "100000"})
  public int webhooks;

  private IngestFixture.Payload body;
  private InMemoryStore webhookStore;
  private LearnHook learnHook;

  /** The HTTP-level endpoint over {@link #learnHook}: the path from raw request to JSON answer. */
  private IncomingWebhookEndpoint endpoint;

  private long counter;

  @Setup(Level.Trial)
  public void makeWebhooks() {
    body = IngestFixture.payload("lms-event").copy();
    List<Webhook> others = IngestFixture.otherWebhooks(webhooks - 1, body.mapping());
    webhookStore = IngestFixture.store(body, others, 0);
  }

  /**
   * Everything but the webhooks afresh; the webhooks stay in their own store for the whole trial.
   */
  public void freshStore() {
    learnHook =
        IngestFixture.learnHookWith(
            IngestFixture.store(body, List.of(), 100), webhookStore.webhooks());
    endpoint = new IncomingWebhookEndpoint(learnHook.ingest());
  }

  @Benchmark
  public EndpointResponse learnHook() {
    if (counter % IngestFixture.CALLS_PER_STORE == 0) {
      freshStore();
    }
    byte[] next = body.next(counter++);
    return IngestFixture.expectRecorded(endpoint.handle(IngestFixture.request(next)));
  }
}
