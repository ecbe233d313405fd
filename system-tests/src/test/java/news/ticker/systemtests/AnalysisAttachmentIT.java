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
 * Across three services: an analysis published in the analysis service appears in the timeline's
 * story header and change stream (through ingest, which appends analysis-attached); withdrawn, it
 * disappears again. The analysis is created right after its story, before the analysis service
 * could have seen the story.
 */
class AnalysisAttachmentIT {

  private final SystemStack stack = SystemStack.get();

  @Test
  void publishedAnalysisAppearsInTheTimelineAndWithdrawnDisappears() {
    String editor = stack.bearer("editor");
    UUID story = Api.openStory(stack.ingest, editor, "Live updates: Rusland valt Oekraïne binnen");
    UUID update = Api.postUpdate(stack.ingest, editor, story, "<p>De ontmoeting is maandag.</p>");

    Response created =
        Api.createAnalysis(
            stack.analysis,
            editor,
            Map.of(
                "storyId",
                story.toString(),
                "language",
                "nl",
                "updateId",
                update.toString(),
                "title",
                "Diplomatieke doorbraak of politieke bijzaak?",
                "standfirst",
                "Wat de ontmoeting wel en niet is.",
                "body",
                "<p>" + "Een lange analyse. ".repeat(400) + "</p>"));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    String analysis = created.jsonPath().getString("id");

    Api.at(stack.analysis)
        .header("Authorization", editor)
        .post("/api/v1/analyses/{id}/publish", analysis)
        .then()
        .statusCode(200);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<Map<String, Object>> analyses =
                  Api.at(stack.timeline)
                      .get("/api/v1/stories/{story}", story)
                      .jsonPath()
                      .getList("analyses");
              assertThat(analyses).extracting(a -> a.get("id")).containsExactly(analysis);
            });
    assertThat(Api.changes(stack.timeline, story, 0))
        .extracting(c -> c.get("type"))
        .contains("analysis-attached");

    Api.at(stack.analysis)
        .header("Authorization", editor)
        .post("/api/v1/analyses/{id}/unpublish", analysis)
        .then()
        .statusCode(200);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        Api.at(stack.timeline)
                            .get("/api/v1/stories/{story}", story)
                            .jsonPath()
                            .getList("analyses"))
                    .isEmpty());
    assertThat(Api.changes(stack.timeline, story, 0))
        .extracting(c -> c.get("type"))
        .endsWith("analysis-detached");
  }
}
