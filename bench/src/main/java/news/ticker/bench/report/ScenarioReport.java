package news.ticker.bench.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** What one scenario measured: its tables, charts, targets, notes and raw figures. */
public final class ScenarioReport {

  /** A markdown table. */
  public record Table(String title, List<String> header, List<List<String>> rows) {}

  /** An SVG chart written beside the report. */
  public record Chart(String file, String caption, String svg) {}

  /** A target an issue names, with what was measured and how it fared. */
  public record Target(String what, String goal, String measured, Grade grade) {
    /** A target graded by its figures alone; {@code met} null when it could not be measured. */
    public Target(String what, String goal, String measured, Boolean met) {
      this(what, goal, measured, Grade.of(met));
    }

    /** True when met, false when not (or at a rate not reached), null when not measured. */
    public Boolean met() {
      return grade == Grade.NOT_MEASURED ? null : grade == Grade.MET;
    }
  }

  /** Which way a figure is better, for comparing two runs. */
  public enum Better {
    HIGHER,
    LOWER,
    NEITHER
  }

  /**
   * One figure of a run, named so that two runs can be compared figure by figure ({@code ./ticker
   * bench --compare}): a stable {@code key} within the scenario (for example {@code
   * "cell.1000r.100ps.p99Ms"}), a label for people, the value and its unit, and the limit it stands
   * beside in the same run (NaN when it has none).
   */
  public record Figure(
      String key,
      String label,
      double value,
      String unit,
      double limit,
      String limitLabel,
      Better better) {
    /** A figure without a limit. */
    public static Figure of(String key, String label, double value, String unit, Better better) {
      return new Figure(key, label, value, unit, Double.NaN, "", better);
    }

    /** measured ÷ limit, or NaN. */
    public double ratio() {
      return Double.isNaN(limit) || limit == 0 ? Double.NaN : value / limit;
    }
  }

  /**
   * CPU of one phase of the scenario (the stack under load, or one limit's run), as {@code
   * CpuMeter.between} wrote it: cores per component and client, machine busy.
   */
  public record Phase(String name, ObjectNode cpu) {}

  private final String id;
  private final String title;
  private final String what;
  private String status = "measured";
  private final List<String> notes = new ArrayList<>();
  private final List<Table> tables = new ArrayList<>();
  private final List<Chart> charts = new ArrayList<>();
  private final List<Target> targets = new ArrayList<>();
  private final List<Figure> figures = new ArrayList<>();
  private final List<Phase> phases = new ArrayList<>();
  private final ObjectNode json = JsonNodeFactory.instance.objectNode();

  public ScenarioReport(String id, String title, String what) {
    this.id = id;
    this.title = title;
    this.what = what;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String what() {
    return what;
  }

  public String status() {
    return status;
  }

  /** Marks the scenario as partly or not measured, with the reason as a note. */
  public void degrade(String newStatus, String reason) {
    if (!status.equals("not measured")) {
      status = newStatus;
    }
    notes.add(reason);
  }

  public List<String> notes() {
    return notes;
  }

  public void note(String note) {
    notes.add(note);
  }

  public List<Table> tables() {
    return tables;
  }

  public void table(Table table) {
    tables.add(table);
  }

  public List<Chart> charts() {
    return charts;
  }

  public void chart(Chart chart) {
    charts.add(chart);
  }

  public List<Target> targets() {
    return targets;
  }

  public void target(Target target) {
    targets.add(target);
  }

  public List<Figure> figures() {
    return figures;
  }

  /** Adds a figure; a figure with the same key replaces the earlier one. */
  public void figure(Figure figure) {
    figures.removeIf(f -> f.key().equals(figure.key()));
    figures.add(figure);
  }

  public List<Phase> phases() {
    return phases;
  }

  /** Records the CPU of one phase (see {@code CpuMeter.between}). */
  public void phase(String name, ObjectNode cpu) {
    phases.add(new Phase(name, cpu));
  }

  /** The raw figures, written to results.json under the scenario's id. */
  public ObjectNode json() {
    return json;
  }
}
