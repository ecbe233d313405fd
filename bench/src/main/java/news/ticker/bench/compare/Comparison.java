package news.ticker.bench.compare;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Two runs side by side: their headers, every named figure with its limit and ratio in both, the
 * targets, and what makes them hard to compare.
 *
 * @param a the "before" run
 * @param b the "after" run
 * @param tolerance within which share of the larger value two figures are "same"
 * @param ratiosOnly the runs differ in mode or machine, so the verdicts judge the ratios to the
 *     limits and never the absolute values
 * @param warnings what makes the runs' absolute figures incomparable (mode, machine)
 * @param notes what else a reader should know (old runs without figures, interrupted runs, JVM
 *     options that differ, uncommitted changes)
 * @param headers the runs' headers side by side
 * @param scenarios each scenario's status in both runs
 * @param figures the named figures, matched
 * @param targets the targets, matched
 */
public record Comparison(
    RunResults a,
    RunResults b,
    double tolerance,
    boolean ratiosOnly,
    List<String> warnings,
    List<String> notes,
    List<Headers.Row> headers,
    List<ScenarioStatus> scenarios,
    List<FigureComparison> figures,
    List<TargetComparison> targets) {

  /**
   * A scenario's status in both runs ("measured", "partial", "not measured"; "not run" when the run
   * did not run it).
   */
  public record ScenarioStatus(String id, String title, String a, String b) {}

  /** Compares run B (after) with run A (before), with {@link Verdict#TOLERANCE}. */
  public static Comparison of(RunResults a, RunResults b) {
    return of(a, b, Verdict.TOLERANCE);
  }

  public static Comparison of(RunResults a, RunResults b, double tolerance) {
    List<String> warnings = new ArrayList<>();
    boolean modeDiffers = !a.mode().equals(b.mode());
    if (modeDiffers) {
      warnings.add(
          "The runs differ in mode: A is a "
              + a.mode()
              + " run and B a "
              + b.mode()
              + " run, with other sizes and windows. Only the ratios to the limits are"
              + " comparable; the verdicts judge the ratios.");
    }
    boolean machineDiffers = !a.cpu().equals(b.cpu());
    if (machineDiffers) {
      warnings.add(
          "The runs ran on different machines: A on "
              + a.cpu()
              + ", B on "
              + b.cpu()
              + ". Only the ratios to the limits are comparable; the verdicts judge the ratios.");
    }
    List<String> notes = new ArrayList<>();
    boolean figures = true;
    for (RunResults r : List.of(a, b)) {
      String side = r == a ? "A" : "B";
      if (!r.hasFigures()) {
        figures = false;
        notes.add(
            "Run "
                + side
                + " ("
                + r.name()
                + ") has no named figures (written before --compare existed): only the targets"
                + " are compared.");
      }
      if (r.root().path("interrupted").asBoolean(false)) {
        notes.add("Run " + side + " was interrupted: only its finished scenarios are in it.");
      }
    }
    List<Headers.Row> headers = Headers.rows(a, b);
    for (Headers.Row row : headers) {
      if (row.differs() && isComponent(a, b, row.what())) {
        notes.add(
            "The JVM of "
                + row.what()
                + " differs: A "
                + row.a()
                + "; B "
                + row.b()
                + ". Figures of that component moved with it, not only with the code.");
      }
    }
    return new Comparison(
        a,
        b,
        tolerance,
        modeDiffers || machineDiffers,
        List.copyOf(warnings),
        List.copyOf(notes),
        headers,
        statuses(a, b),
        figures
            ? FigureComparison.match(a, b, modeDiffers || machineDiffers, tolerance)
            : List.of(),
        TargetComparison.match(a, b));
  }

  /** Whether both runs name their figures (else only targets are compared). */
  public boolean figuresCompared() {
    return a.hasFigures() && b.hasFigures();
  }

  /** How many figures got each verdict. */
  public Map<Verdict, Integer> verdictCounts() {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (FigureComparison f : figures) {
      counts.merge(f.verdict(), 1, Integer::sum);
    }
    return counts;
  }

  private static boolean isComponent(RunResults a, RunResults b, String name) {
    return a.root().path("jvm").path("components").has(name)
        || b.root().path("jvm").path("components").has(name);
  }

  private static List<ScenarioStatus> statuses(RunResults a, RunResults b) {
    List<String> ids = new ArrayList<>(a.scenarioIds());
    for (String id : b.scenarioIds()) {
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    List<ScenarioStatus> list = new ArrayList<>();
    for (String id : ids) {
      String title = a.scenario(id).path("title").asText(b.scenario(id).path("title").asText(id));
      list.add(new ScenarioStatus(id, title, status(a, id), status(b, id)));
    }
    return list;
  }

  private static String status(RunResults r, String id) {
    return r.scenario(id).isMissingNode()
        ? "not run"
        : r.scenario(id).path("status").asText("unknown");
  }
}
