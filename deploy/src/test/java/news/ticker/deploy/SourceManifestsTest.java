package news.ticker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The manifests as written, with nothing but a JDK: the base against every rule, each overlay's own
 * objects against the schemas, and each overlay's patches against the base objects they target.
 * deploy/check.sh renders the overlays with kustomize and checks the result with the same rules.
 */
class SourceManifestsTest {

  private static final Set<String> JSON_PATCH_OPS =
      Set.of("add", "remove", "replace", "move", "copy", "test");

  @Test
  void baseFollowsEveryRule() {
    List<Manifest> base = Repo.sources(Repo.BASE);

    assertThat(ManifestRules.check(base, ManifestRules.Profile.BASE)).isEmpty();
  }

  @Test
  void baseHoldsWhatBothOverlaysShare() {
    List<Manifest> base = Repo.sources(Repo.BASE);

    for (String service : Repo.SERVICES) {
      assertThat(kinds(base, service)).as(service).contains("Deployment", "Service", "ConfigMap");
    }
    assertThat(base).filteredOn(m -> m.kind().equals("KafkaTopic")).hasSize(7);
    assertThat(base).filteredOn(m -> m.kind().equals("Kafka")).hasSize(1);
    assertThat(base).filteredOn(m -> m.kind().equals("Cluster")).hasSize(1);
    assertThat(base).filteredOn(m -> m.kind().equals("NetworkPolicy")).hasSize(2);
    assertThat(base).filteredOn(m -> m.kind().equals("Ingress")).hasSize(2);
    assertThat(base).filteredOn(m -> m.kind().equals("Secret")).isEmpty();
  }

  @Test
  void overlaysOwnObjectsAreValid() {
    for (Path overlay : List.of(Repo.DEV, Repo.PRODUCTION)) {
      List<Manifest> own = Repo.ownResources(overlay);
      assertThat(own).as(overlay.toString()).isNotEmpty();
      List<String> problems = new ArrayList<>();
      own.forEach(m -> problems.addAll(SchemaCheck.check(m)));
      assertThat(problems).as(overlay.toString()).isEmpty();
    }
  }

  @Test
  void overlayPatchesApplyToTheBase() {
    List<Manifest> base = Repo.sources(Repo.BASE);
    for (Path overlay : List.of(Repo.DEV, Repo.PRODUCTION)) {
      JsonNode patches = Repo.kustomization(overlay).path("patches");
      assertThat(patches.size()).as(overlay + " patches").isPositive();
      for (JsonNode patch : patches) {
        Path file = overlay.resolve(patch.path("path").asText());
        JsonNode target = patch.path("target");
        if (target.isMissingNode()) {
          strategicMergePatchTargetsABaseObject(file, base);
        } else {
          jsonPatchAppliesToItsTargets(file, target, base);
        }
      }
    }
  }

  private static void strategicMergePatchTargetsABaseObject(Path file, List<Manifest> base) {
    List<Manifest> docs = Yaml.manifests(file);
    assertThat(docs).as(file.toString()).hasSize(1);
    Manifest patch = docs.get(0);
    assertThat(base)
        .as(file + " patches " + patch.type() + " " + patch.name())
        .anyMatch(m -> m.type().equals(patch.type()) && m.name().equals(patch.name()));
  }

  private static void jsonPatchAppliesToItsTargets(
      Path file, JsonNode target, List<Manifest> base) {
    List<Manifest> targets =
        base.stream()
            .filter(m -> m.kind().equals(target.path("kind").asText()))
            .filter(m -> !target.has("name") || m.name().equals(target.path("name").asText()))
            .filter(
                m ->
                    !target.has("group")
                        || m.apiVersion().startsWith(target.path("group").asText() + "/"))
            .toList();
    assertThat(targets).as(file + " selects base objects").isNotEmpty();
    JsonNode ops = Yaml.patch(file);
    assertThat(ops.isArray() && !ops.isEmpty())
        .as(file + " is a list of JSON patch operations")
        .isTrue();
    for (JsonNode op : ops) {
      String path = op.path("path").asText();
      assertThat(op.path("op").asText()).as(file + " op").isIn(JSON_PATCH_OPS);
      assertThat(path).as(file + " path").startsWith("/");
      for (Manifest m : targets) {
        String must = op.path("op").asText().equals("add") ? parent(path) : path;
        assertThat(m.node().at(unescapeAppend(must)).isMissingNode())
            .as(file + ": " + op.path("op").asText() + " " + path + " on " + m.where())
            .isFalse();
      }
    }
  }

  private static String parent(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }

  private static String unescapeAppend(String path) {
    return path.endsWith("/-") ? path.substring(0, path.length() - 2) : path;
  }

  private static List<String> kinds(List<Manifest> manifests, String service) {
    return manifests.stream()
        .filter(m -> m.name().equals(service) || m.name().equals(service + "-config"))
        .map(Manifest::kind)
        .toList();
  }
}
