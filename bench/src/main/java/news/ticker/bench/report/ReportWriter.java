package news.ticker.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a run's folder: {@code results.json}, {@code report.md} and the SVG charts. */
public final class ReportWriter {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /**
   * @param run the run's description: mode, times, machine, JVMs, git, client CPU (results.json top
   *     level); scenario figures are added under "scenarios"
   */
  public static void write(Path dir, ObjectNode run, List<ScenarioReport> scenarios)
      throws IOException {
    Files.createDirectories(dir);
    ObjectNode results = run.deepCopy();
    ObjectNode byId = results.putObject("scenarios");
    for (ScenarioReport s : scenarios) {
      ObjectNode o = byId.putObject(s.id());
      o.put("title", s.title());
      o.put("status", s.status());
      o.putArray("notes").addAll(s.notes().stream().map(results::textNode).toList());
      o.setAll(s.json());
      for (ScenarioReport.Chart c : s.charts()) {
        Files.writeString(dir.resolve(c.file()), c.svg(), StandardCharsets.UTF_8);
      }
      var targets = o.putArray("targets");
      for (ScenarioReport.Target t : s.targets()) {
        ObjectNode to = targets.addObject();
        to.put("what", t.what());
        to.put("goal", t.goal());
        to.put("measured", t.measured());
        if (t.met() == null) {
          to.putNull("met");
        } else {
          to.put("met", t.met());
        }
        to.put("grade", t.grade().label());
      }
      var figures = o.putArray("figures");
      for (ScenarioReport.Figure f : s.figures()) {
        ObjectNode fo = figures.addObject();
        fo.put("key", f.key());
        fo.put("label", f.label());
        putNumber(fo, "value", f.value());
        fo.put("unit", f.unit());
        putNumber(fo, "limit", f.limit());
        fo.put("limitLabel", f.limitLabel());
        putNumber(fo, "ratio", f.ratio());
        fo.put("better", f.better().name().toLowerCase(java.util.Locale.ROOT));
      }
      ObjectNode phases = o.putObject("phases");
      for (ScenarioReport.Phase p : s.phases()) {
        phases.set(p.name(), p.cpu());
      }
    }
    Files.writeString(
        dir.resolve("results.json"),
        JSON.writeValueAsString(results) + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("report.md"), markdown(results, scenarios), StandardCharsets.UTF_8);
  }

