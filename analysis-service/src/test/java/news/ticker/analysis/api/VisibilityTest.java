package news.ticker.analysis.api;

import static io.restassured.RestAssured.given;
import static news.ticker.analysis.testing.Analyses.ANALYST;
import static news.ticker.analysis.testing.Analyses.EDITOR;
import static news.ticker.analysis.testing.Analyses.awaitStoryKnown;
import static news.ticker.analysis.testing.Analyses.createDraft;
import static news.ticker.analysis.testing.Analyses.get;
import static news.ticker.analysis.testing.Analyses.publish;
import static news.ticker.analysis.testing.Analyses.unpublish;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import news.ticker.analysis.testing.StoryFeed;
import news.ticker.analysis.testing.StoryFeed.LiveStory;
import news.ticker.devstack.testing.JwtResource;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.PostgresResource;
import news.ticker.devstack.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Published analyses are public; drafts and withdrawn ones do not exist for outsiders. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, parallel = true)
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "analysis"),
    parallel = true)
@WithTestResource(JwtResource.class)
class VisibilityTest {

  static StoryFeed feed;
  static LiveStory story;

  @BeforeAll
  static void openStory() {
    feed = StoryFeed.connect();
    story = feed.openStory();
  }

  @AfterAll
  static void disconnect() {
    feed.close();
  }

  @Test
  void aDraftIsInvisibleToAnonymousReadersAndToTokensWithoutAWritingRole() {
    awaitStoryKnown(story.id());
    UUID draft = createDraft(story.id());

    for (String outsider :
        List.of(
            TestTokens.bearer("reporter"),
            TestTokens.expired("editor"),
            TestTokens.signedByOtherKey("editor"),
            TestTokens.wrongIssuer("analyst"))) {
      get(outsider, draft).then().statusCode(404).contentType("application/problem+json");
    }
    get(null, draft)
        .then()
        .statusCode(404)
        .body("detail", is("analysis " + draft + " does not exist"));

    for (String newsroom : List.of(ANALYST, EDITOR, TestTokens.bearer("admin"))) {
      get(newsroom, draft)
          .then()
          .statusCode(200)
          .header("Cache-Control", "private, no-store")
          .body("status", is("draft"));
    }
    given().get("/api/v1/stories/{id}/analyses", story.id()).then().body("size()", is(0));
  }

  @Test
  void aPublishedAnalysisIsPublicAndAWithdrawnOneIsNot() {
    awaitStoryKnown(story.id());
    UUID analysis = createDraft(story.id());
    publish(EDITOR, analysis).then().statusCode(200);

    get(null, analysis)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("status", is("published"))
        .body("wordCount", is(11))
        .body("readingTimeMinutes", is(1))
        .body("anchorRetracted", is(false));
    // A bad token does not spoil a public read.
    get(TestTokens.expired("analyst"), analysis).then().statusCode(200);

    unpublish(EDITOR, analysis).then().statusCode(200);
    get(null, analysis).then().statusCode(404);
    get(EDITOR, analysis).then().statusCode(200).body("status", is("withdrawn"));
  }

  @Test
  void revisionsAreForTheNewsroomOnly() {
    awaitStoryKnown(story.id());
    UUID analysis = createDraft(story.id());
    publish(EDITOR, analysis).then().statusCode(200);

    given().get("/api/v1/analyses/{id}/revisions", analysis).then().statusCode(401);
    given()
        .header("Authorization", TestTokens.bearer("reporter"))
        .get("/api/v1/analyses/{id}/revisions", analysis)
        .then()
        .statusCode(403);
    given()
        .header("Authorization", ANALYST)
        .get("/api/v1/analyses/{id}/revisions", analysis)
        .then()
        .statusCode(200)
        .body("size()", is(1));
  }
}
