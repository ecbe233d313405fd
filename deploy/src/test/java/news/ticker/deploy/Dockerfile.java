package news.ticker.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of a Dockerfile (continuation lines joined, comments dropped), enough to compare
 * them.
 */
record Dockerfile(List<String[]> instructions) {

  private static final Pattern ENV_PAIR =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

  static Dockerfile parse(String text) {
    List<String[]> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String instruction = current.toString().strip();
      current.setLength(0);
      int space = instruction.indexOf(' ');
      out.add(
          new String[] {
            instruction.substring(0, space).toUpperCase(), instruction.substring(space + 1).strip()
          });
    }
    return new Dockerfile(out);
  }

  List<String> all(String keyword) {
    return instructions.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1]).toList();
  }

  /** The image of each stage, by stage name (FROM image AS name). */
  Map<String, String> stages() {
    Map<String, String> stages = new LinkedHashMap<>();
    for (String from : all("FROM")) {
      String[] parts = from.split("\\s+");
      stages.put(parts.length >= 3 ? parts[2] : "stage" + stages.size(), parts[0]);
    }
    return stages;
  }

  /** The ENV instructions' variables, quotes removed. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String e : all("ENV")) {
      Matcher m = ENV_PAIR.matcher(e);
      while (m.find()) {
        env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
      }
    }
    return env;
  }

  /** The runtime stage's instructions: everything after the last FROM. */
  Dockerfile runtime() {
    int last = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i)[0].equals("FROM")) {
        last = i;
      }
    }
    return new Dockerfile(instructions.subList(last, instructions.size()));
  }
}
