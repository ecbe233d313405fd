package news.ticker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repository the tests read: docker-compose.yml, the Dockerfiles, deploy/, DEVELOPERS.md, the
 * event contract.
 */
final class Repo {

  static final Path ROOT =
      Path.of(System.getProperty("ticker.repo.root", "..")).toAbsolutePath().normalize();
  static final Path BASE = ROOT.resolve("deploy/base");
  static final Path DEV = ROOT.resolve("deploy/overlays/dev");
  static final Path PRODUCTION = ROOT.resolve("deploy/overlays/production");
  static final List<String> SERVICES =
      List.of("ingest-service", "timeline-service", "analysis-service");

  private Repo() {}

  static String read(String relative) {
    try {
      return Files.readString(ROOT.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode compose() {
    return Yaml.tree(ROOT.resolve("docker-compose.yml"));
  }

  static JsonNode kustomization(Path dir) {
    return Yaml.tree(dir.resolve("kustomization.yaml"));
  }

  /**
   * The objects a kustomization lists, as written: its resources (files, and directories with their
   * own kustomization) and the ConfigMaps of its configMapGenerator (named without kustomize's hash
   * suffix; a generator with {@code behavior: merge} merges into the one it names). Patches, images
   * and the namespace are kustomize's business: deploy/check.sh renders and checks those.
   */
  static List<Manifest> sources(Path dir) {
    JsonNode k = kustomization(dir);
    List<Manifest> out = new ArrayList<>();
    for (JsonNode resource : k.path("resources")) {
      Path path = dir.resolve(resource.asText()).normalize();
      if (Files.isDirectory(path)) {
        out.addAll(sources(path));
      } else {
        out.addAll(Yaml.manifests(ROOT.relativize(path).toString(), Yaml.read(path)));
      }
    }
    for (JsonNode generator : k.path("configMapGenerator")) {
      String name = generator.path("name").asText();
      Map<String, String> data = new LinkedHashMap<>();
      for (JsonNode literal : generator.path("literals")) {
        String text = literal.asText();
        int eq = text.indexOf('=');
        data.put(text.substring(0, eq), text.substring(eq + 1));
      }
      Manifest existing =
          out.stream()
              .filter(m -> m.kind().equals("ConfigMap") && m.name().equals(name))
              .findFirst()
              .orElse(null);
      if ("merge".equals(generator.path("behavior").asText())) {
        if (existing == null) {
          throw new IllegalStateException(dir + ": merges into an unknown ConfigMap " + name);
        }
        data.forEach(((ObjectNode) existing.node().path("data"))::put);
      } else {
        ObjectNode cm = JsonNodeFactory.instance.objectNode();
        cm.put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", name);
        ObjectNode d = cm.putObject("data");
        data.forEach(d::put);
        out.add(
            new Manifest(
                ROOT.relativize(dir.resolve("kustomization.yaml")) + " (configMapGenerator)", cm));
      }
    }
    return out;
  }

  /**
   * Only the objects of a kustomization's own resource files (not those of the bases it includes).
   */
  static List<Manifest> ownResources(Path dir) {
    List<Manifest> out = new ArrayList<>();
    for (JsonNode resource : kustomization(dir).path("resources")) {
      Path path = dir.resolve(resource.asText()).normalize();
      if (Files.isRegularFile(path)) {
        out.addAll(Yaml.manifests(ROOT.relativize(path).toString(), Yaml.read(path)));
      }
    }
    return out;
  }

  /** A deep copy, so a test can change objects without touching the others' view. */
  static List<Manifest> copy(List<Manifest> manifests) {
    return manifests.stream().map(m -> new Manifest(m.source(), m.node().deepCopy())).toList();
  }

  static Manifest find(List<Manifest> manifests, String kind, String name) {
    return manifests.stream()
        .filter(m -> m.kind().equals(kind) && m.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
  }

  static ObjectNode at(Manifest m, String pointer) {
    return (ObjectNode) m.node().at(pointer);
  }
}
