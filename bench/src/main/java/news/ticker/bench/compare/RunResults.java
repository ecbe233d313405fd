package news.ticker.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One run's {@code results.json}, as {@code ReportWriter} wrote it, read back for {@code
 * --compare}. Older runs lack some fields (named figures, grades); every accessor copes.
 *
 * @param name the run's folder name (for example {@code 20261128T032205Z}), which names it in the
 *     comparison
 * @param file the results.json read
 * @param root the whole document
 */
public record RunResults(String name, Path file, JsonNode root) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A run that cannot be found or read; the message says which and why. */
  public static final class Unreadable extends Exception {
    public Unreadable(String message) {
      super(message);
    }
  }

  /**
   * Finds a run's results.json: {@code arg} may be a results.json file, a run folder, or a bare run
   * name under {@code resultsRoot}. A relative path is taken relative to {@code base} (the
   * repository root), then under {@code resultsRoot}, then under the default {@code bench/results/}
   * (so that {@code --out} elsewhere still finds the committed runs).
   */
  public static Path resolve(String arg, Path base, Path resultsRoot) throws Unreadable {
    List<Path> tried = new ArrayList<>();
    Set<Path> candidates =
        new LinkedHashSet<>(
            List.of(
                base.resolve(arg),
                resultsRoot.resolve(arg),
                base.resolve("bench").resolve("results").resolve(arg)));
    for (Path candidate : candidates) {
      Path file = Files.isDirectory(candidate) ? candidate.resolve("results.json") : candidate;
      if (Files.isRegularFile(file)) {
        return file.toAbsolutePath().normalize();
      }
      tried.add(file.toAbsolutePath().normalize());
    }
    throw new Unreadable("no results.json for run '" + arg + "' (looked for " + tried + ")");
  }

  /** Reads a results.json; the run is named after the folder that holds it. */
  public static RunResults read(Path file) throws Unreadable {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new Unreadable("cannot read " + file + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new Unreadable(file + " is not a results.json (no JSON object)");
    }
    Path folder = file.toAbsolutePath().normalize().getParent();
    String name =
        folder == null || folder.getFileName() == null
            ? file.toString()
            : folder.getFileName().toString();
    return new RunResults(name, file, root);
  }

  /** "quick", "full", or "unknown". */
  public String mode() {
    return root.path("mode").asText("unknown");
  }

  public JsonNode machine() {
    return root.path("machine");
  }

  /** CPU count and model, the two that decide whether absolute figures compare. */
  public String cpu() {
    return machine().path("cpuCount").asInt(0) + " × " + machine().path("cpuModel").asText("?");
  }

  /** The scenarios in the order they ran (results.json's scenarioOrder, then any other). */
  public List<String> scenarioIds() {
    List<String> ids = new ArrayList<>();
    root.path("scenarioOrder").forEach(n -> ids.add(n.asText()));
    for (Iterator<String> it = root.path("scenarios").fieldNames(); it.hasNext(); ) {
      String id = it.next();
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    ids.removeIf(id -> !root.path("scenarios").has(id));
    return ids;
  }

  public JsonNode scenario(String id) {
    return root.path("scenarios").path(id);
  }

  /**
   * Whether this run names its figures: runs written before {@code --compare} existed have no
   * {@code figures} array in any scenario, and then only their targets can be compared. A run
   * without scenarios (interrupted at once) is not an old run: it merely has nothing.
   */
  public boolean hasFigures() {
    JsonNode scenarios = root.path("scenarios");
    if (scenarios.size() == 0) {
      return true;
    }
    for (Iterator<JsonNode> it = scenarios.elements(); it.hasNext(); ) {
      if (it.next().path("figures").isArray()) {
        return true;
      }
    }
    return false;
  }
}
