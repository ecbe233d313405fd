package news.ticker.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import news.ticker.bench.report.Format;

/**
 * What each run was: commit, mode, machine, duration, start, the JVMs and the settings, side by
 * side, so that a reader sees what else changed besides the code.
 */
public final class Headers {

  /** One line of the header table; {@code differs} when the two runs' texts differ. */
  public record Row(String what, String a, String b) {
    public boolean differs() {
      return !Objects.equals(a, b);
    }
  }

  private Headers() {}

  /** The header rows; settings appear only where the runs differ. */
  public static List<Row> rows(RunResults a, RunResults b) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("run", a.name(), b.name()));
    rows.add(row("started", a, b, r -> r.root().path("startedAt").asText("unknown")));
    rows.add(row("mode", a, b, RunResults::mode));
    rows.add(row("commit", a, b, Headers::commit));
    rows.add(row("duration", a, b, Headers::duration));
    rows.add(row("CPU", a, b, RunResults::cpu));
    rows.add(row("memory", a, b, r -> r.machine().path("memoryGiB").asText("?") + " GiB"));
    rows.add(
        row(
            "system",
            a,
            b,
            r ->
                r.machine().path("os").asText("?")
                    + ", kernel "
                    + r.machine().path("kernel").asText("?")));
    rows.add(row("client JVM", a, b, Headers::clientJvm));
    for (String c :
        union(a.root().path("jvm").path("components"), b.root().path("jvm").path("components"))) {
      rows.add(row(c, a, b, r -> component(r, c)));
    }
    for (String s : union(a.root().path("settings"), b.root().path("settings"))) {
      Row r = row("setting " + s, a, b, run -> setting(run, s));
      if (r.differs()) {
        rows.add(r);
      }
    }
    return rows;
  }

  static String commit(RunResults r) {
    JsonNode git = r.root().path("git");
    String commit = git.path("commit").asText("unknown");
    StringBuilder sb = new StringBuilder(commit.length() > 12 ? commit.substring(0, 12) : commit);
    if (git.hasNonNull("branch")) {
      sb.append(" (").append(git.path("branch").asText()).append(')');
    }
    long uncommitted = git.path("uncommittedChanges").asLong(0);
    if (uncommitted > 0) {
      sb.append(" + ").append(uncommitted).append(" uncommitted changes");
    }
    return sb.toString();
  }

  private static String duration(RunResults r) {
    JsonNode d = r.root().path("durationSeconds");
    String text = d.isNumber() ? Format.seconds(d.asDouble()) : "unknown";
    return r.root().path("interrupted").asBoolean(false) ? text + " (interrupted)" : text;
  }

  private static String clientJvm(RunResults r) {
    JsonNode c = r.root().path("jvm").path("client");
    String args = c.path("arguments").asText("");
    return c.path("version").asText("?") + (args.isEmpty() ? "" : ", " + args);
  }

  /**
   * A component's JVM version, heap and collector as it ran (when the run recorded them) and its
   * options, or what it is when it is no JVM (PostgreSQL).
   */
  private static String component(RunResults r, String name) {
    JsonNode c = r.root().path("jvm").path("components").path(name);
    if (c.isMissingNode()) {
      return "not running";
    }
    if (!c.has("javaVersion")) {
      return "not a JVM";
    }
    String heap = c.path("heapAndGc").asText("");
    String options = c.path("jvmOptions").asText("");
    return c.path("javaVersion").asText()
        + (heap.isEmpty() ? "" : ", " + heap)
        + ", "
        + (options.isEmpty() ? "default JVM options" : options);
  }

  private static String setting(RunResults r, String name) {
    JsonNode s = r.root().path("settings").path(name);
    return s.isMissingNode() ? "not set" : s.isTextual() ? s.asText() : s.toString();
  }

  private static Row row(
      String what, RunResults a, RunResults b, java.util.function.Function<RunResults, String> f) {
    return new Row(what, f.apply(a), f.apply(b));
  }

  /** Field names of {@code x} then those of {@code y} not in {@code x}. */
  private static Set<String> union(JsonNode x, JsonNode y) {
    Set<String> names = new LinkedHashSet<>();
    for (Iterator<String> it = x.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    for (Iterator<String> it = y.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
