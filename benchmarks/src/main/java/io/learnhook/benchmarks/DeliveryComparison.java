package io.learnhook.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@link DeliveryBenchmark}'s two sides, interleaved round by round in one JVM: a bare {@code
 * HttpClient} round, then a LearnHook round, and so on. On a shared or noisy machine the load
 * drifts during a JMH run, which measures one benchmark after the other; interleaving exposes both
 * sides to the same load, so the ratio holds even when the absolute rates do not.
 *
 * <pre>
 * java -Dsun.net.httpserver.nodelay=true \
 *   -cp benchmarks/target/benchmarks.jar io.learnhook.benchmarks.DeliveryComparison h2 8 5 20
 * </pre>
 *
 * Arguments: the store ({@code h2} or {@code postgresql}), the concurrency, the warm-up rounds, the
 * measured rounds, and how many milliseconds the subscriber takes to answer (default 0). Prints
 * each round and the medians.
 */
public final class DeliveryComparison {
  private DeliveryComparison() {}

  public static void main(String[] args) throws Exception {
    DeliveryBenchmark benchmark = new DeliveryBenchmark();
    benchmark.store = args.length > 0 ? args[0] : "h2";
    benchmark.concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    benchmark.subscriberMillis = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    benchmark.setUp();
    List<Double> bare = new ArrayList<>();
    List<Double> learnHook = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    try {
      for (int round = -warmup; round < rounds; round++) {
        benchmark.fillTheOutbox();
        long start = System.nanoTime();
        benchmark.bareHttpClient();
        double bareRate = benchmark.batch / seconds(start);
        benchmark.fillTheOutbox();
        start = System.nanoTime();
        benchmark.learnHookWorkers();
        double learnHookRate = benchmark.batch / seconds(start);
        if (round >= 0) {
          bare.add(bareRate);
          learnHook.add(learnHookRate);
          ratios.add(learnHookRate / bareRate);
          System.out.printf(
              "round %2d: bare %6.0f/s  learnhook %6.0f/s  ratio %.2f%n",
              round + 1, bareRate, learnHookRate, learnHookRate / bareRate);
        }
      }
    } finally {
      benchmark.tearDown();
    }
    System.out.printf(
        "%s, concurrency %d, subscriber %d ms, %d reports per round, %d rounds: median bare %.0f/s,"
            + " median learnhook %.0f/s, median ratio %.2f%n",
        benchmark.store,
        benchmark.concurrency,
        benchmark.subscriberMillis,
        benchmark.batch,
        rounds,
        median(bare),
        median(learnHook),
        median(ratios));
    System.exit(0);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
