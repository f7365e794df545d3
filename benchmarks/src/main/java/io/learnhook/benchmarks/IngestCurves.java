package io.learnhook.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the two ingest sweeps ({@link IngestPayloadSizeBenchmark}, {@link IngestWebhookCountBenchmark})
 * and writes what they measured into a folder: one SVG chart per curve, drawn here by hand, and a
 * Markdown table of the figures ({@code ingest-scaling.md}).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.learnhook.benchmarks.IngestCurves docs/perf
 * }</pre>
 *
 * <p>System properties {@code curves.warmups}, {@code curves.iterations} and {@code curves.seconds}
 * (defaults 3, 5, 2) set how long each point is measured.
 */
public final class IngestCurves {
  private IngestCurves() {}

  /**
   * One point of a curve: the parameter, the wall-clock time per call (± JMH's 99.9% error), the
   * process CPU time per call ({@link CpuTimeProfiler}; what the charts show) and the bytes allocated
   * per call.
   */
  record Point(double x, double micros, double error, double cpuMicros, double bytesPerOp) {}

  public static void main(String[] args) throws RunnerException, IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/perf");
    Files.createDirectories(out);
    Map<String, List<Point>> size = run(IngestPayloadSizeBenchmark.class, "bytes");
    Map<String, List<Point>> count = run(IngestWebhookCountBenchmark.class, "webhooks");

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

  /** Runs every benchmark method of {@code benchmark} over its parameter; series keyed by method. */
  private static Map<String, List<Point>> run(Class<?> benchmark, String param)
      throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(benchmark.getName() + "\\.")
            .forks(1)
            .warmupIterations(Integer.getInteger("curves.warmups", 3))
            .measurementIterations(Integer.getInteger("curves.iterations", 5))
            .warmupTime(TimeValue.seconds(Integer.getInteger("curves.seconds", 2)))
            .measurementTime(TimeValue.seconds(Integer.getInteger("curves.seconds", 2)))
            .addProfiler(GCProfiler.class)
            .addProfiler(CpuTimeProfiler.class);
    Collection<RunResult> results = new Runner(options.build()).run();
    Map<String, List<Point>> series = new TreeMap<>();
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      double x = Double.parseDouble(result.getParams().getParam(param));
      Result<?> primary = result.getPrimaryResult();
      double bytes = Double.NaN;
      double cpu = Double.NaN;
      for (Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet()) {
        if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
          bytes = secondary.getValue().getScore();
        } else if (secondary.getKey().endsWith("cpu.time.norm")) {
          cpu = secondary.getValue().getScore() / 1000;
        }
      }
      series
          .computeIfAbsent(method, m -> new ArrayList<>())
          .add(new Point(x, primary.getScore(), primary.getScoreError(), cpu, bytes));
    }
    series.values().forEach(points -> points.sort((a, b) -> Double.compare(a.x(), b.x())));
    return series;
  }

  static String table(Map<String, List<Point>> size, Map<String, List<Point>> count) {
    StringBuilder md = new StringBuilder();
    md.append("Payload size. CPU: process CPU µs per call; wall: µs per call ± 99.9% error; B/op from `-prof gc`.\n\n");
    md.append("| payload bytes | LearnHook CPU µs | readTree CPU µs | LearnHook ÷ readTree (CPU) | LearnHook wall µs | readTree wall µs | LearnHook CPU ns per byte | LearnHook B/op | readTree B/op |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    List<Point> ours = size.getOrDefault("learnHook", List.of());
    List<Point> tree = size.getOrDefault("jacksonReadTree", List.of());
    for (int i = 0; i < ours.size(); i++) {
      Point p = ours.get(i);
      Point t = i < tree.size() ? tree.get(i) : null;
      md.append(
          String.format(
              Locale.ROOT,
              "| %,.0f | %.2f | %s | %s | %.2f ± %.2f | %s | %.2f | %,.0f | %s |%n",
              p.x(),
              p.cpuMicros(),
              t == null ? "" : String.format(Locale.ROOT, "%.2f", t.cpuMicros()),
              t == null ? "" : String.format(Locale.ROOT, "%.2f×", p.cpuMicros() / t.cpuMicros()),
              p.micros(),
              p.error(),
              t == null ? "" : String.format(Locale.ROOT, "%.2f ± %.2f", t.micros(), t.error()),
              p.cpuMicros() * 1000 / p.x(),
              p.bytesPerOp(),
              t == null ? "" : String.format(Locale.ROOT, "%,.0f", t.bytesPerOp())));
    }
    md.append("\nWebhooks in the store:\n\n");
    md.append("| webhooks | LearnHook CPU µs | vs 1 webhook (CPU) | LearnHook wall µs | LearnHook B/op |\n");
    md.append("|---:|---:|---:|---:|---:|\n");
    List<Point> hooks = count.getOrDefault("learnHook", List.of());
    for (Point p : hooks) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %,.0f | %.2f | %.2f× | %.2f ± %.2f | %,.0f |%n",
              p.x(),
              p.cpuMicros(),
              p.cpuMicros() / hooks.get(0).cpuMicros(),
              p.micros(),
              p.error(),
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
            width, height, width, height));
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
            left, top, plotWidth, plotHeight));
    svg.append(text(left + plotWidth / 2.0, height - 18, "middle", 13, escape(xLabel)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 18 %.1f)\">%s</text>%n",
            top + plotHeight / 2.0, top + plotHeight / 2.0, escape(yLabel)));
    int index = 0;
    for (Map.Entry<String, List<Point>> entry : series.entrySet()) {
      String colour = COLOURS[index % COLOURS.length];
      StringBuilder path = new StringBuilder();
      for (Point p : entry.getValue()) {
        double x = left + xAxis.position(p.x()) * plotWidth;
        double y = top + plotHeight - yAxis.position(p.cpuMicros()) * plotHeight;
        path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s: %s → %.2f µs</title></circle>%n",
                x, y, colour, escape(entry.getKey()), number(p.x()), p.cpuMicros()));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", path, colour));
      double legendY = top + 16 + index * 20;
      svg.append(line(left + plotWidth + 14, legendY - 4, left + plotWidth + 38, legendY - 4, colour));
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
      return new Axis(Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max))), true);
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
        x1, y1, x2, y2, colour, colour.startsWith("#e") ? "1" : "2");
  }

  private static String text(double x, double y, String anchor, int size, String content) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
        x, y, anchor, size, content);
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
