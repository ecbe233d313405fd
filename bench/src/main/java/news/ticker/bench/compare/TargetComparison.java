package news.ticker.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One target of the issues in two runs, matched by scenario id and the target's wording ({@code
 * what}).
 *
 * @param goal run A's goal, or B's when A lacks the target
 * @param a run A's side, or null when the target is only in B
 * @param b run B's side, or null when the target is only in A
 */
public record TargetComparison(String scenario, String what, String goal, Side a, Side b) {

  /**
   * One run's reading of a target.
   *
   * @param grade "met", "not met", "rate not reached" or "not measured"
   */
  public record Side(String measured, String goal, String grade) {
    static Side of(JsonNode t) {
      return new Side(
          t.path("measured").asText(""), t.path("goal").asText(""), TargetComparison.grade(t));
    }
  }

  /**
   * The target's grade. Runs before grades existed wrote only {@code met}: true, false, or null
   * when not measured.
   */
  static String grade(JsonNode t) {
    if (t.hasNonNull("grade")) {
      return t.path("grade").asText();
    }
    JsonNode met = t.path("met");
    if (met.isBoolean()) {
      return met.asBoolean() ? "met" : "not met";
    }
    return "not measured";
  }

  /** How the grade moved from A to B: "" when it did not, "now met", "no longer met", or both. */
  public String change() {
    if (a == null || b == null || a.grade().equals(b.grade())) {
      return "";
    }
    if (b.grade().equals("met")) {
      return "now met";
    }
    if (a.grade().equals("met")) {
      return "no longer met";
    }
    return a.grade() + " → " + b.grade();
  }

  /** Every target of both runs: in run A's order, those only in B after A's of each scenario. */
  public static List<TargetComparison> match(RunResults a, RunResults b) {
    List<String> scenarios = new ArrayList<>(a.scenarioIds());
    for (String id : b.scenarioIds()) {
      if (!scenarios.contains(id)) {
        scenarios.add(id);
      }
    }
    List<TargetComparison> rows = new ArrayList<>();
    for (String id : scenarios) {
      Map<String, JsonNode> ta = byWhat(a.scenario(id).path("targets"));
      Map<String, JsonNode> tb = byWhat(b.scenario(id).path("targets"));
      Map<String, JsonNode> all = new LinkedHashMap<>(ta);
      tb.forEach(all::putIfAbsent);
      for (Map.Entry<String, JsonNode> e : all.entrySet()) {
        JsonNode inA = ta.get(e.getKey());
        JsonNode inB = tb.get(e.getKey());
        rows.add(
            new TargetComparison(
                id,
                e.getKey(),
                e.getValue().path("goal").asText(""),
                inA == null ? null : Side.of(inA),
                inB == null ? null : Side.of(inB)));
      }
    }
    return rows;
  }

  private static Map<String, JsonNode> byWhat(JsonNode targets) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    targets.forEach(t -> map.putIfAbsent(t.path("what").asText(""), t));
    return map;
  }
}
