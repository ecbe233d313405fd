package news.ticker.bench.profile;

import java.util.Arrays;

/** Percentiles of a handful of values (GC pauses), by the nearest-rank method. */
public final class Percentile {

  private Percentile() {}

  /**
   * The smallest value that at least {@code q} of the values do not exceed (nearest rank: the
   * {@code ceil(q·n)}-th smallest). With fewer than 100 pauses the p99 is the longest one: a
   * percentile never invents a value that was not measured. NaN when there are no values.
   */
  public static double nearestRank(long[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }
}
