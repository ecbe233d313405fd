package news.ticker.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks what deploy/check.sh rendered: {@code compose=<docker-compose config output>}, {@code
 * dev=<kubectl kustomize deploy/overlays/dev>}, {@code production=<kubectl kustomize
 * deploy/overlays/production>}. Prints one line per target and every problem; fails (an exception,
 * so that Maven exits non-zero) if any target has problems.
 *
 * <pre>./mvnw -q -pl deploy compile exec:java -Dexec.args="compose=… dev=… production=…"</pre>
 */
public final class RenderedCheck {

  private RenderedCheck() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException(
          "usage: RenderedCheck compose=FILE dev=FILE production=FILE");
    }
    List<String> failed = new ArrayList<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected TARGET=FILE, got " + arg);
      }
      String target = arg.substring(0, eq);
      Path file = Path.of(arg.substring(eq + 1));
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(target + ": no such file " + file);
      }
      List<String> problems;
      String summary;
      switch (target) {
        case "compose" -> {
          problems = ComposeRules.check(Yaml.tree(file));
          summary = Yaml.tree(file).path("services").size() + " services";
        }
        case "dev", "production" -> {
          List<Manifest> manifests = Yaml.manifests(file);
          ManifestRules.Profile profile =
              target.equals("dev") ? ManifestRules.Profile.DEV : ManifestRules.Profile.PRODUCTION;
          problems = ManifestRules.check(manifests, profile);
          Map<String, Integer> kinds = new TreeMap<>();
          manifests.forEach(m -> kinds.merge(m.kind(), 1, Integer::sum));
          summary = manifests.size() + " objects " + kinds;
        }
        default -> throw new IllegalArgumentException("unknown target " + target);
      }
      if (problems.isEmpty()) {
        System.out.println("PASS " + target + ": " + summary + " (" + file + ")");
      } else {
        failed.add(target);
        System.out.println("FAIL " + target + ": " + problems.size() + " problem(s) in " + file);
        problems.forEach(p -> System.out.println("  - " + p));
      }
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException("rendered manifests with problems: " + failed);
    }
  }
}
