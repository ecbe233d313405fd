package news.ticker.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small synthetic results.json in the shape ReportWriter writes (or, with {@link #old}, the shape
 * of runs written before named figures and grades existed).
 */
final class RunFixture {

  private final ObjectNode root = JsonNodeFactory.instance.objectNode();
  private final boolean old;

  private RunFixture(String mode, boolean old) {
    this.old = old;
    root.put("mode", mode);
    root.put("startedAt", "2026-12-01T10:00:00Z");
    root.putArray("scenarioOrder");
    cpu(2, "AMD EPYC");
    root.putObject("git").put("commit", "0123456789abcdef0123").put("uncommittedChanges", 0);
    root.putObject("jvm")
        .putObject("components")
        .putObject("ingest")
        .put("javaVersion", "17.0.15")
        .put("jvmOptions", "-Xmx512m");
    root.putObject("settings").put("writeClients", mode.equals("quick") ? 32 : 64);
    root.put("durationSeconds", 180.0);
    root.putObject("scenarios");
  }

  /** A run with named figures and graded targets. */
  static RunFixture run(String mode) {
    return new RunFixture(mode, false);
  }

  /** A run as written before --compare: no "figures" arrays, targets with "met" only. */
  static RunFixture old(String mode) {
    return new RunFixture(mode, true);
  }

  RunFixture cpu(int count, String model) {
    root.putObject("machine").put("cpuCount", count).put("cpuModel", model).put("memoryGiB", 8);
    return this;
  }

  RunFixture commit(String commit) {
    ((ObjectNode) root.path("git")).put("commit", commit);
    return this;
  }

  RunFixture ingestJvm(String options) {
    ((ObjectNode) root.path("jvm").path("components").path("ingest")).put("jvmOptions", options);
    return this;
  }

  /** The heap and collector ingest ran with, as newer runs record them ({@code heapAndGc}). */
  RunFixture ingestHeap(String heapAndGc) {
    ((ObjectNode) root.path("jvm").path("components").path("ingest")).put("heapAndGc", heapAndGc);
    return this;
  }

  /** A figure as ReportWriter writes it; {@code limit} NaN for none. */
  RunFixture figure(
      String scenario, String key, double value, String unit, double limit, String better) {
    ObjectNode f = ((ArrayNode) scenario(scenario).path("figures")).addObject();
    f.put("key", key).put("label", "label of " + key).put("value", value).put("unit", unit);
    if (Double.isNaN(limit)) {
      f.putNull("limit").putNull("ratio").put("limitLabel", "");
    } else {
      f.put("limit", limit).put("limitLabel", "bare " + key).put("ratio", value / limit);
    }
    f.put("better", better);
    return this;
  }

  RunFixture target(String scenario, String what, String measured, String grade) {
    ObjectNode t = ((ArrayNode) scenario(scenario).path("targets")).addObject();
    t.put("what", what).put("goal", "goal of " + what).put("measured", measured);
    if (old) {
      if (grade.equals("not measured")) {
        t.putNull("met");
      } else {
        t.put("met", grade.equals("met"));
      }
    } else {
      t.put("met", grade.equals("met")).put("grade", grade);
    }
    return this;
  }

  ObjectNode scenario(String id) {
    ObjectNode scenarios = (ObjectNode) root.path("scenarios");
    if (!scenarios.has(id)) {
      ((ArrayNode) root.path("scenarioOrder")).add(id);
      ObjectNode s = scenarios.putObject(id);
      s.put("title", "Title " + id).put("status", "measured").putArray("notes");
      s.putArray("targets");
      if (!old) {
        s.putArray("figures");
      }
    }
    return (ObjectNode) scenarios.path(id);
  }

  /** Writes {@code <dir>/<name>/results.json} and returns that file. */
  Path write(Path dir, String name) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    Path file = folder.resolve("results.json");
    Files.writeString(file, new ObjectMapper().writeValueAsString(root));
    return file;
  }

  /** Writes the run and reads it back as the comparison would. */
  RunResults read(Path dir, String name) throws Exception {
    return RunResults.read(write(dir, name));
  }
}
