package news.ticker.bench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus histogram read from a service's {@code /q/metrics} text (cumulative buckets by
 * {@code le}), the difference of two scrapes, and its quantiles estimated as {@code
 * histogram_quantile} does (linear within a bucket).
 */
public record PromHistogram(TreeMap<Double, Double> buckets, double count, double sum) {

  private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

  /** The histogram {@code name} of a metrics text (buckets summed over any other labels). */
  public static PromHistogram parse(String text, String name) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    double count = 0;
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      String rest = line.substring(name.length());
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      double value;
      try {
        value = Double.parseDouble(line.substring(space + 1).trim());
      } catch (NumberFormatException e) {
        continue;
      }
      if (rest.startsWith("_bucket{")) {
        Matcher m = LE.matcher(rest);
        if (m.find()) {
          String le = m.group(1);
          double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
          buckets.merge(bound, value, Double::sum);
        }
      } else if (rest.startsWith("_count")) {
        count += value;
      } else if (rest.startsWith("_sum")) {
        sum += value;
      }
    }
    return new PromHistogram(buckets, count, sum);
  }

  public boolean isEmpty() {
    return buckets.isEmpty();
  }

  /** What was observed between {@code before} and this scrape. */
  public PromHistogram minus(PromHistogram before) {
    TreeMap<Double, Double> diff = new TreeMap<>();
    buckets.forEach((le, v) -> diff.put(le, Math.max(0, v - before.buckets.getOrDefault(le, 0.0))));
    return new PromHistogram(
        diff, Math.max(0, count - before.count), Math.max(0, sum - before.sum));
  }

  /** Observations in total (the +Inf bucket, or the count). */
  public double total() {
    Double inf = buckets.get(Double.POSITIVE_INFINITY);
    return inf != null ? inf : count;
  }

  /** The q-quantile (0-1) in the histogram's unit, or NaN when empty. */
  public double quantile(double q) {
    double total = total();
    if (total <= 0 || buckets.isEmpty()) {
      return Double.NaN;
    }
    double rank = q * total;
    double prevBound = 0;
    double prevCount = 0;
    for (Map.Entry<Double, Double> e : buckets.entrySet()) {
      if (e.getValue() >= rank) {
        if (Double.isInfinite(e.getKey())) {
          return prevBound; // as histogram_quantile: the highest finite bound
        }
        double inBucket = e.getValue() - prevCount;
        double share = inBucket <= 0 ? 1 : (rank - prevCount) / inBucket;
        return prevBound + (e.getKey() - prevBound) * share;
      }
      prevBound = Double.isInfinite(e.getKey()) ? prevBound : e.getKey();
      prevCount = e.getValue();
    }
    return prevBound;
  }

  /** (percentile, value) points for a chart, from the bucket bounds. */
  public List<double[]> cdf(double scale) {
    List<double[]> out = new ArrayList<>();
    double total = total();
    if (total <= 0) {
      return out;
    }
    for (Map.Entry<Double, Double> e : buckets.entrySet()) {
      if (!Double.isInfinite(e.getKey()) && e.getValue() > 0) {
        out.add(new double[] {100.0 * e.getValue() / total, e.getKey() * scale});
      }
    }
    return out;
  }
}
