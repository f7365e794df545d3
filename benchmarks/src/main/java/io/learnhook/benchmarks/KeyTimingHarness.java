package io.learnhook.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The same question as {@link KeyLookupBenchmark} (does the time to answer 401 tell whether a key
 * exists?), measured so that a busy machine cannot bias it: the kinds of call are interleaved in a
 * random order, call by call, so that any load from elsewhere falls on all of them alike, and each
 * call's time is kept. Prints the median, p90 and p99 of each kind and its ratio to the unknown
 * key's.
 *
 * <pre>
 * mvn -B -q -Pjmh -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.learnhook.benchmarks.KeyTimingHarness [samples] [webhooks]
 * </pre>
 */
public final class KeyTimingHarness {
  private KeyTimingHarness() {}

  public static void main(String[] args) {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int webhooks = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    System.out.printf(
        Locale.ROOT,
        "%d samples of each kind, %d webhooks, interleaved at random%n",
        samples,
        webhooks);
    for (String store : List.of("memory", "h2")) {
      KeyLookupBenchmark fixture = new KeyLookupBenchmark();
      fixture.store = store;
      fixture.webhooks = webhooks;
      fixture.setUp();
      try {
        run(store, fixture, samples);
      } finally {
        fixture.tearDown();
      }
    }
  }

  private static void run(String store, KeyLookupBenchmark fixture, int samples) {
    List<String> names =
        List.of(
            "401 unknown key",
            "401 revoked key",
            "401 key of another tenant",
            "lookup: existing key",
            "lookup: unknown key");
    List<Supplier<Object>> calls =
        List.of(
            fixture::answer401UnknownKey,
            fixture::answer401RevokedKey,
            fixture::answer401KeyOfAnotherTenant,
            fixture::lookupExistingKey,
            fixture::lookupUnknownKey);
    // Warm-up: let the JIT compile every path before anything is kept.
    measure(calls, Math.max(1000, samples / 5), new Random(1));
    long[][] nanos = measure(calls, samples, new Random(2));
    double unknown401 = percentile(nanos[0], 0.50);
    double unknownLookup = percentile(nanos[4], 0.50);
    System.out.printf(Locale.ROOT, "%n%s%n", store);
    System.out.printf(
        Locale.ROOT,
        "  %-28s %10s %10s %10s %8s%n",
        "kind",
        "p50 µs",
        "p90 µs",
        "p99 µs",
        "p50 ratio");
    for (int kind = 0; kind < names.size(); kind++) {
      double median = percentile(nanos[kind], 0.50);
      double base = kind < 3 ? unknown401 : unknownLookup;
      System.out.printf(
          Locale.ROOT,
          "  %-28s %10.1f %10.1f %10.1f %8.2f%n",
          names.get(kind),
          median / 1000,
          percentile(nanos[kind], 0.90) / 1000,
          percentile(nanos[kind], 0.99) / 1000,
          median / base);
    }
  }

  /**
   * Calls each kind {@code samples} times, in a shuffled order per round; the time of each call.
   */
  private static long[][] measure(List<Supplier<Object>> calls, int samples, Random random) {
    long[][] nanos = new long[calls.size()][samples];
    List<Integer> order = new ArrayList<>();
    for (int kind = 0; kind < calls.size(); kind++) {
      order.add(kind);
    }
    Object sink = null;
    for (int round = 0; round < samples; round++) {
      Collections.shuffle(order, random);
      for (int kind : order) {
        long start = System.nanoTime();
        sink = calls.get(kind).get();
        nanos[kind][round] = System.nanoTime() - start;
      }
    }
    if (sink == null) {
      throw new IllegalStateException("no call answered");
    }
    return nanos;
  }

  private static double percentile(long[] values, double p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }
}
