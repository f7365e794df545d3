package io.learnhook.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Measures the two ingest curves (the calls of {@link IngestPayloadSizeBenchmark} and {@link
 * IngestWebhookCountBenchmark}, which JMH can also run one point at a time) and writes them into a
 * folder: one SVG chart per curve, drawn here by hand, and a Markdown table ({@code
 * ingest-scaling.md}).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.learnhook.benchmarks.IngestCurves docs/perf
 * }</pre>
 *
 * <p>System properties {@code curves.warmup} (seconds, default 40) and {@code curves.rounds}
 * (default 21) set how long it runs.
 */
public final class IngestCurves {
  private IngestCurves() {}

  /**
   * One point of a curve: the parameter, the wall-clock time per call (and its error, when known),
   * the CPU time per call (what the charts show) and the bytes allocated per call.
   */
  record Point(double x, double micros, double error, double cpuMicros, double bytesPerOp) {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/perf");
    Files.createDirectories(out);
    Map<String, Map<String, List<Point>>> curves = measure();
    Map<String, List<Point>> size = curves.get("size");
    Map<String, List<Point>> count = curves.get("webhooks");

    Files.writeString(
        out.resolve("ingest-payload-size.svg"),
        svg(
            "Ingest cost vs payload size (LMS event, in-memory store)",
            "payload size (bytes, log scale)",
            "CPU µs per call (log scale)",
            size,
            true),
        StandardCharsets.UTF_8);
    Files.writeString(
        out.resolve("ingest-webhook-count.svg"),
        svg(
            "Ingest cost vs webhooks in the store (2.5 KB LMS event, in-memory store)",
            "webhooks in the store (log scale)",
            "CPU µs per call",
            count,
            false),
        StandardCharsets.UTF_8);
    String table = table(size, count);
    Files.writeString(out.resolve("ingest-scaling.md"), table, StandardCharsets.UTF_8);
    System.out.println(table);
  }

  /** One benchmark method at one point of a curve. */
  private record Cell(String curve, String series, double x, Callable<Object> call) {}

  /**
   * Measures every point of both curves in one JVM, interleaved: after a common warm-up, rounds of
   * about 50 ms per point in a shuffled order, each timed by the thread's CPU time, its wall-clock
   * time and the bytes it allocated; a point's figures are the medians over the rounds. On a busy
   * machine this compares points under the same conditions, which one JMH fork per point cannot.
   */
  private static Map<String, Map<String, List<Point>>> measure() throws Exception {
    List<Cell> cells = new ArrayList<>();
    for (int bytes : new int[] {1024, 4096, 16384, 65536, 262144, 1048576}) {
      IngestPayloadSizeBenchmark ours = new IngestPayloadSizeBenchmark();
      ours.bytes = bytes;
      ours.grow();
      IngestPayloadSizeBenchmark tree = new IngestPayloadSizeBenchmark();
      tree.bytes = bytes;
      tree.grow();
      cells.add(new Cell("size", "learnHook", bytes, ours::learnHook));
      cells.add(new Cell("size", "jacksonReadTree", bytes, tree::jacksonReadTree));
    }
    for (int webhooks : new int[] {1, 10, 100, 1000, 10000, 100000}) {
      IngestWebhookCountBenchmark count = new IngestWebhookCountBenchmark();
      count.webhooks = webhooks;
      count.makeWebhooks();
      cells.add(new Cell("webhooks", "learnHook", webhooks, count::learnHook));
    }
    long roundNanos = 50_000_000;
    long warmupEnd = System.nanoTime() + Integer.getInteger("curves.warmup", 40) * 1_000_000_000L;
    while (System.nanoTime() < warmupEnd) {
      for (Cell cell : cells) {
        round(cell, roundNanos);
      }
    }
    List<List<double[]>> samples = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int c = 0; c < cells.size(); c++) {
      samples.add(new ArrayList<>());
      order.add(c);
    }
    Random random = new Random(11);
    for (int r = 0, rounds = Integer.getInteger("curves.rounds", 21); r < rounds; r++) {
      Collections.shuffle(order, random);
      for (int c : order) {
        samples.get(c).add(round(cells.get(c), roundNanos));
      }
    }
    Map<String, Map<String, List<Point>>> curves = new TreeMap<>();
    for (int c = 0; c < cells.size(); c++) {
      Cell cell = cells.get(c);
      List<double[]> s = samples.get(c);
      curves
          .computeIfAbsent(cell.curve(), k -> new TreeMap<>())
          .computeIfAbsent(cell.series(), k -> new ArrayList<>())
          .add(
              new Point(
                  cell.x(), median(s, 1) / 1000, Double.NaN, median(s, 0) / 1000, median(s, 2)));
    }
    return curves;
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Calls for about {@code nanos}: CPU ns, wall ns and bytes allocated per call. */
  private static double[] round(Cell cell, long nanos) throws Exception {
    long thread = Thread.currentThread().getId();
    long wallStart = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long bytesStart = THREADS.getThreadAllocatedBytes(thread);
    long calls = 0;
    long now;
    do {
      if (cell.call().call() == null) {
        throw new IllegalStateException("no result");
      }
      calls++;
      now = System.nanoTime();
    } while (now - wallStart < nanos);
    return new double[] {
      (double) (THREADS.getCurrentThreadCpuTime() - cpuStart) / calls,
      (double) (now - wallStart) / calls,
      (double) (THREADS.getThreadAllocatedBytes(thread) - bytesStart) / calls
    };
  }

