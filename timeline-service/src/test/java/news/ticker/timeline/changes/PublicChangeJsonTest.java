package news.ticker.timeline.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.timeline.Json;
import news.ticker.timeline.contentkey.KeyRing;
import news.ticker.timeline.projection.ChangeRenderer;
import news.ticker.timeline.support.StoryScript;
import org.junit.jupiter.api.Test;

/**
 * The typed public changes write exactly the JSON that {@code ChangeGoldenTest} pinned: the script
 * of that test, rendered here without Kafka or a database, gives every golden item.
 */
class PublicChangeJsonTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/timeline");
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

  private final StoryScript story = new StoryScript(T0);
  private final UUID first = story.newUpdate();
  private final UUID second = story.newUpdate();
  private final UUID keyless = story.newUpdate();
  private final UUID article = Ids.newId();
  private final UUID analysis = Ids.newId();
  private final UUID detached = Ids.newId();

  /** The script of ChangeGoldenTest, version by version. */
  private List<EventEnvelope> script() {
    List<EventEnvelope> events = new ArrayList<>();
    events.add(story.open("Verkiezingen", "verkiezingen", "Politiek"));
    events.add(
        story.post(
            first,
            "Eerste uitslag",
            "<p>De <b>eerste</b> uitslag<script>alert(1)</script></p>",
            true,
            false,
            T0));
    events.add(story.edit(first, "Eerste uitslagen", "<p>De eerste uitslagen</p>"));
    events.add(story.correct(first, "Eerste uitslagen (gecorrigeerd)", "<p>Juist</p>", "Een fout"));
    events.add(story.pin(first));
    events.add(story.post(second, "Tweede bericht", "<p>Meer nieuws</p>"));
    events.add(story.markKeyEvent(second));
    events.add(story.unmarkKeyEvent(second));
    events.add(story.unpin(first));
    events.add(story.retract(second));
    events.add(story.linkArticle(article, "Achtergrond"));
    events.add(story.unlinkArticle(article));
    events.add(story.attachAnalysis(analysis, "Wat de uitslag betekent", first));
    events.add(story.attachAnalysis(detached, "Losse analyse", null));
    events.add(story.detachAnalysis(detached));
    events.add(story.change("Verkiezingen 2024", "De uitslagen"));
    events.add(story.redact(first, "Op verzoek van de rechter"));
    events.add(story.redactAnalysis(analysis, "Onjuiste bewering"));
    events.add(story.post(keyless, "Nooit gelezen", "<p>Nooit gelezen</p>"));
    events.add(story.redact(keyless, "Privacy"));
    events.add(story.close());
    return events;
  }

  /** The keys as the projection saw them live: the third update's key was destroyed unread. */
  private KeyRing ring() {
    return keyId ->
        keyId.equals(keyless.toString())
            ? new KeyRing.Destroyed()
            : new KeyRing.Available(story.key(UUID.fromString(keyId)));
  }

  @Test
  void everyRenderedChangeIsItsGoldenItem() throws IOException {
    List<EventEnvelope> events = script();
    JsonNode before = golden("changes-before-redaction.json");
    JsonNode after = golden("changes.json");
    for (EventEnvelope event : events) {
      long version = event.streamVersion();
      JsonNode expected =
          version <= 16 ? before.get((int) version - 1) : after.get((int) version - 1);
      JsonNode actual = normalised(ChangeRenderer.render(event, ring()).toJson());
      assertThat(actual).as("version %d", version).isEqualTo(expected);
    }
  }

  @Test
  void aBlankedAnalysisWritesTheGoldenItemAfterItsRedaction() throws IOException {
    Change attached = ChangeRenderer.render(script().get(12), ring());
    PublicChange.AnalysisAttached blanked =
        Json.MAPPER.treeToValue(attached.data(), AttachedData.class).typed().blanked();
    JsonNode actual =
        normalised(
            Change.toJson(
                attached.version(),
                attached.type(),
                attached.updateId(),
                attached.recordedAt(),
                blanked.toJson()));
    assertThat(actual).isEqualTo(golden("changes.json").get(12));
  }

  @Test
  void theGoldensCoverEveryPublicChangeType() throws IOException {
    Set<String> golden = new java.util.HashSet<>();
    golden("changes.json").forEach(item -> golden.add(item.path("type").asText()));
    golden("changes-before-redaction.json").forEach(item -> golden.add(item.path("type").asText()));
    Set<String> records =
        Arrays.stream(PublicChange.class.getPermittedSubclasses())
            .map(Class::getSimpleName)
            .map(PublicChangeJsonTest::kebab)
            .collect(Collectors.toSet());
    assertThat(golden).isEqualTo(records);
  }

  /** The data of an analysis-attached change, read back (texts as strings) for this test. */
  record AttachedData(
      UUID analysisId,
      String title,
      String standfirst,
      int readingTimeMinutes,
      String link,
      UUID anchorUpdateId) {
    PublicChange.AnalysisAttached typed() {
      return new PublicChange.AnalysisAttached(
          analysisId,
          PublicChange.Text.of(title),
          PublicChange.Text.of(standfirst),
          readingTimeMinutes,
          link,
          anchorUpdateId);
    }
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private JsonNode normalised(JsonNode json) {
    Map<UUID, String> names = new LinkedHashMap<>();
    names.put(story.storyId, "{story}");
    names.put(first, "{update-1}");
    names.put(second, "{update-2}");
    names.put(keyless, "{update-3}");
    names.put(article, "{article}");
    names.put(analysis, "{analysis-1}");
    names.put(detached, "{analysis-2}");
    String text = Json.text(json);
    for (Map.Entry<UUID, String> name : names.entrySet()) {
      text = text.replace(name.getKey().toString(), name.getValue());
    }
    return Json.tree(text);
  }

  private static JsonNode golden(String file) throws IOException {
    return Json.tree(Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8));
  }
}
