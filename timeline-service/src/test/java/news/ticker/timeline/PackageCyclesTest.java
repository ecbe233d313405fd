package news.ticker.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The timeline's packages depend on each other without cycles: the projection announces commits
 * through {@code changes.CommittedChanges} instead of calling the stream, the generations live in
 * {@code readmodel}, the content-keys consumer next to the projection. Read from the sources (an
 * import or a fully qualified name is a dependency).
 */
class PackageCyclesTest {

  private static final Path SOURCES = Path.of("src/main/java/news/ticker/timeline");
  private static final Pattern REFERENCE =
      Pattern.compile("news\\.ticker\\.timeline((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

  @Test
  void theTimelinesPackagesFormNoCycle() throws IOException {
    Map<String, Set<String>> uses = dependencies();
    assertThat(uses).containsKeys("projection", "stream", "rebuild", "readmodel", "contentkey");

    List<List<String>> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      findCycle(start, start, uses, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
    }
    assertThat(cycles).as("package cycles").isEmpty();
  }

  @Test
  void theCheckSeesACycle() {
    Map<String, Set<String>> uses = new TreeMap<>();
    uses.put("a", Set.of("b"));
    uses.put("b", Set.of("c"));
    uses.put("c", Set.of("a"));
    List<List<String>> cycles = new ArrayList<>();
    findCycle("a", "a", uses, new ArrayList<>(List.of("a")), new HashSet<>(), cycles);
    assertThat(cycles).containsExactly(List.of("a", "b", "c", "a"));
  }

  private static void findCycle(
      String start,
      String at,
      Map<String, Set<String>> uses,
      List<String> path,
      Set<String> visited,
      List<List<String>> cycles) {
    for (String next : uses.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        List<String> cycle = new ArrayList<>(path);
        cycle.add(start);
        cycles.add(cycle);
      } else if (next.compareTo(start) > 0 && visited.add(next)) {
        // Each cycle is reported once, from its smallest package.
        path.add(next);
        findCycle(start, next, uses, path, visited, cycles);
        path.remove(path.size() - 1);
      }
    }
  }

  private static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String from = packageOf(file);
        Set<String> targets = uses.computeIfAbsent(from, p -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(Files.readString(file));
        while (m.find()) {
          String to = m.group(1).isEmpty() ? "(root)" : m.group(1).substring(1);
          if (!to.equals(from)) {
            targets.add(to);
          }
        }
      }
    }
    return uses;
  }

  private static String packageOf(Path file) {
    Path dir = SOURCES.relativize(file.getParent());
    String name = dir.toString().replace('/', '.').replace('\\', '.');
    return name.isEmpty() ? "(root)" : name;
  }
}
