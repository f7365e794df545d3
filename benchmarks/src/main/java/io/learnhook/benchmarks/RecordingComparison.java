package io.learnhook.benchmarks;

import io.learnhook.benchmarks.chart.LineChart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link RecordingBenchmark}'s two sides on PostgreSQL, interleaved round by round in one JVM, at
 * each size of the users-and-items curve: {@code threads} callers record through LearnHook for a
 * round, then the same callers run the raw-JDBC baseline for a round, then the baseline's work in
 * LearnHook's round trips ({@link RecordingBenchmark#rawJdbcSameRoundTrips}; the order flips every
 * round), all on one HikariCP pool of {@code threads} connections. On a machine shared with other
 * work the load drifts; interleaving exposes both sides to the same load, so the ratio holds when
 * the rates do not. Writes the curve to {@code docs/perf/recording-users-items.svg} (or the path
 * given).
 *
 * <pre>
 * LEARNHOOK_BENCH_POSTGRES_URL='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres' \
 * java -cp benchmarks/target/benchmarks.jar io.learnhook.benchmarks.RecordingComparison \
 *   1000,100000,1000000 8 5 2 6 docs/perf/recording-users-items.svg
 * </pre>
 *
 * Arguments: the sizes, the callers (and pool size), seconds per round and side, warm-up rounds,
 * measured rounds, the chart's path. Prints each round, then a Markdown table of medians.
 */
public final class RecordingComparison {
  private RecordingComparison() {}

  public static void main(String[] args) throws Exception {
    String[] sizes = (args.length > 0 ? args[0] : "1000,100000,1000000").split(",");
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 6;
    Path chart = Path.of(args.length > 5 ? args[5] : "docs/perf/recording-users-items.svg");

    List<String> rows = new ArrayList<>();
    List<double[]> ours = new ArrayList<>();
    List<double[]> raw = new ArrayList<>();
    for (String sizeText : sizes) {
      RecordingBenchmark benchmark = new RecordingBenchmark();
      benchmark.size = Integer.parseInt(sizeText);
      benchmark.poolSize = threads;
      benchmark.setUp();
      List<Double> learnHookRates = new ArrayList<>();
      List<Double> rawRates = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      List<Double> sameRates = new ArrayList<>();
      List<Double> sameRatios = new ArrayList<>();
      try {
        for (int round = -warmup; round < rounds; round++) {
          double l;
          double r;
          double same;
          if ((round & 1) == 0) {
            l = rate(threads, seconds, benchmark::recordThroughLearnHook);
            r = rate(threads, seconds, benchmark::rawJdbcBaseline);
            same = rate(threads, seconds, benchmark::rawJdbcSameRoundTrips);
          } else {
            same = rate(threads, seconds, benchmark::rawJdbcSameRoundTrips);
            r = rate(threads, seconds, benchmark::rawJdbcBaseline);
            l = rate(threads, seconds, benchmark::recordThroughLearnHook);
          }
          System.out.printf(
              "size %,9d round %2d%s: learnhook %6.0f/s  raw jdbc %6.0f/s  raw in learnhook's round"
                  + " trips %6.0f/s  ratio %.2f (%.2f)%n",
              benchmark.size,
              round + 1,
              round < 0 ? " (warm-up)" : "",
              l,
              r,
              same,
              l / r,
              same / r);
          if (round >= 0) {
            learnHookRates.add(l);
            rawRates.add(r);
            ratios.add(l / r);
            sameRates.add(same);
            sameRatios.add(same / r);
          }
        }
      } finally {
        benchmark.tearDown();
      }
      double l = median(learnHookRates);
      double r = median(rawRates);
      ours.add(new double[] {benchmark.size, l});
      raw.add(new double[] {benchmark.size, r});
      rows.add(
          String.format(
              "| %,d | %,.0f | %,.0f | %.2f | %,.0f | %.2f |",
              benchmark.size, l, r, median(ratios), median(sameRates), median(sameRatios)));
    }
    new LineChart(
            "Recording on PostgreSQL, " + threads + " callers, pool of " + threads,
            "users and items",
            "completions per second",
            true)
        .add("LearnHook", ours)
        .add("raw JDBC", raw)
        .write(chart);
    System.out.printf(
        "%n%d callers, pool of %d, %d × %.1f s rounds per side after %d warm-up rounds; chart: %s%n%n",
        threads, threads, rounds, seconds, warmup, chart);
    System.out.println(
        "| users and items | LearnHook (completions/s) | raw JDBC (completions/s) | LearnHook ÷ raw"
            + " (median of rounds) | raw JDBC in LearnHook's round trips (completions/s) | that ÷ raw |");
    System.out.println("|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
    System.exit(0);
  }

  /**
   * Operations per second of {@code threads} threads calling {@code operation} for {@code seconds}.
   */
  static double rate(int threads, double seconds, Callable<?> operation)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  while (System.nanoTime() < deadline) {
                    operation.call();
                    done.incrementAndGet();
                  }
                } catch (Exception e) {
                  failure.compareAndSet(null, e);
                }
              });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("an operation failed", failure.get());
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
