package io.learnhook.benchmarks;

import io.learnhook.benchmarks.chart.LineChart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivery cost against the number of worker threads: for each count, {@link DeliveryBenchmark}'s
 * two sides interleaved round by round (a bare {@code HttpClient} loop at the same concurrency,
 * then LearnHook's workers), against a subscriber that answers after a few milliseconds, as a real
 * endpoint does. Each round delivers {@code reportsPerWorker} × the count, so every round lasts
 * about as long. Writes the curve to {@code docs/perf/delivery-workers.svg} (or the path given),
 * with the ideal line (count × 1000 ÷ subscriber ms), and prints a Markdown table of medians.
 *
 * <pre>
 * java -Dsun.net.httpserver.nodelay=true \
 *   -cp benchmarks/target/benchmarks.jar io.learnhook.benchmarks.DeliveryWorkerCurve \
 *   postgresql 1,2,4,8,16 5 1 4 300 docs/perf/delivery-workers.svg
 * </pre>
 *
 * Arguments: the store ({@code h2} or {@code postgresql}), the worker counts, the subscriber's
 * milliseconds, warm-up rounds, measured rounds, reports per worker per round, the chart's path.
 */
public final class DeliveryWorkerCurve {
  private DeliveryWorkerCurve() {}

  public static void main(String[] args) throws Exception {
    String store = args.length > 0 ? args[0] : "postgresql";
    String[] counts = (args.length > 1 ? args[1] : "1,2,4,8,16").split(",");
    int subscriberMillis = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    int perWorker = args.length > 5 ? Integer.parseInt(args[5]) : 300;
    Path chart = Path.of(args.length > 6 ? args[6] : "docs/perf/delivery-workers.svg");

    List<double[]> bareCurve = new ArrayList<>();
    List<double[]> ourCurve = new ArrayList<>();
    List<double[]> ideal = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (String countText : counts) {
      int count = Integer.parseInt(countText);
      DeliveryBenchmark benchmark = new DeliveryBenchmark();
      benchmark.store = store;
      benchmark.concurrency = count;
      benchmark.subscriberMillis = subscriberMillis;
      benchmark.batch = perWorker * count;
      benchmark.setUp();
      List<Double> bare = new ArrayList<>();
      List<Double> ours = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      try {
        for (int round = -warmup; round < rounds; round++) {
          double b;
          double o;
          if ((round & 1) == 0) {
            b = bareRound(benchmark);
            o = learnHookRound(benchmark);
          } else {
            o = learnHookRound(benchmark);
            b = bareRound(benchmark);
          }
          System.out.printf(
              "%s, %2d workers, round %2d%s: bare %6.0f/s  learnhook %6.0f/s  ratio %.2f%n",
              store, count, round + 1, round < 0 ? " (warm-up)" : "", b, o, o / b);
          if (round >= 0) {
            bare.add(b);
            ours.add(o);
            ratios.add(o / b);
          }
        }
      } finally {
        benchmark.tearDown();
      }
      double b = RecordingComparison.median(bare);
      double o = RecordingComparison.median(ours);
      double best = count * 1000.0 / Math.max(1, subscriberMillis);
      bareCurve.add(new double[] {count, b});
      ourCurve.add(new double[] {count, o});
      ideal.add(new double[] {count, best});
      rows.add(
          String.format(
              "| %d | %,.0f | %,.0f | %.2f | %,.0f |",
              count, b, o, RecordingComparison.median(ratios), best));
    }
    new LineChart(
            "Delivering reports (" + store + ", subscriber answers in " + subscriberMillis + " ms)",
            "worker threads (and bare client threads)",
            "reports per second",
            true)
        .add("ideal (threads × 1000 ÷ " + subscriberMillis + " ms)", ideal)
        .add("bare HttpClient", bareCurve)
        .add("LearnHook workers", ourCurve)
        .write(chart);
    System.out.printf(
        "%n%s, subscriber %d ms, %d reports per worker per round, %d rounds after %d warm-up; chart:"
            + " %s%n%n",
        store, subscriberMillis, perWorker, rounds, warmup, chart);
    System.out.println(
        "| workers | bare HttpClient (reports/s) | LearnHook (reports/s) | LearnHook ÷ bare | ideal (reports/s) |");
    System.out.println("|---|---|---|---|---|");
    rows.forEach(System.out::println);
    System.exit(0);
  }

  private static double bareRound(DeliveryBenchmark benchmark) throws Exception {
    benchmark.fillTheOutbox();
    long start = System.nanoTime();
    benchmark.bareHttpClient();
    return benchmark.batch / ((System.nanoTime() - start) / 1e9);
  }

  private static double learnHookRound(DeliveryBenchmark benchmark) throws Exception {
    benchmark.fillTheOutbox();
    long start = System.nanoTime();
    benchmark.learnHookWorkers();
    return benchmark.batch / ((System.nanoTime() - start) / 1e9);
  }
}