  private static double median(List<double[]> samples, int index) {
    double[] values = samples.stream().mapToDouble(s -> s[index]).toArray();
    Arrays.sort(values);
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  static String table(Map<String, List<Point>> size, Map<String, List<Point>> count) {
    StringBuilder md = new StringBuilder();
    md.append(
        "Payload size. Medians over interleaved rounds: CPU = the calling thread's CPU µs per call; wall = elapsed µs per call; B/op = bytes the thread allocated per call.\n\n");
    md.append(
        "| payload bytes | LearnHook CPU µs | readTree CPU µs | LearnHook ÷ readTree (CPU) | LearnHook wall µs | readTree wall µs | LearnHook CPU ns per byte | LearnHook B/op | readTree B/op |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    List<Point> ours = size.getOrDefault("learnHook", List.of());
    List<Point> tree = size.getOrDefault("jacksonReadTree", List.of());
    for (int i = 0; i < ours.size(); i++) {
      Point p = ours.get(i);
      Point t = i < tree.size() ? tree.get(i) : null;
      md.append(
          String.format(
              Locale.ROOT,
              "| %,.0f | %.2f | %s | %s | %.2f | %s | %.2f | %,.0f | %s |%n",
              p.x(),
              p.cpuMicros(),
              t == null ? "" : String.format(Locale.ROOT, "%.2f", t.cpuMicros()),
              t == null ? "" : String.format(Locale.ROOT, "%.2f×", p.cpuMicros() / t.cpuMicros()),
              p.micros(),
              t == null ? "" : String.format(Locale.ROOT, "%.2f", t.micros()),
              p.cpuMicros() * 1000 / p.x(),
              p.bytesPerOp(),
              t == null ? "" : String.format(Locale.ROOT, "%,.0f", t.bytesPerOp())));
    }
    md.append("\nWebhooks in the store:\n\n");
    md.append(
        "| webhooks | LearnHook CPU µs | vs 1 webhook (CPU) | LearnHook wall µs | LearnHook B/op |\n");
    md.append("|---:|---:|---:|---:|---:|\n");
    List<Point> hooks = count.getOrDefault("learnHook", List.of());
    for (Point p : hooks) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %,.0f | %.2f | %.2f× | %.2f | %,.0f |%n",
              p.x(),
              p.cpuMicros(),
              p.cpuMicros() / hooks.get(0).cpuMicros(),
              p.micros(),
              p.bytesPerOp()));
    }
    return md.toString();
  }

  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e"};

  /** A line chart: x always on a log scale, y on a log scale when {@code logY}, else from zero. */
  static String svg(
      String title, String xLabel, String yLabel, Map<String, List<Point>> series, boolean logY) {
    int width = 720;
    int height = 440;
    int left = 80;
    int right = 170;
    int top = 40;
    int bottom = 60;
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (List<Point> points : series.values()) {
      for (Point p : points) {
        minX = Math.min(minX, p.x());
        maxX = Math.max(maxX, p.x());
        minY = Math.min(minY, p.cpuMicros());
        maxY = Math.max(maxY, p.cpuMicros());
      }
    }
    Axis xAxis = Axis.log(minX, maxX);
    Axis yAxis = logY ? Axis.log(minY, maxY) : Axis.linear(0, maxY * 1.15);
    int plotWidth = width - left - right;
    int plotHeight = height - top - bottom;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n",
            width,
            height,
            width,
            height));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(width / 2.0, 22, "middle", 15, escape(title)));
    // Grid and tick labels.
    for (double tick : xAxis.ticks()) {
      double x = left + xAxis.position(tick) * plotWidth;
      svg.append(line(x, top, x, top + plotHeight, "#e5e5e5"));
      svg.append(text(x, top + plotHeight + 18, "middle", 12, number(tick)));
    }
    for (double tick : yAxis.ticks()) {
      double y = top + plotHeight - yAxis.position(tick) * plotHeight;
      svg.append(line(left, y, left + plotWidth, y, "#e5e5e5"));
      svg.append(text(left - 6, y + 4, "end", 12, number(tick)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
            left,
            top,
            plotWidth,
            plotHeight));
    svg.append(text(left + plotWidth / 2.0, height - 18, "middle", 13, escape(xLabel)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 18 %.1f)\">%s</text>%n",
            top + plotHeight / 2.0,
            top + plotHeight / 2.0,
            escape(yLabel)));
    int index = 0;
    for (Map.Entry<String, List<Point>> entry : series.entrySet()) {
      String colour = COLOURS[index % COLOURS.length];
      StringBuilder path = new StringBuilder();
      for (Point p : entry.getValue()) {
        double x = left + xAxis.position(p.x()) * plotWidth;
        double y = top + plotHeight - yAxis.position(p.cpuMicros()) * plotHeight;
        path.append(path.length() == 0 ? "M" : " L")
            .append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s: %s → %.2f µs</title></circle>%n",
                x,
                y,
                colour,
                escape(entry.getKey()),
                number(p.x()),
                p.cpuMicros()));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
              path,
              colour));
      double legendY = top + 16 + index * 20;
      svg.append(
          line(left + plotWidth + 14, legendY - 4, left + plotWidth + 38, legendY - 4, colour));
      svg.append(text(left + plotWidth + 44, legendY, "start", 12, escape(label(entry.getKey()))));
      index++;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String label(String method) {
    return switch (method) {
      case "learnHook" -> "LearnHook endpoint";
      case "jacksonReadTree" -> "Jackson readTree";
      default -> method;
    };
  }

  /** Where values sit along an axis, from 0 to 1. */
  private record Axis(double min, double max, boolean log) {
    static Axis log(double min, double max) {
      return new Axis(
          Math.pow(10, Math.floor(Math.log10(min))),
          Math.pow(10, Math.ceil(Math.log10(max))),
          true);
    }

    static Axis linear(double min, double max) {
      double step = niceStep(max - min);
      return new Axis(min, Math.ceil(max / step) * step, false);
    }

    double position(double value) {
      return log
          ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
          : (value - min) / (max - min);
    }

    List<Double> ticks() {
      List<Double> ticks = new ArrayList<>();
      if (log) {
        for (double t = min; t <= max * 1.0001; t *= 10) {
          ticks.add(t);
        }
      } else {
        double step = niceStep(max - min);
        for (double t = min; t <= max + step / 1000; t += step) {
          ticks.add(t);
        }
      }
      return ticks;
    }

    private static double niceStep(double range) {
      double raw = range / 6;
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double[] nice = {1, 2, 2.5, 5, 10};
      for (double n : nice) {
        if (n * magnitude >= raw) {
          return n * magnitude;
        }
      }
      return 10 * magnitude;
    }
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"/>%n",
        x1,
        y1,
        x2,
        y2,
        colour,
        colour.startsWith("#e") ? "1" : "2");
  }

  private static String text(double x, double y, String anchor, int size, String content) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
        x,
        y,
        anchor,
        size,
        content);
  }

  private static String number(double value) {
    if (value >= 1_000_000 && value % 1_000_000 == 0) {
      return String.format(Locale.ROOT, "%.0fM", value / 1_000_000);
    }
    if (value >= 1000 && value % 1000 == 0) {
      return String.format(Locale.ROOT, "%.0fk", value / 1000);
    }
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
