package news.ticker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RenderedCheck's outcomes as deploy/check.sh sees them: its output and its exit status. */
class RenderedCheckTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return RenderedCheck.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static List<String> lines(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** The base as one rendered file: custom resources in it, not a valid overlay (no Namespace). */
  private static Path renderedBase(Path dir) throws IOException {
    String all =
        Repo.sources(Repo.BASE).stream()
            .map(m -> m.node().toString())
            .collect(Collectors.joining("\n---\n"));
    return Files.writeString(dir.resolve("dev.yaml"), all);
  }

  @Test
  void withoutTheCrdDirectoryItSaysSoInOneLineAndFails(@TempDir Path dir) throws IOException {
    Path dev = renderedBase(dir);

    int status = run("crds=" + dir.resolve("no-such-dir"), "dev=" + dev);

    assertThat(status).isEqualTo(2);
    assertThat(lines(out)).isEmpty();
    assertThat(lines(err))
        .singleElement()
        .asString()
        .startsWith(
            "RenderedCheck: no CRDs: " + dir.resolve("no-such-dir") + " is not a directory");
  }

  @Test
  void withoutTheCrdOfAKindItNamesTheKindInOneLineAndFails(@TempDir Path dir) throws IOException {
    Path dev = renderedBase(dir);
    Path crds = Files.createDirectory(dir.resolve("crds"));
    Files.writeString(
        crds.resolve("widgets.yaml"),
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.ticker.news}
        spec:
          group: example.ticker.news
          names: {kind: Widget, plural: widgets}
          scope: Namespaced
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema: {type: object}
        """);

    int status = run("crds=" + crds, "dev=" + dev);

    assertThat(status).isEqualTo(2);
    assertThat(lines(out)).isEmpty();
    assertThat(lines(err))
        .singleElement()
        .asString()
        .startsWith("RenderedCheck: no CRD for kafka.strimzi.io/v1/Kafka in " + crds);
  }

  @Test
  void problemsOfARenderedOverlayAreListedAndFail(@TempDir Path dir) throws IOException {
    Path dev = renderedBase(dir);

    int status = run("dev=" + dev);

    assertThat(status).isEqualTo(1);
    assertThat(lines(err)).isEmpty();
    assertThat(lines(out))
        .contains("  - a rendered overlay must contain exactly one Namespace, found 0")
        .anyMatch(l -> l.startsWith("FAIL dev: "))
        .anyMatch(
            l ->
                l.startsWith("custom resources [kafka.strimzi.io/v1/Kafka, ")
                    && l.endsWith(
                        " validated against the CRDs in " + CrdSchemas.defaultDirectory()));
  }

  @Test
  void anUnknownTargetIsAUsageError() {
    assertThat(run("staging=x.yaml")).isEqualTo(2);
    assertThat(lines(err)).containsExactly("RenderedCheck: unknown target staging");
  }
}
