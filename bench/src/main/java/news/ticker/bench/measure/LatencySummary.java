package news.ticker.bench.measure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Percentiles of a histogram of microseconds, in milliseconds.
 *
 * @param cdf (percentile, milliseconds) points for a latency-by-percentile chart
 */
public record LatencySummary(
    long count,
    double meanMs,
    double p50Ms,
    double p90Ms,
    double p95Ms,
    double p99Ms,
    double p999Ms,
    double maxMs,
    List<double[]> cdf) {

  public static final LatencySummary EMPTY =
      new LatencySummary(
          0,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          List.of());

  public static LatencySummary of(AbstractHistogram h) {
    if (h.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencySummary(
        h.getTotalCount(),
        h.getMean() / 1000.0,
        ms(h, 50),
        ms(h, 90),
        ms(h, 95),
        ms(h, 99),
        ms(h, 99.9),
        h.getMaxValue() / 1000.0,
        cdf(h));
  }

  private static double ms(AbstractHistogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }

  /** Points of the percentile distribution, five per halving of the remaining tail. */
  static List<double[]> cdf(AbstractHistogram h) {
    List<double[]> points = new ArrayList<>();
    for (HistogramIterationValue v : h.percentiles(5)) {
      double p = v.getPercentileLevelIteratedTo();
      double value = h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0;
      if (!points.isEmpty() && points.get(points.size() - 1)[0] >= p) {
        continue;
      }
      points.add(new double[] {p, value});
      if (p >= 100.0) {
        break;
      }
    }
    return points;
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("count", count);
    put(o, "meanMs", meanMs);
    put(o, "p50Ms", p50Ms);
    put(o, "p90Ms", p90Ms);
    put(o, "p95Ms", p95Ms);
    put(o, "p99Ms", p99Ms);
    put(o, "p999Ms", p999Ms);
    put(o, "maxMs", maxMs);
    ArrayNode points = o.putArray("cdf");
    for (double[] p : cdf) {
      points.addArray().add(round(p[0], 6)).add(round(p[1], 3));
    }
    return o;
  }

  private static void put(ObjectNode o, String name, double value) {
    if (Double.isNaN(value)) {
      o.putNull(name);
    } else {
      o.put(name, round(value, 3));
    }
  }

  public static double round(double value, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(value * f) / f;
  }
}
