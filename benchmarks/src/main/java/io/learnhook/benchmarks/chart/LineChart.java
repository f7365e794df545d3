package io.learnhook.benchmarks.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A small line chart written as SVG by hand, so that each harness draws its own curve into
 * docs/perf/ without a charting library: named series of (x, y) points, a linear or logarithmic x
 * axis, a y axis from zero, gridlines with labels, a legend.
 */
public final class LineChart {
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
  private static final int WIDTH = 800;
  private static final int HEIGHT = 420;
  private static final int LEFT = 80;
  private static final int RIGHT = 260;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean logX;
  private final List<Series> series = new ArrayList<>();

  /** One line. */
  public record Series(String name, List<double[]> points) {
    public Series {
      Objects.requireNonNull(name, "name");
      points = List.copyOf(points);
    }
  }

  public LineChart(String title, String xLabel, String yLabel, boolean logX) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logX = logX;
  }

  /** Adds a line of points {x, y}. */
  public LineChart add(String name, List<double[]> points) {
    series.add(new Series(name, points));
    return this;
  }

  /** Writes the chart, creating the folder if needed. */
  public void write(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, svg(), StandardCharsets.UTF_8);
  }

  /** The SVG document. */
  public String svg() {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = 0;
    for (Series s : series) {
      for (double[] p : s.points()) {
        minX = Math.min(minX, p[0]);
        maxX = Math.max(maxX, p[0]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    if (minX == maxX) {
      maxX = minX + 1;
    }
    double yTop = niceCeiling(maxY * 1.1);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n",
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(WIDTH / 2.0, 24, title, "middle", 15));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    // y gridlines
    for (int i = 0; i <= 5; i++) {
      double value = yTop * i / 5;
      double y = TOP + plotH - plotH * i / 5.0;
      svg.append(line(LEFT, y, LEFT + plotW, y, "#ddd"));
      svg.append(text(LEFT - 6, y + 4, number(value), "end", 11));
    }
    // x ticks: each distinct x of the data
    List<Double> xs = new ArrayList<>();
    for (Series s : series) {
      for (double[] p : s.points()) {
        if (!xs.contains(p[0])) {
          xs.add(p[0]);
        }
      }
    }
    for (double x : xs) {
      double px = LEFT + plotW * fraction(x, minX, maxX);
      svg.append(line(px, TOP, px, TOP + plotH, "#eee"));
      svg.append(text(px, TOP + plotH + 16, number(x), "middle", 11));
    }
    svg.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#333"));
    svg.append(line(LEFT, TOP, LEFT, TOP + plotH, "#333"));
    svg.append(
        text(LEFT + plotW / 2.0, HEIGHT - 18, xLabel + (logX ? " (log scale)" : ""), "middle", 12));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">%s</text>%n",
            TOP + plotH / 2.0,
            TOP + plotH / 2.0,
            escape(yLabel)));
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      String colour = COLOURS[i % COLOURS.length];
      StringBuilder path = new StringBuilder();
      for (double[] p : s.points()) {
        double px = LEFT + plotW * fraction(p[0], minX, maxX);
        double py = TOP + plotH - plotH * (p[1] / yTop);
        path.append(path.length() == 0 ? "M" : " L")
            .append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n",
                px,
                py,
                colour));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
              path,
              colour));
      double ly = TOP + 10 + i * 20;
      svg.append(line(LEFT + plotW + 14, ly, LEFT + plotW + 36, ly, colour, 3));
      svg.append(text(LEFT + plotW + 42, ly + 4, s.name(), "start", 12));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private double fraction(double x, double min, double max) {
    if (logX) {
      return (Math.log10(x) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
    }
    return (x - min) / (max - min);
  }

  private static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String number(double value) {
    if (value >= 1_000_000 && value % 1_000_000 == 0) {
      return String.format(Locale.ROOT, "%.0fM", value / 1_000_000);
    }
    if (value >= 1_000 && value % 1_000 == 0) {
      return String.format(Locale.ROOT, "%.0fk", value / 1_000);
    }
    if (value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return line(x1, y1, x2, y2, colour, 1);
  }

  private static String line(double x1, double y1, double x2, double y2, String colour, int width) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%d\"/>%n",
        x1,
        y1,
        x2,
        y2,
        colour,
        width);
  }

  private static String text(double x, double y, String text, String anchor, int size) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
        x,
        y,
        anchor,
        size,
        escape(text));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
