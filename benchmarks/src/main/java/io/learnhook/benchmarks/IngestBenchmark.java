package io.learnhook.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.LearnHook;
import io.learnhook.http.ingest.EndpointResponse;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import io.learnhook.memory.InMemoryStore;
import java.io.IOException;
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
 * In-process ingest: one call through {@code IncomingWebhookEndpoint.handle} (key, company, body,
 * strict parse, map, resolve user and item, record, request log, answer) on the in-memory store,
 * beside (a) Jackson's {@code readTree} of the same bytes, the floor every request pays, and (b) a
 * naive integration doing the same steps with a fresh JSONPath per field ({@link
 * NaiveIntegration}).
 *
 * <p>Every call records a new completion: a counter is written into the payload's completion time
 * and event id (all three benchmarks pay for that alike). The store is made afresh every {@value
 * IngestFixture#CALLS_PER_STORE} calls (both recording benchmarks pay for that alike, a few ns per
 * call): an in-memory store that kept every completion of a run would make the garbage collector
 * copy them over and over, and the benchmark would measure that. Run with {@code -prof gc} for
 * B/op; docs/PERFORMANCE.md has the command and the figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class IngestBenchmark {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  @Param({"lessonly", "xapi", "lms-event"})
  public String payload;

  private IngestFixture.Payload body;
  private LearnHook learnHook;

  /** The HTTP-level endpoint over {@link #learnHook}: the path from raw request to JSON answer. */
  private IncomingWebhookEndpoint endpoint;

  private NaiveIntegration naive;
  private final byte[][] answer = new byte[1][];
  private long counter;

  @Setup(Level.Trial)
  public void loadPayload() {
    body = IngestFixture.payload(payload).copy();
  }

  /** A store with nothing recorded yet. */
  public void freshStore() {
    InMemoryStore store = IngestFixture.store(body, List.of(), 100);
    learnHook = IngestFixture.learnHook(store);
    endpoint = new IncomingWebhookEndpoint(learnHook.ingest());
    naive = new NaiveIntegration(store, learnHook, NaiveIntegration.fieldsOf(payload));
  }

  private void freshStoreNowAndThen() {
    if (counter % IngestFixture.CALLS_PER_STORE == 0) {
      freshStore();
    }
  }

  /** LearnHook's endpoint: the whole path, answered 201. */
  @Benchmark
  public EndpointResponse learnHook() {
    freshStoreNowAndThen();
    byte[] bytes = body.next(counter++);
    return IngestFixture.expectRecorded(endpoint.handle(IngestFixture.request(bytes)));
  }

  /** Baseline (a): only Jackson's tree of the same bytes. */
  @Benchmark
  public JsonNode jacksonReadTree() throws IOException {
    byte[] bytes = body.next(counter++);
    return JACKSON.readTree(bytes);
  }

  /** Baseline (b): the same steps with a fresh JSONPath per field. */
  @Benchmark
  public byte[] naiveJsonPath() throws IOException {
    freshStoreNowAndThen();
    byte[] bytes = body.next(counter++);
    int status = naive.handle(IngestFixture.AUTHORIZATION, bytes, answer);
    if (status != 201) {
      throw new IllegalStateException("naive integration answered " + status);
    }
    return answer[0];
  }
}