  static String markdown(JsonNode run, List<ScenarioReport> scenarios) {
    StringBuilder md = new StringBuilder();
    md.append("# Ticker bench: ")
        .append(run.path("mode").asText())
        .append(" run of ")
        .append(run.path("startedAt").asText())
        .append("\n\n");
    JsonNode m = run.path("machine");
    md.append("**Machine**: ")
        .append(m.path("cpuCount").asInt())
        .append(" × ")
        .append(m.path("cpuModel").asText())
        .append(", ")
        .append(m.path("memoryGiB").asText())
        .append(" GiB memory, ")
        .append(m.path("os").asText())
        .append(" (kernel ")
        .append(m.path("kernel").asText())
        .append(").  \n");
    JsonNode jvm = run.path("jvm");
    md.append("**JVMs**: client ")
        .append(jvm.path("client").path("version").asText())
        .append(" (")
        .append(jvm.path("client").path("vm").asText())
        .append(")");
    jvm.path("components")
        .fields()
        .forEachRemaining(
            e -> {
              String v = e.getValue().path("javaVersion").asText("");
              if (!v.isEmpty()) {
                md.append(", ").append(e.getKey()).append(' ').append(v);
              }
            });
    md.append(".  \n");
    StringBuilder settings = new StringBuilder();
    jvm.path("components")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode c = e.getValue();
              if (c.has("jvmOptions") || c.has("heapAndGc")) {
                settings
                    .append(settings.length() == 0 ? "" : "; ")
                    .append(e.getKey())
                    .append(' ')
                    .append(c.path("heapAndGc").asText("?"))
                    .append(" (options `")
                    .append(c.path("jvmOptions").asText(""))
                    .append("`)");
              }
            });
    if (settings.length() > 0) {
      md.append("**Stack JVM settings** (as `./ticker up` starts them): ")
          .append(settings)
          .append(".  \n");
    }
    JsonNode git = run.path("git");
    md.append("**Commit**: `").append(git.path("commit").asText("unknown")).append('`');
    if (git.path("uncommittedChanges").asLong() > 0) {
      md.append(" with ")
          .append(git.path("uncommittedChanges").asLong())
          .append(" uncommitted changes");
    }
    md.append(".  \n");
    JsonNode cpu = run.path("clientCpu");
    md.append("**Run**: ")
        .append(Format.seconds(run.path("durationSeconds").asDouble()))
        .append(" wall; the bench client itself used ")
        .append(Format.seconds(cpu.path("clientCpuSeconds").asDouble()))
        .append(" of CPU (")
        .append(Format.number(cpu.path("clientCores").asDouble()))
        .append(" cores on average) on the same machine as the stack; the machine was ")
        .append(
            cpu.has("machineBusyPercent") ? cpu.path("machineBusyPercent").asText() + " %" : "n/a")
        .append(" busy overall.\n\n");

    if (run.hasNonNull("warmUp")) {
      md.append("Before measuring, unmeasured traffic warmed the services up: ")
          .append(run.path("warmUp").asText())
          .append(".\n\n");
    }
    if (run.path("quietBefore").size() > 0) {
      List<String> waits = new ArrayList<>();
      run.path("quietBefore")
          .fields()
          .forEachRemaining(
              e ->
                  waits.add(
                      e.getKey()
                          + " "
                          + e.getValue().path("seconds").asText()
                          + " s"
                          + (e.getValue().path("quiet").asBoolean(true)
                              ? ""
                              : " (**not quiet**: lag " + e.getValue().path("lag") + ")")));
      md.append(
              "Before each scenario (and each cell of scenarios 1 and 2) the bench waited until the"
                  + " live consumers had read everything, so that no measurement starts behind an"
                  + " earlier one's backlog. Waits before the scenarios: ")
          .append(String.join(", ", waits))
          .append(".\n\n");
    }
    long lag = run.path("stackAtStart").path("totalLag").asLong(0);
    if (lag > 1000) {
      md.append("**Note**: when the run started, the stack's consumers were still ")
          .append(Format.count(lag))
          .append(" records behind (")
          .append(run.path("stackAtStart").path("consumerLag").toString())
          .append("), busy with an earlier run; figures measured while they catch up are low.\n\n");
    }
    if (run.path("interrupted").asBoolean(false)) {
      md.append("**Interrupted**: only the scenarios that finished are reported.\n\n");
    }
    md.append(
            "Every figure stands beside its limit, measured in the same run on the same machine. ")
        .append(
            "**ratio = measured ÷ limit**: for a rate, the share of the limit reached (1.00 = as fast as the limit); ")
        .append(
            "for a latency, how many times the limit it takes (1.00 = as fast as the limit).\n\n");

    boolean anyTarget = scenarios.stream().anyMatch(s -> !s.targets().isEmpty());
    if (anyTarget) {
      md.append("## Targets\n\n| scenario | target | goal | measured | |\n|---|---|---|---|---|\n");
      for (ScenarioReport s : scenarios) {
        for (ScenarioReport.Target t : s.targets()) {
          md.append("| ")
              .append(Format.cell(s.title()))
              .append(" | ")
              .append(Format.cell(t.what()))
              .append(" | ")
              .append(Format.cell(t.goal()))
              .append(" | ")
              .append(Format.cell(t.measured()))
              .append(" | ")
              .append(t.grade().label())
              .append(" |\n");
        }
      }
      md.append('\n');
    }

    for (ScenarioReport s : scenarios) {
      md.append("## ").append(s.title());
      if (!s.status().equals("measured")) {
        md.append(" (").append(s.status()).append(')');
      }
      md.append("\n\n").append(s.what()).append("\n\n");
      for (ScenarioReport.Table t : s.tables()) {
        if (t.title() != null && !t.title().isEmpty()) {
          md.append("**").append(t.title()).append("**\n\n");
        }
        md.append(row(t.header()));
        md.append('|');
        for (int i = 0; i < t.header().size(); i++) {
          md.append(i > 0 && numeric(t.rows(), i) ? "---:|" : "---|");
        }
        md.append('\n');
        for (List<String> r : t.rows()) {
          md.append(row(r));
        }
        md.append('\n');
      }
      for (ScenarioReport.Chart c : s.charts()) {
        md.append("![").append(c.caption()).append("](").append(c.file()).append(")\n\n");
      }
      JsonNode sc = run.path("scenarioCpu").path(s.id());
      if (!sc.isMissingNode()) {
        md.append("CPU during this scenario (cores, i.e. CPU seconds per second): client ")
            .append(Format.number(sc.path("clientCores").asDouble()));
        sc.path("componentCores")
            .fields()
            .forEachRemaining(
                e ->
                    md.append(", ")
                        .append(e.getKey())
                        .append(' ')
                        .append(Format.number(e.getValue().asDouble())));
        if (sc.has("machineBusyPercent")) {
          md.append("; machine busy ").append(sc.path("machineBusyPercent").asText()).append(" %");
        }
        md.append(" over ")
            .append(Format.seconds(sc.path("wallSeconds").asDouble()))
            .append(".\n\n");
      }
      if (!s.phases().isEmpty()) {
        md.append(phaseTable(s.phases())).append('\n');
      }
      for (String n : s.notes()) {
        md.append("- ").append(n).append('\n');
      }
      if (!s.notes().isEmpty()) {
        md.append('\n');
      }
    }
    return md.toString();
  }

  /**
   * CPU per phase of a scenario: the stack's load and each limit's run apart, in cores (CPU seconds
   * per wall second) of the client and each component, and how busy the machine was.
   */
  static String phaseTable(List<ScenarioReport.Phase> phases) {
    java.util.LinkedHashSet<String> components = new java.util.LinkedHashSet<>();
    for (ScenarioReport.Phase p : phases) {
      p.cpu().path("componentCores").fieldNames().forEachRemaining(components::add);
    }
    StringBuilder md =
        new StringBuilder("**CPU by phase** (cores)\n\n| phase | seconds | client |");
    components.forEach(c -> md.append(' ').append(c).append(" |"));
    md.append(" machine busy |\n|---|---:|---:|");
    components.forEach(c -> md.append("---:|"));
    md.append("---:|\n");
    for (ScenarioReport.Phase p : phases) {
      JsonNode cpu = p.cpu();
      md.append("| ")
          .append(Format.cell(p.name()))
          .append(" | ")
          .append(Format.number(cpu.path("wallSeconds").asDouble()))
          .append(" | ")
          .append(
              cpu.has("clientCores") ? Format.number(cpu.path("clientCores").asDouble()) : "n/a")
          .append(" |");
      for (String c : components) {
        JsonNode v = cpu.path("componentCores").path(c);
        md.append(' ').append(v.isNumber() ? Format.number(v.asDouble()) : "n/a").append(" |");
      }
      md.append(' ')
          .append(
              cpu.has("machineBusyPercent")
                  ? cpu.path("machineBusyPercent").asText() + " %"
                  : "n/a")
          .append(" |\n");
    }
    return md.toString();
  }

  private static void putNumber(ObjectNode o, String name, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      o.putNull(name);
    } else {
      o.put(name, value);
    }
  }

  /** A column is right-aligned when every cell starts like a figure (a digit, or n/a). */
  static boolean numeric(List<List<String>> rows, int column) {
    if (rows.isEmpty()) {
      return false;
    }
    for (List<String> r : rows) {
      String c = column < r.size() ? r.get(column).strip() : "";
      if (!(c.equals("n/a") || (!c.isEmpty() && Character.isDigit(c.charAt(0))))) {
        return false;
      }
    }
    return true;
  }

  private static String row(List<String> cells) {
    StringBuilder sb = new StringBuilder("|");
    for (String c : cells) {
      sb.append(' ').append(Format.cell(c)).append(" |");
    }
    return sb.append('\n').toString();
  }
}
