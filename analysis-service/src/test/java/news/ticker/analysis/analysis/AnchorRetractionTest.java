package news.ticker.analysis.analysis;

import static io.restassured.RestAssured.given;
import static news.ticker.analysis.testing.Analyses.ANALYST;
import static news.ticker.analysis.testing.Analyses.EDITOR;
import static news.ticker.analysis.testing.Analyses.awaitStoryKnown;
import static news.ticker.analysis.testing.Analyses.create;
import static news.ticker.analysis.testing.Analyses.draft;
import static news.ticker.analysis.testing.Analyses.get;
import static news.ticker.analysis.testing.Analyses.publish;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import news.ticker.analysis.testing.Analyses;
import news.ticker.analysis.testing.StoryFeed;
import news.ticker.analysis.testing.StoryFeed.LiveStory;
import news.ticker.devstack.testing.JwtResource;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.PostgresResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An anchor retracted after the analysis was written: the analysis stays and says so. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, parallel = true)
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "analysis"),
    parallel = true)
@WithTestResource(JwtResource.class)
class AnchorRetractionTest {

  static StoryFeed feed;

  @BeforeAll
  static void connect() {
    feed = StoryFeed.connect();
  }

  @AfterAll
  static void disconnect() {
    feed.close();
  }

  @Test
  void aRetractedAnchorLeavesTheAnalysisOnItsStoryMarkedAnchorRetracted() {
    LiveStory story = feed.openStory();
    UUID anchor = story.postUpdate();
    awaitStoryKnown(story.id());
    Map<String, Object> body = draft(story.id());
    body.put("updateId", anchor.toString());
    String id = create(ANALYST, body).then().statusCode(201).extract().path("id");
    UUID published = UUID.fromString(id);
    publish(EDITOR, published).then().statusCode(200);
    UUID draftAnalysis =
        UUID.fromString(create(ANALYST, body).then().statusCode(201).extract().path("id"));

    story.retract(anchor);

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> get(null, published).then().extract().<Boolean>path("anchorRetracted"));
    get(null, published)
        .then()
        .statusCode(200)
        .body("status", is("published"))
        .body("storyId", is(story.id().toString()))
        .body("anchorUpdateId", is(anchor.toString()))
        .body("version", is(2));
    get(ANALYST, draftAnalysis).then().body("anchorRetracted", is(true));
    given()
        .get("/api/v1/stories/{id}/analyses", story.id())
        .then()
        .body("id", contains(id))
        .body("anchorRetracted", contains(true));

    // The flag describes the story, not an edit: the analyst's ETag is still valid.
    given()
        .header("Authorization", ANALYST)
        .header("If-Match", "\"2\"")
        .contentType(ContentType.JSON)
        .body(Analyses.revision("Still relevant", "<p>Even without its anchor.</p>"))
        .put("/api/v1/analyses/{id}", published)
        .then()
        .statusCode(200)
        .body("anchorRetracted", is(true))
        .body("version", is(3));
  }
}
