package io.learnhook.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.LearnHook;
import io.learnhook.http.ingest.EndpointResponse;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
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
 * Ingest cost against payload size: the LMS event grown from 1 KB to 1 MB with activity records
 * that no mapped path reads, through the whole endpoint on the in-memory store, beside Jackson's
 * {@code readTree} of the same bytes. Should be linear in the size, and stay below the tree. {@link
 * IngestCurves} runs it and draws the chart.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class IngestPayloadSizeBenchmark {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  @Param({"1024", "4096", "16384", "65536", "262144", "1048576"})
  public int bytes;

  private IngestFixture.Payload body;
  private LearnHook learnHook;

  /** The HTTP-level endpoint over {@link #learnHook}: the path from raw request to JSON answer. */
  private IncomingWebhookEndpoint endpoint;

  private long counter;

  @Setup(Level.Trial)
  public void grow() {
    body = IngestFixture.lmsEventOfSize(bytes);
  }

  /** A store with nothing recorded yet. */
  public void freshStore() {
    learnHook = IngestFixture.learnHook(IngestFixture.store(body, List.of(), 100));
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

  @Benchmark
  public JsonNode jacksonReadTree() throws IOException {
    return JACKSON.readTree(body.next(counter++));
  }
}
