package news.ticker.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTest {

  @Test
  void readsEveryObjectOfAMultiDocumentFileAndSkipsEmptyDocuments() {
    String text =
        """
        # a comment only
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: b}
        """;

    List<Manifest> manifests = Yaml.manifests("test", text);

    assertThat(manifests).extracting(Manifest::type).containsExactly("v1/ConfigMap", "v1/Service");
    assertThat(manifests)
        .extracting(Manifest::where)
        .containsExactly("test: ConfigMap/a", "test: Service/b");
  }

  @Test
  void rejectsDuplicateKeysAsKubectlDoes() {
    String text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  A: x\n  A: y\n";

    assertThatThrownBy(() -> Yaml.manifests("test", text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Duplicate field 'A'");
  }

  @Test
  void rejectsADocumentThatIsNoMapping() {
    assertThatThrownBy(() -> Yaml.manifests("test", "just text\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a mapping");
  }

  @Test
  void objectsWithoutSpecOrLabelsAreReported() {
    List<Manifest> manifests =
        Yaml.manifests(
            "test",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: b\n  labels: {tier: front end}\n");

    assertThat(SchemaCheck.check(manifests.get(0)))
        .contains(
            "test: Service/b: spec is required",
            "test: Service/b: value of label tier is not valid");
  }
}
