package news.ticker.bench.compare;

import java.util.Locale;

/**
 * How run B fared against run A on one figure. Two measurements of the same code differ by a few
 * per cent from run to run on a shared machine, so a change within {@link #TOLERANCE} is "same":
 * only a larger one is called better or worse.
 */
public enum Verdict {
  BETTER("better"),
  WORSE("worse"),
  SAME("same"),
  /** Moved beyond the tolerance, for a figure that is neither better higher nor lower. */
  CHANGED("changed"),
  /** The runs differ in mode or machine and the figure has no ratio to a limit in both. */
  NOT_COMPARABLE("not comparable"),
  /** A value is missing (null in results.json) in one of the runs. */
  NOT_MEASURED("not measured"),
  ONLY_A("only in A"),
  ONLY_B("only in B");

  /**
   * Two values are the same when they differ by at most this share of the larger one (5 %). A
   * smaller change is not told apart from the noise between runs on a shared machine; a change that
   * matters should be larger, or shown by repeated runs.
   */
  public static final double TOLERANCE = 0.05;

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * Judges B against A.
   *
   * @param a run A's value (or ratio to its limit)
   * @param b run B's value (or ratio), the same quantity
   * @param better "higher", "lower" or "neither", as results.json's figures say
   * @param tolerance the share of the larger magnitude within which the two are the same
   */
  public static Verdict judge(double a, double b, String better, double tolerance) {
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      return NOT_MEASURED;
    }
    double diff = b - a;
    if (Math.abs(diff) <= tolerance * Math.max(Math.abs(a), Math.abs(b))) {
      return SAME;
    }
    return switch (better == null ? "neither" : better.toLowerCase(Locale.ROOT)) {
      case "higher" -> diff > 0 ? BETTER : WORSE;
      case "lower" -> diff < 0 ? BETTER : WORSE;
      default -> CHANGED;
    };
  }
}
