package news.ticker.bench.report;

import java.util.Locale;

/** Number formatting of the report: grouped thousands, significant digits, ratios. */
public final class Format {

  private Format() {}

  /** A rate or count: whole numbers grouped ("12,345"), small values with decimals. */
  public static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.US, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.US, "%.1f", v);
    }
    if (a == 0) {
      return "0";
    }
    return String.format(Locale.US, "%.2f", v);
  }

  /** A count: grouped thousands, no decimals ("12,345", "30"). */
  public static String count(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "n/a";
    }
    return String.format(Locale.US, "%,.0f", v);
  }

  /** Milliseconds: three significant digits ("0.412 ms", "12.3 ms", "1,250 ms"). */
  public static String ms(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v >= 100) {
      return String.format(Locale.US, "%,.0f ms", v);
    }
    if (v >= 10) {
      return String.format(Locale.US, "%.1f ms", v);
    }
    if (v >= 1) {
      return String.format(Locale.US, "%.2f ms", v);
    }
    return String.format(Locale.US, "%.3f ms", v);
  }

  public static String seconds(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return v >= 100
        ? String.format(Locale.US, "%,.0f s", v)
        : String.format(Locale.US, "%.1f s", v);
  }

  /** measured ÷ limit with two decimals, or "n/a". */
  public static String ratio(double measured, double limit) {
    if (Double.isNaN(measured) || Double.isNaN(limit) || limit == 0) {
      return "n/a";
    }
    double r = measured / limit;
    if (r >= 100) {
      return String.format(Locale.US, "%,.0f", r);
    }
    if (r >= 0.1 || r == 0) {
      return String.format(Locale.US, "%.2f", r);
    }
    // two significant digits for small shares: 0.0013, not 0.00
    return new java.math.BigDecimal(r)
        .round(new java.math.MathContext(2))
        .stripTrailingZeros()
        .toPlainString();
  }

  public static String percent(double fraction) {
    if (Double.isNaN(fraction)) {
      return "n/a";
    }
    return String.format(Locale.US, "%.1f %%", fraction * 100);
  }

  public static String bytes(double v) {
    if (v >= 1024 * 1024) {
      return String.format(Locale.US, "%.1f MiB", v / 1024 / 1024);
    }
    if (v >= 1024) {
      return String.format(Locale.US, "%.1f KiB", v / 1024);
    }
    return String.format(Locale.US, "%.0f B", v);
  }

  /** Escapes a table cell (pipes and line breaks). */
  public static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }
}
