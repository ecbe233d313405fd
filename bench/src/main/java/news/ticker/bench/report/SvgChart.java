package news.ticker.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hand-written SVG charts: latency by percentile (HdrHistogram style: the x axis spreads the tail,
 * 90 %, 99 %, 99.9 %… equally apart; the y axis is logarithmic) and values over time.
 */
public final class SvgChart {

  /** A named line: points of (x, y). */
  public record Line(String name, List<double[]> points, boolean dashed) {
    public Line(String name, List<double[]> points) {
      this(name, points, false);
    }
  }

  /** A horizontal reference line (a limit). */
  public record Level(String name, double value) {}

  static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22"
  };

  private static final int W = 860;
  private static final int H = 480;
  private static final int LEFT = 78;
  private static final int RIGHT = 250;
  private static final int TOP = 48;
  private static final int BOTTOM = 56;
  private static final double MAX_NINES = 5; // up to 99.999 %

  private SvgChart() {}

  /** The x position of a percentile: -log10(1 - p), so each further "9" is one step. */
  static double nines(double percentile) {
    double p = Math.min(percentile / 100.0, 1 - Math.pow(10, -MAX_NINES));
    return -Math.log10(1 - p);
  }

  /** Latency by percentile: each line's points are (percentile 0-100, milliseconds). */
  public static String percentiles(String title, List<Line> lines) {
    double min = Double.MAX_VALUE;
    double max = 0;
    double maxX = 2;
    for (Line l : lines) {
      for (double[] p : l.points()) {
        if (p[1] > 0) {
          min = Math.min(min, p[1]);
          max = Math.max(max, p[1]);
        }
        if (p[0] < 100) {
          // resolution: one "9" beyond the last percentile below 100 % that the data has
          maxX = Math.max(maxX, Math.min(MAX_NINES, Math.ceil(nines(p[0]) - 1e-9) + 1));
        }
      }
    }
    if (max == 0) {
      min = 0.1;
      max = 1;
    }
    double lo = Math.pow(10, Math.floor(Math.log10(Math.max(min, 0.001))));
    double hi = Math.pow(10, Math.ceil(Math.log10(max * 1.0001)));
    if (hi <= lo) {
      hi = lo * 10;
    }
    double logLo = Math.log10(lo);
    double logHi = Math.log10(hi);
    double xMax = maxX;
    Svg svg = new Svg(title);
    // grid and axes
    for (int n = 0; n <= (int) xMax; n++) {
      double x = sx(n, 0, xMax);
      svg.line(x, TOP, x, H - BOTTOM, "#ddd", false);
      svg.text(x, H - BOTTOM + 18, nineLabel(n), "middle", 12);
    }
    for (double decade = lo; decade <= hi * 1.0001; decade *= 10) {
      for (int m : new int[] {1, 2, 5}) {
        double v = decade * m;
        if (v > hi * 1.0001) {
          break;
        }
        double y = syLog(v, logLo, logHi);
        svg.line(LEFT, y, W - RIGHT, y, m == 1 ? "#ccc" : "#eee", false);
        svg.text(LEFT - 6, y + 4, msLabel(v), "end", 11);
      }
    }
    svg.axes("percentile", "latency (ms, log scale)");
    int i = 0;
    for (Line l : lines) {
      List<double[]> pts = new ArrayList<>();
      for (double[] p : l.points()) {
        double v = Math.max(p[1], lo);
        pts.add(new double[] {sx(Math.min(nines(p[0]), xMax), 0, xMax), syLog(v, logLo, logHi)});
      }
      svg.polyline(pts, COLORS[i % COLORS.length], l.dashed());
      svg.legend(i, l.name(), COLORS[i % COLORS.length], l.dashed());
      i++;
    }
    return svg.end();
  }

  /** Values over time: each line's points are (seconds, value); levels are dashed limits. */
  public static String overTime(String title, String yLabel, List<Line> lines, List<Level> levels) {
    double maxX = 1;
    double maxY = 0;
    for (Line l : lines) {
      for (double[] p : l.points()) {
        maxX = Math.max(maxX, p[0]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    for (Level level : levels) {
      maxY = Math.max(maxY, level.value());
    }
    double top = niceCeiling(maxY <= 0 ? 1 : maxY * 1.08);
    double right = niceCeiling(maxX);
    Svg svg = new Svg(title);
    for (int k = 0; k <= 5; k++) {
      double v = top * k / 5;
      double y = syLin(v, top);
      svg.line(LEFT, y, W - RIGHT, y, "#e5e5e5", false);
      svg.text(LEFT - 6, y + 4, tick(v), "end", 11);
      double xv = right * k / 5;
      double x = sx(xv, 0, right);
      svg.line(x, TOP, x, H - BOTTOM, "#f0f0f0", false);
      svg.text(x, H - BOTTOM + 18, tick(xv), "middle", 12);
    }
    svg.axes("seconds", yLabel);
    int i = 0;
    for (Line l : lines) {
      List<double[]> pts = new ArrayList<>();
      for (double[] p : l.points()) {
        pts.add(new double[] {sx(p[0], 0, right), syLin(p[1], top)});
      }
      svg.polyline(pts, COLORS[i % COLORS.length], l.dashed());
      svg.legend(i, l.name(), COLORS[i % COLORS.length], l.dashed());
      i++;
    }
    for (Level level : levels) {
      double y = syLin(level.value(), top);
      String color = COLORS[i % COLORS.length];
      svg.line(LEFT, y, W - RIGHT, y, color, true);
      svg.legend(i, level.name(), color, true);
      i++;
    }
    return svg.end();
  }

  /** An axis label: whole numbers grouped, fractions with the digits they need. */
  static String tick(double v) {
    if (Math.abs(v - Math.rint(v)) < 1e-9) {
      return String.format(Locale.US, "%,.0f", v);
    }
    return trim(v);
  }

  static double niceCeiling(double v) {
    double exp = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (m * exp >= v) {
        return m * exp;
      }
    }
    return 10 * exp;
  }

  private static double sx(double x, double min, double max) {
    return LEFT + (x - min) / (max - min) * (W - LEFT - RIGHT);
  }

  private static double syLog(double v, double logLo, double logHi) {
    return H - BOTTOM - (Math.log10(v) - logLo) / (logHi - logLo) * (H - TOP - BOTTOM);
  }

  private static double syLin(double v, double top) {
    return H - BOTTOM - v / top * (H - TOP - BOTTOM);
  }

  static String nineLabel(int n) {
    return switch (n) {
      case 0 -> "0%";
      case 1 -> "90%";
      case 2 -> "99%";
      case 3 -> "99.9%";
      case 4 -> "99.99%";
      default -> "99.999%";
    };
  }

  static String msLabel(double v) {
    if (v >= 1000) {
      return trim(v / 1000) + " s";
    }
    if (v >= 1) {
      return String.format(Locale.US, "%.0f", v);
    }
    return String.format(Locale.US, "%s", trim(v));
  }

  private static String trim(double v) {
    String s = String.format(Locale.US, "%.3f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String f(double v) {
    return String.format(Locale.US, "%.1f", v);
  }

  /** The SVG document being written. */
  private static final class Svg {
    private final StringBuilder sb = new StringBuilder();

    Svg(String title) {
      sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
          .append(W)
          .append("\" height=\"")
          .append(H)
          .append("\" viewBox=\"0 0 ")
          .append(W)
          .append(' ')
          .append(H)
          .append("\" font-family=\"Helvetica, Arial, sans-serif\">\n");
      sb.append("<title>").append(escape(title)).append("</title>\n");
      sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
      text(LEFT, 26, title, "start", 16);
    }

    void line(double x1, double y1, double x2, double y2, String color, boolean dashed) {
      sb.append("<line x1=\"")
          .append(f(x1))
          .append("\" y1=\"")
          .append(f(y1))
          .append("\" x2=\"")
          .append(f(x2))
          .append("\" y2=\"")
          .append(f(y2))
          .append("\" stroke=\"")
          .append(color)
          .append('"')
          .append(dashed ? " stroke-dasharray=\"6 4\" stroke-width=\"1.5\"" : "")
          .append("/>\n");
    }

    void text(double x, double y, String text, String anchor, int size) {
      sb.append("<text x=\"")
          .append(f(x))
          .append("\" y=\"")
          .append(f(y))
          .append("\" font-size=\"")
          .append(size)
          .append("\" text-anchor=\"")
          .append(anchor)
          .append("\">")
          .append(escape(text))
          .append("</text>\n");
    }

    void axes(String xLabel, String yLabel) {
      line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "#333", false);
      line(LEFT, TOP, LEFT, H - BOTTOM, "#333", false);
      text((LEFT + W - RIGHT) / 2.0, H - 14, xLabel, "middle", 13);
      double cy = (TOP + H - BOTTOM) / 2.0;
      sb.append("<text x=\"18\" y=\"")
          .append(f(cy))
          .append("\" font-size=\"13\" text-anchor=\"middle\" transform=\"rotate(-90 18 ")
          .append(f(cy))
          .append(")\">")
          .append(escape(yLabel))
          .append("</text>\n");
    }

    void polyline(List<double[]> pts, String color, boolean dashed) {
      if (pts.isEmpty()) {
        return;
      }
      sb.append("<polyline fill=\"none\" stroke=\"")
          .append(color)
          .append("\" stroke-width=\"2\"")
          .append(dashed ? " stroke-dasharray=\"6 4\"" : "")
          .append(" points=\"");
      for (double[] p : pts) {
        sb.append(f(p[0])).append(',').append(f(p[1])).append(' ');
      }
      sb.setLength(sb.length() - 1);
      sb.append("\"/>\n");
    }

    void legend(int index, String name, String color, boolean dashed) {
      double x = W - RIGHT + 16;
      double y = TOP + 8 + index * 20;
      sb.append("<line x1=\"")
          .append(f(x))
          .append("\" y1=\"")
          .append(f(y))
          .append("\" x2=\"")
          .append(f(x + 26))
          .append("\" y2=\"")
          .append(f(y))
          .append("\" stroke=\"")
          .append(color)
          .append("\" stroke-width=\"3\"")
          .append(dashed ? " stroke-dasharray=\"6 4\"" : "")
          .append("/>\n");
      text(x + 32, y + 4, name, "start", 12);
    }

    String end() {
      sb.append("</svg>\n");
      return sb.toString();
    }
  }
}
