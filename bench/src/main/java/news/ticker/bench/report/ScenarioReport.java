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

  /**
   * A target of issue 7, with what was measured; {@code met} is null when it could not be measured.
   */
  public record Target(String what, String goal, String measured, Boolean met) {}

  private final String id;
  private final String title;
  private final String what;
  private String status = "measured";
  private final List<String> notes = new ArrayList<>();
  private final List<Table> tables = new ArrayList<>();
  private final List<Chart> charts = new ArrayList<>();
  private final List<Target> targets = new ArrayList<>();
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

  /** The raw figures, written to results.json under the scenario's id. */
  public ObjectNode json() {
    return json;
  }
}
