package news.ticker.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One named figure of two runs side by side, matched by scenario id and figure key.
 *
 * @param scenario the scenario's id
 * @param key the figure's key within the scenario
 * @param label for people (run A's, else B's)
 * @param unit the value's unit (run A's, else B's)
 * @param better "higher", "lower" or "neither" (run B's, else A's: the newer run knows best)
 * @param a run A's side, or null when the figure is only in B
 * @param b run B's side, or null when the figure is only in A
 * @param valueChange B's value ÷ A's (NaN when either is missing or A's is 0)
 * @param ratioChange B's ratio to its limit ÷ A's (NaN when either has no limit)
 * @param judgedBy "value" or "ratio": what the verdict compared ("" when nothing was)
 * @param verdict how B fared
 */
public record FigureComparison(
    String scenario,
    String key,
    String label,
    String unit,
    String better,
    Side a,
    Side b,
    double valueChange,
    double ratioChange,
    String judgedBy,
    Verdict verdict) {

  /**
   * One run's figure: its value and the limit it stood beside in that run.
   *
   * @param ratio value ÷ limit as the run wrote it (computed when absent), NaN without a limit
   */
  public record Side(double value, double limit, double ratio, String limitLabel) {
    static Side of(JsonNode f) {
      double value = number(f.path("value"));
      double limit = number(f.path("limit"));
      double ratio = number(f.path("ratio"));
      if (Double.isNaN(ratio) && Double.isFinite(limit) && limit != 0) {
        ratio = value / limit;
      }
      return new Side(value, limit, ratio, f.path("limitLabel").asText(""));
    }
  }

  /**
   * Matches the figures of two runs scenario by scenario, in run A's order (figures only in B
   * follow A's in each scenario; scenarios only in B come last).
   *
   * @param ratiosOnly the runs differ in mode or machine: judge the ratios to the limits, never the
   *     absolute values
   */
  public static List<FigureComparison> match(
      RunResults a, RunResults b, boolean ratiosOnly, double tolerance) {
    List<String> scenarios = new ArrayList<>(a.scenarioIds());
    for (String id : b.scenarioIds()) {
      if (!scenarios.contains(id)) {
        scenarios.add(id);
      }
    }
    List<FigureComparison> rows = new ArrayList<>();
    for (String id : scenarios) {
      Map<String, JsonNode> fa = byKey(a.scenario(id).path("figures"));
      Map<String, JsonNode> fb = byKey(b.scenario(id).path("figures"));
      Map<String, JsonNode> keys = new LinkedHashMap<>(fa);
      fb.forEach(keys::putIfAbsent);
      for (String key : keys.keySet()) {
        rows.add(compare(id, key, fa.get(key), fb.get(key), ratiosOnly, tolerance));
      }
    }
    return rows;
  }

  /** One figure of both runs (either may be null: only in the other run). */
  static FigureComparison compare(
      String scenario, String key, JsonNode fa, JsonNode fb, boolean ratiosOnly, double tolerance) {
    JsonNode first = fa != null ? fa : fb;
    JsonNode newest = fb != null ? fb : fa;
    String label = first.path("label").asText(key);
    String unit = first.path("unit").asText("");
    String better = newest.path("better").asText("neither");
    Side a = fa == null ? null : Side.of(fa);
    Side b = fb == null ? null : Side.of(fb);
    if (a == null || b == null) {
      return new FigureComparison(
          scenario,
          key,
          label,
          unit,
          better,
          a,
          b,
          Double.NaN,
          Double.NaN,
          "",
          a == null ? Verdict.ONLY_B : Verdict.ONLY_A);
    }
    double valueChange = quotient(b.value(), a.value());
    double ratioChange = quotient(b.ratio(), a.ratio());
    String judgedBy;
    Verdict verdict;
    if (!Double.isFinite(a.value()) || !Double.isFinite(b.value())) {
      judgedBy = "";
      verdict = Verdict.NOT_MEASURED;
    } else if (!ratiosOnly) {
      judgedBy = "value";
      verdict = Verdict.judge(a.value(), b.value(), better, tolerance);
    } else if (Double.isFinite(a.ratio()) && Double.isFinite(b.ratio())) {
      judgedBy = "ratio";
      verdict = Verdict.judge(a.ratio(), b.ratio(), better, tolerance);
    } else {
      judgedBy = "";
      verdict = Verdict.NOT_COMPARABLE;
    }
    return new FigureComparison(
        scenario, key, label, unit, better, a, b, valueChange, ratioChange, judgedBy, verdict);
  }

  private static Map<String, JsonNode> byKey(JsonNode figures) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    figures.forEach(
        f -> {
          String key = f.path("key").asText("");
          if (!key.isEmpty()) {
            map.putIfAbsent(key, f);
          }
        });
    return map;
  }

  /** b ÷ a, or NaN when either is missing or a is 0. */
  static double quotient(double b, double a) {
    return Double.isFinite(a) && Double.isFinite(b) && a != 0 ? b / a : Double.NaN;
  }

  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }
}
