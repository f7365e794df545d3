package io.learnhook.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The ratios of {@link IngestBenchmark}, measured so that a busy machine cannot bend them: the
 * three variants run in one JVM, interleaved in short rounds in a shuffled order, and each round is
 * timed by the CPU time of the benchmark thread (what the code costs, not how long it waited for a
 * core) and by the bytes that thread allocated. Each figure is the median over the rounds.
 *
 * <pre>{@code
 * java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar io.learnhook.benchmarks.IngestRatios [warm-up s] [rounds]
 * }</pre>
 */
public final class IngestRatios {
  private static final String[] PAYLOADS = {"lessonly", "xapi", "lms-event"};
  private static final String[] VARIANTS = {"jacksonReadTree", "learnHook", "naiveJsonPath"};
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private IngestRatios() {}

  public static void main(String[] args) throws Exception {
    int warmupSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    long roundNanos = 50_000_000;
    Random random = new Random(7);
    StringBuilder table = new StringBuilder();
    table.append(
        "| payload | bytes | readTree CPU ns | LearnHook CPU ns | naive CPU ns | LearnHook ÷ readTree"
            + " | naive ÷ LearnHook | readTree B/op | LearnHook B/op | naive B/op |\n");
    table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    // Every payload and variant warms up and is measured in the same shuffled rounds, so that none
    // runs while the compiler is still busy with code that another one warmed up later.
    int cells = PAYLOADS.length * VARIANTS.length;
    IngestBenchmark[] states = new IngestBenchmark[cells];
    for (int c = 0; c < cells; c++) {
      states[c] = new IngestBenchmark();
      states[c].payload = PAYLOADS[c / VARIANTS.length];
      states[c].loadPayload();
    }
    long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    while (System.nanoTime() < warmupEnd) {
      for (int c = 0; c < cells; c++) {
        round(states[c], c % VARIANTS.length, roundNanos);
      }
    }
    List<List<double[]>> samples = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int c = 0; c < cells; c++) {
      samples.add(new ArrayList<>());
      order.add(c);
    }
    for (int r = 0; r < rounds; r++) {
      Collections.shuffle(order, random);
      for (int c : order) {
        samples.get(c).add(round(states[c], c % VARIANTS.length, roundNanos));
      }
    }
    for (int p = 0; p < PAYLOADS.length; p++) {
      double[] cpu = new double[VARIANTS.length];
      double[] bytes = new double[VARIANTS.length];
      for (int v = 0; v < VARIANTS.length; v++) {
        cpu[v] = median(samples.get(p * VARIANTS.length + v), 0);
        bytes[v] = median(samples.get(p * VARIANTS.length + v), 1);
      }
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %,.0f | %,.0f | %,.0f | %.2f× | %.2f× | %,.0f | %,.0f | %,.0f |%n",
              PAYLOADS[p],
              IngestFixture.payload(PAYLOADS[p]).bytes().length,
              cpu[0],
              cpu[1],
              cpu[2],
              cpu[1] / cpu[0],
              cpu[2] / cpu[1],
              bytes[0],
              bytes[1],
              bytes[2]));
    }
    System.out.print(table);
  }

  /**
   * Calls one variant for about {@code nanos} of wall time: CPU ns and bytes allocated per call.
   */
  private static double[] round(IngestBenchmark state, int variant, long nanos) throws Exception {
    long thread = Thread.currentThread().getId();
    long wallEnd = System.nanoTime() + nanos;
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long bytesStart = THREADS.getThreadAllocatedBytes(thread);
    long calls = 0;
    Object sink = null;
    do {
      for (int i = 0; i < 64; i++) {
        sink =
            switch (variant) {
              case 0 -> state.jacksonReadTree();
              case 1 -> state.learnHook();
              default -> state.naiveJsonPath();
            };
      }
      calls += 64;
    } while (System.nanoTime() < wallEnd);
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
    long bytes = THREADS.getThreadAllocatedBytes(thread) - bytesStart;
    if (sink == null) {
      throw new IllegalStateException("no result");
    }
    return new double[] {(double) cpu / calls, (double) bytes / calls};
  }

  private static double median(List<double[]> samples, int index) {
    double[] values = samples.stream().mapToDouble(s -> s[index]).toArray();
    Arrays.sort(values);
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }
}
