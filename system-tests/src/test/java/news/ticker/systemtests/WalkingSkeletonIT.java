package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One story and one update from ingest's REST call through its event store, outbox and Kafka into
 * the timeline's projection and out of its REST API; the analysis service learns the story from the
 * same events.
 */
class WalkingSkeletonIT {

  private final SystemStack stack = SystemStack.get();

  @Test
  void anUpdateTravelsFromTheNewsroomToTheReader() {
    String editor = stack.bearer("editor");
    UUID story = Api.openStory(stack.ingest, editor, "Live updates: Rusland valt Oekraïne binnen");
    String body = "<p>Het toneel is klaar voor een ontmoeting tussen Rusland en Oekraïne.</p>";
    UUID update = Api.postUpdate(stack.ingest, editor, story, body);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Response feed = Api.at(stack.timeline).get("/api/v1/stories/{story}/updates", story);
              assertThat(feed.statusCode()).isEqualTo(200);
              List<Map<String, Object>> items = feed.jsonPath().getList("items");
              assertThat(items).hasSize(1);
              assertThat(items.get(0)).containsEntry("id", update.toString());
              assertThat(items.get(0)).containsEntry("body", body);
            });
    Response header = Api.at(stack.timeline).get("/api/v1/stories/{story}", story);
    assertThat(header.jsonPath().getString("title"))
        .isEqualTo("Live updates: Rusland valt Oekraïne binnen");
    assertThat(header.jsonPath().getLong("version")).isEqualTo(2);
  }

  @Test
  void theAnalysisServiceLearnsStoriesFromTheStream() {
    String editor = stack.bearer("editor");
    UUID story = Api.openStory(stack.ingest, editor, "Verkiezingen live");

    Response created =
        Api.createAnalysis(
            stack.analysis,
            stack.bearer("analyst"),
            Map.of(
                "storyId", story.toString(),
                "language", "nl",
                "title", "Wat de uitslag betekent",
                "body", "<p>Een lange analyse.</p>"));

    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
  }
}
