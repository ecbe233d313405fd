package news.ticker.analysis.analysis;

import static io.restassured.RestAssured.given;
import static news.ticker.analysis.testing.Analyses.ANALYST;
import static news.ticker.analysis.testing.Analyses.EDITOR;
import static news.ticker.analysis.testing.Analyses.awaitStoryKnown;
import static news.ticker.analysis.testing.Analyses.create;
import static news.ticker.analysis.testing.Analyses.createDraft;
import static news.ticker.analysis.testing.Analyses.draft;
import static news.ticker.analysis.testing.Analyses.get;
import static news.ticker.analysis.testing.Analyses.publish;
import static news.ticker.analysis.testing.Analyses.revision;
import static news.ticker.analysis.testing.Analyses.unpublish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.analysis.testing.AnalysisEventLog;
import news.ticker.analysis.testing.AnalysisEventLog.Received;
import news.ticker.analysis.testing.StoryFeed;
import news.ticker.analysis.testing.StoryFeed.LiveStory;
import news.ticker.devstack.testing.JwtResource;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.PostgresResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, parallel = true)
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "analysis"),
    parallel = true)
@WithTestResource(JwtResource.class)
class AnalysisLifecycleTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static StoryFeed feed;
  static AnalysisEventLog events;

  @BeforeAll
  static void connect() {
    feed = StoryFeed.connect();
    events = AnalysisEventLog.openAtEnd();
  }

  @AfterAll
  static void disconnect() {
    feed.close();
    events.close();
  }

  @Test
  void draftIsRevisedPublishedRevisedAndWithdrawnWithAnEventForEachPublicChange() throws Exception {
    LiveStory story = feed.openStory();
    UUID anchor = story.postUpdate();
    awaitStoryKnown(story.id());

    Map<String, Object> body = draft(story.id());
    body.put("updateId", anchor.toString());
    String id =
        create(ANALYST, body)
            .then()
            .statusCode(201)
            .contentType(ContentType.JSON)
            .header("ETag", "\"1\"")
            .body("status", is("draft"))
            .body("version", is(1))
            .body("storyId", is(story.id().toString()))
            .body("anchorUpdateId", is(anchor.toString()))
            .body("anchorRetracted", is(false))
            .body("wordCount", is(11))
            .body("readingTimeMinutes", is(1))
            .extract()
            .path("id");
    UUID analysisId = UUID.fromString(id);
    given()
        .header("Authorization", ANALYST)
        .get("/api/v1/analyses/{id}", analysisId)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"");

    given()
        .header("Authorization", ANALYST)
        .header("If-Match", "\"1\"")
        .contentType(ContentType.JSON)
        .body(revision("Why the dykes held", "<p>The dykes held because of thirty years.</p>"))
        .put("/api/v1/analyses/{id}", analysisId)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("version", is(2))
        .body("status", is("draft"))
        .body("title", is("Why the dykes held"))
        .body("authors", contains("Anna de Vries", "Piet Jansen"))
        .body("wordCount", is(7));

    given()
        .header("Authorization", EDITOR)
        .header("If-Match", "\"2\"")
        .post("/api/v1/analyses/{id}/publish", analysisId)
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"")
        .body("status", is("published"))
        .body("version", is(3))
        .body("publishedAt", notNullValue());

    Received published = awaitEvents(analysisId, 1).get(0);
    assertThat(published.key()).isEqualTo(id);
    assertThat(published.headers())
        .containsEntry("ce_specversion", "1.0")
        .containsEntry("ce_type", "news.ticker.analysis-published.v1")
        .containsEntry("ce_source", "/ticker/analysis")
        .containsEntry("ce_subject", id)
        .containsEntry("ce_streamversion", "3")
        .containsEntry("content-type", "application/json");
    UUID.fromString(published.headers().get("ce_id"));
    Instant.parse(published.headers().get("ce_time"));
    JsonNode data = JSON.readTree(published.value());
    assertThat(data.has("body")).as("the long body never travels in an event").isFalse();
    assertThat(data.get("analysisId").asText()).isEqualTo(id);
    assertThat(data.get("storyId").asText()).isEqualTo(story.id().toString());
    assertThat(data.get("anchorUpdateId").asText()).isEqualTo(anchor.toString());
    assertThat(data.get("title").asText()).isEqualTo("Why the dykes held");
    assertThat(data.get("standfirst").asText()).isEqualTo("Revised standfirst.");
    assertThat(data.get("authors").toString()).isEqualTo("[\"Anna de Vries\",\"Piet Jansen\"]");
    assertThat(data.get("language").asText()).isEqualTo("nl");
    assertThat(data.get("wordCount").asInt()).isEqualTo(7);
    assertThat(data.get("readingTimeMinutes").asInt()).isEqualTo(1);
    assertThat(data.get("link").asText()).isEqualTo("http://localhost:8083/api/v1/analyses/" + id);
    assertThat(data.get("actor").asText()).isEqualTo("test-editor");
    assertThat(published.value()).doesNotContain("thirty years");

    given()
        .header("Authorization", ANALYST)
        .header("If-Match", "\"3\"")
        .contentType(ContentType.JSON)
        .body(revision("Why the dykes held, revisited", "<p>A longer, revised text.</p>"))
        .put("/api/v1/analyses/{id}", analysisId)
        .then()
        .statusCode(200)
        .header("ETag", "\"4\"")
        .body("status", is("published"));

    Received revised = awaitEvents(analysisId, 2).get(1);
    assertThat(revised.type()).isEqualTo("news.ticker.analysis-revised.v1");
    assertThat(revised.headers()).containsEntry("ce_streamversion", "4");
    JsonNode revisedData = JSON.readTree(revised.value());
    assertThat(revisedData.get("title").asText()).isEqualTo("Why the dykes held, revisited");
    assertThat(revisedData.has("body")).isFalse();
    assertThat(revised.value()).doesNotContain("A longer, revised text");

    given()
        .header("Authorization", EDITOR)
        .header("If-Match", "\"4\"")
        .post("/api/v1/analyses/{id}/unpublish", analysisId)
        .then()
        .statusCode(200)
        .header("ETag", "\"5\"")
        .body("status", is("withdrawn"))
        .body("withdrawnAt", notNullValue());

    Received withdrawn = awaitEvents(analysisId, 3).get(2);
    assertThat(withdrawn.type()).isEqualTo("news.ticker.analysis-withdrawn.v1");
    assertThat(withdrawn.headers()).containsEntry("ce_streamversion", "5");
    JsonNode withdrawnData = JSON.readTree(withdrawn.value());
    assertThat(withdrawnData.get("storyId").asText()).isEqualTo(story.id().toString());
    assertThat(withdrawnData.get("actor").asText()).isEqualTo("test-editor");

    given()
        .header("Authorization", EDITOR)
        .get("/api/v1/analyses/{id}/revisions", analysisId)
        .then()
        .statusCode(200)
        .body("version", contains(1, 2, 4))
        .body(
            "title",
            contains(
                "Why the dykes held this time",
                "Why the dykes held",
                "Why the dykes held, revisited"))
        .body("actor", contains("test-analyst", "test-analyst", "test-analyst"))
        .body("[0].body", is("<p>When the water rose on Tuesday night, the new dykes held.</p>"));
    get(null, analysisId).then().statusCode(404);
  }

  @Test
  void publishingWhatIsPublishedChangesNothingAndAnnouncesNothing() {
    LiveStory story = feed.openStory();
    awaitStoryKnown(story.id());
    UUID analysisId = createDraft(story.id());

    publish(EDITOR, analysisId).then().statusCode(200).body("version", is(2));
    publish(EDITOR, analysisId)
        .then()
        .statusCode(200)
        .body("version", is(2))
        .header("ETag", "\"2\"");

    awaitEvents(analysisId, 1);
    assertNoMoreEventsThan(analysisId, 1);
  }

  @Test
  void revisingWithTheSameContentKeepsTheVersion() {
    LiveStory story = feed.openStory();
    awaitStoryKnown(story.id());
    Map<String, Object> body = draft(story.id());
    UUID analysisId = createDraft(story.id());
    body.remove("storyId");

    given()
        .header("Authorization", ANALYST)
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/v1/analyses/{id}", analysisId)
        .then()
        .statusCode(200)
        .body("version", is(1));
  }

  @Test
  void aDraftThatWasNeverPublishedCannotBeWithdrawn() {
    LiveStory story = feed.openStory();
    awaitStoryKnown(story.id());
    UUID analysisId = createDraft(story.id());

    unpublish(EDITOR, analysisId)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", endsWith("is a draft that was never published"));
  }

  @Test
  void aStoryListsItsPublishedAnalysesNewestFirstWithoutBodies() {
    LiveStory story = feed.openStory();
    awaitStoryKnown(story.id());
    UUID first = createDraft(story.id());
    UUID second = createDraft(story.id());
    UUID draft = createDraft(story.id());
    UUID withdrawn = createDraft(story.id());
    publish(EDITOR, first).then().statusCode(200);
    publish(EDITOR, withdrawn).then().statusCode(200);
    publish(EDITOR, second).then().statusCode(200);
    unpublish(EDITOR, withdrawn).then().statusCode(200);

    given()
        .get("/api/v1/stories/{id}/analyses", story.id())
        .then()
        .statusCode(200)
        .body("id", contains(second.toString(), first.toString()))
        .body("[0]", not(hasKey("body")))
        .body("[0].readingTimeMinutes", is(1))
        .body("[0].link", endsWith("/api/v1/analyses/" + second));
    assertThat(draft).isNotNull();
  }

  @Test
  void aClosedStoryStillAcceptsAnalyses() {
    LiveStory story = feed.openStory();
    story.close();
    awaitStoryKnown(story.id());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "CLOSED"
                    .equals(news.ticker.analysis.testing.ProjectionProbe.storyStatus(story.id())));

    create(ANALYST, draft(story.id())).then().statusCode(201);
  }

  @Test
  void theBodyIsSanitisedAndUnicodeStaysIntact() {
    LiveStory story = feed.openStory();
    awaitStoryKnown(story.id());
    Map<String, Object> body = draft(story.id());
    body.put("title", "Ōverstroming in Zeeland — مياه 🌊 <b>now</b>");
    body.put("authors", List.of("Zoë Ünal", "李明"));
    body.put(
        "body",
        "<p onclick=\"steal()\">Het water 🌊 stijgt.</p><script>alert(1)</script>"
            + "<a href=\"javascript:alert(1)\">link</a><p>Ça va\u0000.</p>");

    create(ANALYST, body)
        .then()
        .statusCode(201)
        .body("title", is("Ōverstroming in Zeeland — مياه 🌊 now"))
        .body("authors", contains("Zoë Ünal", "李明"))
        .body(
            "body",
            is(
                "<p>Het water 🌊 stijgt.</p><a rel=\"noopener noreferrer nofollow\">link</a><p>Ça va.</p>"));
  }

  private static List<Received> awaitEvents(UUID analysisId, int count) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> events.of(analysisId), list -> list.size() >= count);
  }

  /** Gives the relay time to publish anything it would, then checks nothing more came. */
  private static void assertNoMoreEventsThan(UUID analysisId, int count) {
    await()
        .pollDelay(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(events.of(analysisId)).hasSize(count));
  }
}
