package news.ticker.bench.load;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Zipf law over {@code n} ranks: rank k (from 1) has weight proportional to {@code 1 / k^s}. How
 * a night of news spreads attention: a few stories take most of the updates and most of the
 * readers, a long tail takes the rest.
 */
public final class Zipf {

  private final double[] weights;
  private final double[] cumulative;

  public Zipf(int n, double s) {
    if (n < 1 || !(s >= 0)) {
      throw new IllegalArgumentException("n ≥ 1 and s ≥ 0, not n=" + n + ", s=" + s);
    }
    weights = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      weights[k] = 1 / Math.pow(k + 1, s);
      sum += weights[k];
    }
    cumulative = new double[n];
    double acc = 0;
    for (int k = 0; k < n; k++) {
      weights[k] /= sum;
      acc += weights[k];
      cumulative[k] = acc;
    }
    cumulative[n - 1] = 1.0;
  }

  public int size() {
    return weights.length;
  }

  /** The share of rank {@code index} (from 0). */
  public double weight(int index) {
    return weights[index];
  }

  /**
   * {@code total} items spread over the ranks by weight, in whole numbers that add up to {@code
   * total} exactly (largest remainder: the floor of each share, then one more to the ranks with the
   * largest fractions, the first rank first on a tie).
   */
  public int[] spread(int total) {
    int n = weights.length;
    int[] counts = new int[n];
    double[] fraction = new double[n];
    int given = 0;
    for (int k = 0; k < n; k++) {
      double share = weights[k] * total;
      counts[k] = (int) Math.floor(share);
      fraction[k] = share - counts[k];
      given += counts[k];
    }
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    Arrays.sort(
        order,
        (a, b) -> fraction[a] != fraction[b] ? Double.compare(fraction[b], fraction[a]) : a - b);
    for (int i = 0; given < total; i++) {
      counts[order[i % n]]++;
      given++;
    }
    return counts;
  }

  /** A seeded sampler of ranks (from 0): the same seed gives the same sequence. */
  public Sampler sampler(long seed) {
    return new Sampler(new SplittableRandom(seed));
  }

  /** Draws ranks by weight (inverse of the cumulative weights). */
  public final class Sampler {
    private final SplittableRandom random;

    private Sampler(SplittableRandom random) {
      this.random = random;
    }

    public int next() {
      double u = random.nextDouble();
      int i = Arrays.binarySearch(cumulative, u);
      int k = i >= 0 ? i + 1 : -i - 1;
      return Math.min(k, cumulative.length - 1);
    }
  }
}
