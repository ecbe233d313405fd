package news.ticker.deploy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks what deploy/check.sh rendered: {@code compose=<docker-compose config output>}, {@code
 * dev=<kubectl kustomize deploy/overlays/dev>}, {@code production=<kubectl kustomize
 * deploy/overlays/production>}; custom resources against the CRDs of {@code crds=DIR} (default:
 * {@link CrdSchemas#defaultDirectory()}). Prints one line per target and every problem, and exits
 * non-zero if any target has problems. Without the CRDs the overlays need, it prints that in one
 * line and exits with 2 before checking anything.
 *
 * <pre>./mvnw -q -pl deploy compile exec:java -Dexec.args="crds=… compose=… dev=… production=…"
 * </pre>
 */
public final class RenderedCheck {

  private RenderedCheck() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the check; 0 if everything passed, 1 if a target has problems, 2 if it cannot check. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      return check(args, out);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // MissingCrdException included: one line, no stack trace
      err.println("RenderedCheck: " + e.getMessage());
      return 2;
    }
  }

  private static int check(String[] args, PrintStream out) {
    if (args.length == 0) {
      throw new IllegalArgumentException(
          "usage: RenderedCheck [crds=DIR] compose=FILE dev=FILE production=FILE");
    }
    Path crdDirectory = null;
    Map<String, Path> targets = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected TARGET=FILE or crds=DIR, got " + arg);
      }
      String target = arg.substring(0, eq);
      Path path = Path.of(arg.substring(eq + 1));
      if (target.equals("crds")) {
        crdDirectory = path;
        continue;
      }
      if (!List.of("compose", "dev", "production").contains(target)) {
        throw new IllegalArgumentException("unknown target " + target);
      }
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException(target + ": no such file " + path);
      }
      targets.put(target, path);
    }

    Map<String, List<Manifest>> overlays = new LinkedHashMap<>();
    targets.forEach(
        (target, file) -> {
          if (!target.equals("compose")) {
            overlays.put(target, Yaml.manifests(file));
          }
        });
    CrdSchemas crds = null;
    TreeSet<String> needed = new TreeSet<>();
    overlays.values().stream()
        .flatMap(List::stream)
        .map(Manifest::type)
        .filter(SchemaCheck.CUSTOM_TYPES::contains)
        .forEach(needed::add);
    if (!needed.isEmpty()) {
      crds =
          crdDirectory == null ? CrdSchemas.configured() : CrdSchemas.at(crdDirectory.normalize());
      needed.forEach(crds::require);
    }

    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, Path> entry : targets.entrySet()) {
      String target = entry.getKey();
      Path file = entry.getValue();
      List<String> problems;
      String summary;
      if (target.equals("compose")) {
        problems = ComposeRules.check(Yaml.tree(file));
        summary = Yaml.tree(file).path("services").size() + " services";
      } else {
        List<Manifest> manifests = overlays.get(target);
        ManifestRules.Profile profile =
            target.equals("dev") ? ManifestRules.Profile.DEV : ManifestRules.Profile.PRODUCTION;
        problems = ManifestRules.check(manifests, profile, crds);
        Map<String, Integer> kinds = new TreeMap<>();
        manifests.forEach(m -> kinds.merge(m.kind(), 1, Integer::sum));
        summary = manifests.size() + " objects " + kinds;
      }
      if (problems.isEmpty()) {
        out.println("PASS " + target + ": " + summary + " (" + file + ")");
      } else {
        failed.add(target);
        out.println("FAIL " + target + ": " + problems.size() + " problem(s) in " + file);
        problems.forEach(p -> out.println("  - " + p));
      }
    }
    if (crds != null) {
      out.println(
          "custom resources " + needed + " validated against the CRDs in " + crds.directory());
    }
    if (!failed.isEmpty()) {
      out.println("rendered manifests with problems: " + failed);
      return 1;
    }
    return 0;
  }
}
