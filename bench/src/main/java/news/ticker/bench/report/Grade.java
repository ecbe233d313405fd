package news.ticker.bench.report;

/**
 * How a target fared. A cell whose load generator did not reach its asked rate is never graded
 * {@link #MET}: a figure measured at a lower rate than the target names says nothing about that
 * rate.
 */
public enum Grade {
  MET("met"),
  NOT_MET("not met"),
  RATE_NOT_REACHED("rate not reached"),
  NOT_MEASURED("not measured");

  /** A cell is measured at its asked rate when it achieved at least this share of it. */
  public static final double RATE_REACHED_SHARE = 0.95;

  private final String label;

  Grade(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** {@link #MET} or {@link #NOT_MET}, or {@link #NOT_MEASURED} for null. */
  public static Grade of(Boolean met) {
    return met == null ? NOT_MEASURED : met ? MET : NOT_MET;
  }

  /**
   * The grade of a cell that ran at a rate: {@link #RATE_NOT_REACHED} when it achieved less than
   * {@link #RATE_REACHED_SHARE} of the asked rate, whatever its figures; else as {@link
   * #of(Boolean)}.
   *
   * @param asked the rate the cell asked for (per second)
   * @param achieved the rate it achieved (per second; NaN when not measured)
   * @param met whether its figures meet the target, null when not measured
   */
  public static Grade atRate(double asked, double achieved, Boolean met) {
    if (met == null || Double.isNaN(achieved)) {
      return NOT_MEASURED;
    }
    if (!rateReached(asked, achieved)) {
      return RATE_NOT_REACHED;
    }
    return of(met);
  }

  /** Whether {@code achieved} is at least {@link #RATE_REACHED_SHARE} of {@code asked}. */
  public static boolean rateReached(double asked, double achieved) {
    return achieved >= asked * RATE_REACHED_SHARE;
  }
}
