package news.ticker.timeline.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.ticker.timeline.Json;
import org.junit.jupiter.api.Test;

/**
 * What the change log stores reads back into the typed change it was written from: every golden
 * change (redacted variants included) gives its type and writes the same JSON again. That is what
 * lets {@code ?asOf=} fold the log with the projection's fold.
 */
class StoredChangesTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/timeline");
  private static final Pattern PLACEHOLDER = Pattern.compile("\"\\{([a-z0-9-]+)\\}\"");

  @Test
  void everyChangeTypeHasItsStoredName() {
    Set<Class<?>> named = new HashSet<>(StoredChanges.TYPES.values());
    assertThat(named).containsExactlyInAnyOrder(PublicChange.class.getPermittedSubclasses());
  }

  @Test
  void everyGoldenChangeReadsBackToItsTypeAndTheSameJson() throws Exception {
    Set<String> types = new HashSet<>();
    for (String file : List.of("changes.json", "changes-before-redaction.json")) {
      for (JsonNode item : golden(file)) {
        String type = item.path("type").asText();
        ObjectNode data = (ObjectNode) item.path("data");

        PublicChange body = StoredChanges.body(type, data).orElseThrow();

        assertThat(body.type()).as("%s in %s", type, file).isEqualTo(type);
        assertThat(body.toJson()).as("%s in %s", type, file).isEqualTo(data);
        types.add(type);
      }
    }
    assertThat(types).containsExactlyInAnyOrderElementsOf(StoredChanges.TYPES.keySet());
  }

  @Test
  void aTypeThisBuildDoesNotKnowReadsAsNothing() {
    assertThat(StoredChanges.body("update-translated", Json.object())).isEmpty();
  }

  /** A golden file with its {@code "{name}"} placeholders replaced by fixed ids. */
  private static JsonNode golden(String file) throws Exception {
    String text = Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8);
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder replaced = new StringBuilder();
    while (m.find()) {
      UUID id = UUID.nameUUIDFromBytes(m.group(1).getBytes(StandardCharsets.UTF_8));
      m.appendReplacement(replaced, "\"" + id + "\"");
    }
    m.appendTail(replaced);
    return Json.MAPPER.readTree(replaced.toString());
  }
}
