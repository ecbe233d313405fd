package news.ticker.timeline.changes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import news.ticker.events.Ids;
import news.ticker.timeline.Json;
import news.ticker.timeline.support.Api;
import news.ticker.timeline.support.Newsroom;
import news.ticker.timeline.support.SseClient;
import news.ticker.timeline.support.StoryScript;
import org.junit.jupiter.api.Test;

/**
 * Pins what readers see of every change type: the items of {@code /changes} and the SSE frames,
 * redacted variants included, against golden JSON files under {@code
 * src/test/resources/golden/timeline/}. One story goes through every type the timeline emits, as
 * real Kafka events; its recorded times come from a fixed clock, and the ids it makes up (story,
 * updates, article, analyses) are replaced by names such as {@code {update-1}} before comparing.
 * The comparison is of JSON trees, so key order is free; everything else, nulls included, must
 * match.
 *
 * <ul>
 *   <li>{@code changes-before-redaction.json}: {@code /changes} after versions 1 to 16, every
 *       change type without redaction
 *   <li>{@code sse-live.json}: the frames a reader connected from version 0 received as the story
 *       was written, including the pre-redaction texts of versions 2 to 4
 *   <li>{@code changes.json}: {@code /changes} at the end: the update and analysis redactions (17,
 *       18) have blanked the texts of the changes before them, and an update whose key never came
 *       (19) shows redacted texts from the start once its redaction (20) released the story
 *   <li>{@code sse-replay.json}: the frames of a reader resuming from {@code Last-Event-ID: 0} at
 *       the end
 * </ul>
 *
 * <p>To regenerate the goldens after an intended change of the public output, run this test with
 * {@code -Dgolden.update=true}, e.g. {@code ./mvnw -o -B verify -pl timeline-service -am
 * -Dspotless.check.skip=true -Dsurefire.failIfNoSpecifiedTests=false -Dtest=ChangeGoldenTest
 * -Dgolden.update=true}: it then writes the files instead of comparing them. Review the diff.
 */
@QuarkusTest
class ChangeGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/timeline");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static final Pattern UUID_PATTERN =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

  @TestHTTPResource("/api/v1/stories/")
  URL stories;

  private final Newsroom newsroom = Newsroom.get();

  @Test
  void everyChangeTypeReadsAsTheGoldenFilesInChangesAndSse() {
    StoryScript story = new StoryScript(T0);
    UUID first = story.newUpdate();
    UUID second = story.newUpdate();
    UUID keyless = story.newUpdate();
    UUID article = Ids.newId();
    UUID analysis = Ids.newId();
    UUID detached = Ids.newId();
    Map<UUID, String> names = new LinkedHashMap<>();
    names.put(story.storyId, "{story}");
    names.put(first, "{update-1}");
    names.put(second, "{update-2}");
    names.put(keyless, "{update-3}");
    names.put(article, "{article}");
    names.put(analysis, "{analysis-1}");
    names.put(detached, "{analysis-2}");

    story.publish(newsroom, story.open("Verkiezingen", "verkiezingen", "Politiek"));
    Api.awaitVersion(story.storyId, 1);
    URI stream = URI.create(stories + story.storyId.toString() + "/stream");
    try (SseClient live = SseClient.open(stream, "0")) {
      story.publish(
          newsroom,
          story.post(
              first,
              "Eerste uitslag",
              "<p>De <b>eerste</b> uitslag<script>alert(1)</script></p>",
              true,
              false,
              T0),
          story.edit(first, "Eerste uitslagen", "<p>De eerste uitslagen</p>"),
          story.correct(first, "Eerste uitslagen (gecorrigeerd)", "<p>Juist</p>", "Een fout"),
          story.pin(first),
          story.post(second, "Tweede bericht", "<p>Meer nieuws</p>"),
          story.markKeyEvent(second),
          story.unmarkKeyEvent(second),
          story.unpin(first),
          story.retract(second),
          story.linkArticle(article, "Achtergrond"),
          story.unlinkArticle(article),
          story.attachAnalysis(analysis, "Wat de uitslag betekent", first),
          story.attachAnalysis(detached, "Losse analyse", null),
          story.detachAnalysis(detached),
          story.change("Verkiezingen 2024", "De uitslagen"));
      live.awaitFrames(16);
      Api.awaitVersion(story.storyId, 16);
      ArrayNode beforeRedaction = changes(story.storyId);

      // Redactions blank what came before them; ingest destroys the update's key with its event.
      story.publish(newsroom, story.redact(first, "Op verzoek van de rechter"));
      newsroom.destroyKey(story.storyId, first);
      story.publish(newsroom, story.redactAnalysis(analysis, "Onjuiste bewering"));
      // An update whose key never arrives holds the story; its redaction releases it, redacted.
      newsroom.publish(story.post(keyless, "Nooit gelezen", "<p>Nooit gelezen</p>"));
      story.publish(newsroom, story.redact(keyless, "Privacy"), story.close());
      live.awaitFrames(21);
      Api.awaitVersion(story.storyId, 21);

      ArrayNode after = changes(story.storyId);
      ArrayNode replay;
      try (SseClient resumed = SseClient.open(stream, "0")) {
        replay = frames(resumed.awaitFrames(21));
      }
      ArrayNode liveFrames = frames(live.frames());

      assertThat(beforeRedaction).hasSize(16);
      assertThat(after).hasSize(21);
      assertThat(liveFrames).hasSize(21);
      assertThat(replay).hasSize(21);
      Map<String, JsonNode> actual = new LinkedHashMap<>();
      actual.put("changes-before-redaction.json", normalised(beforeRedaction, names));
      actual.put("sse-live.json", normalised(liveFrames, names));
      actual.put("changes.json", normalised(after, names));
      actual.put("sse-replay.json", normalised(replay, names));
      actual.forEach(ChangeGoldenTest::compareWithGolden);
    }
  }

  private static ArrayNode changes(UUID storyId) {
    String body =
        given()
            .queryParam("since", 0)
            .queryParam("limit", 1000)
            .get("/api/v1/stories/{id}/changes", storyId)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return (ArrayNode) Json.tree(body).get("changes");
  }

  private static ArrayNode frames(List<SseClient.Frame> frames) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (SseClient.Frame frame : frames) {
      ObjectNode json = array.addObject();
      json.put("id", frame.id());
      json.put("event", frame.event());
      json.set("data", Json.tree(frame.data()));
    }
    return array;
  }

  /** The JSON with the test's made-up ids replaced by their names; no other id may remain. */
  private static JsonNode normalised(JsonNode json, Map<UUID, String> names) {
    String text = Json.text(json);
    for (Map.Entry<UUID, String> name : names.entrySet()) {
      text = text.replace(name.getKey().toString(), name.getValue());
    }
    assertThat(UUID_PATTERN.matcher(text).find())
        .as("an id the test did not make up: %s", text)
        .isFalse();
    return Json.tree(text);
  }

  private static void compareWithGolden(String file, JsonNode actual) {
    Path path = GOLDEN.resolve(file);
    try {
      if (UPDATE) {
        Files.createDirectories(GOLDEN);
        Files.writeString(
            path,
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n",
            StandardCharsets.UTF_8);
        return;
      }
      JsonNode golden = Json.tree(Files.readString(path, StandardCharsets.UTF_8));
      assertThat(actual).as("%s (regenerate with -Dgolden.update=true)", file).isEqualTo(golden);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
