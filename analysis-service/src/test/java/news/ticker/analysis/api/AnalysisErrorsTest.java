package news.ticker.analysis.api;

import static io.restassured.RestAssured.given;
import static news.ticker.analysis.testing.Analyses.ANALYST;
import static news.ticker.analysis.testing.Analyses.EDITOR;
import static news.ticker.analysis.testing.Analyses.awaitStoryKnown;
import static news.ticker.analysis.testing.Analyses.create;
import static news.ticker.analysis.testing.Analyses.createDraft;
import static news.ticker.analysis.testing.Analyses.draft;
import static news.ticker.analysis.testing.Analyses.publish;
import static news.ticker.analysis.testing.Analyses.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.analysis.testing.AnalysisEventLog;
import news.ticker.analysis.testing.ProjectionProbe;
import news.ticker.analysis.testing.StoryFeed;
import news.ticker.analysis.testing.StoryFeed.LiveStory;
import news.ticker.devstack.testing.JwtResource;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.PostgresResource;
import news.ticker.devstack.testing.TestTokens;
import news.ticker.events.Ids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every way a request can fail, each as RFC 9457 problem+json naming what is wrong. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, parallel = true)
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "analysis"),
    parallel = true)
@WithTestResource(JwtResource.class)
class AnalysisErrorsTest {

  private static final String PROBLEM = "application/problem+json";

  static StoryFeed feed;
  static AnalysisEventLog events;
  static LiveStory story;

  @BeforeAll
  static void openStory() {
    feed = StoryFeed.connect();
    events = AnalysisEventLog.openAtEnd();
    story = feed.openStory();
  }

  @AfterAll
  static void disconnect() {
    feed.close();
    events.close();
  }

  // 400

  @Test
  void malformedJsonIs400() {
    awaitStoryKnown(story.id());
    given()
        .header("Authorization", ANALYST)
        .contentType(ContentType.JSON)
        .body("{\"storyId\": \"" + story.id() + "\", \"title\": ")
        .post("/api/v1/analyses")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("status", is(400))
        .body("type", is("https://ticker.news/problems/bad-request"));
  }

  @Test
  void aFieldOfTheWrongTypeIs400NamingIt() {
    Map<String, Object> body = draft(story.id());
    body.put("storyId", "not-a-uuid");
    create(ANALYST, body)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("storyId"));

    Map<String, Object> authors = draft(story.id());
    authors.put("authors", "Anna de Vries");
    create(ANALYST, authors)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("authors"));
  }

  @Test
  void anUnknownFieldIs400NamingIt() {
    Map<String, Object> body = draft(story.id());
    body.put("tittle", "typo");
    create(ANALYST, body)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("tittle"));
  }

  @Test
  void aMissingBodyIs400() {
    given()
        .header("Authorization", ANALYST)
        .contentType(ContentType.JSON)
        .post("/api/v1/analyses")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }

  @Test
  void anAnalysisIdThatIsNoUuidIs400NamingIt() {
    given()
        .get("/api/v1/analyses/{id}", "not-a-uuid")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors[0].field", is("analysisId"));
  }

  @Test
  void aMalformedIfMatchIs400NamingIt() {
    awaitStoryKnown(story.id());
    UUID analysisId = createDraft(story.id());
    given()
        .header("Authorization", EDITOR)
        .header("If-Match", "1")
        .post("/api/v1/analyses/{id}/publish", analysisId)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors[0].field", is("If-Match"));
  }

  // 401 and 403

  @Test
  void writesWithoutAValidTokenAre401() {
    given()
        .contentType(ContentType.JSON)
        .body(draft(story.id()))
        .post("/api/v1/analyses")
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .header("WWW-Authenticate", "Bearer");
    for (String token :
        List.of(
            TestTokens.expired("analyst"),
            TestTokens.signedByOtherKey("analyst"),
            TestTokens.wrongIssuer("analyst"))) {
      create(token, draft(story.id())).then().statusCode(401).contentType(PROBLEM);
    }
  }

  @Test
  void anAnalystMayNotPublishOrWithdraw() {
    awaitStoryKnown(story.id());
    UUID analysisId = createDraft(story.id());
    publish(ANALYST, analysisId)
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("type", is("https://ticker.news/problems/forbidden"));
    given()
        .header("Authorization", ANALYST)
        .post("/api/v1/analyses/{id}/unpublish", analysisId)
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
  }

  @Test
  void aReporterMayNotWriteAnalysesButAnAdminMay() {
    awaitStoryKnown(story.id());
    create(TestTokens.bearer("reporter"), draft(story.id()))
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    create(TestTokens.bearer("admin"), draft(story.id())).then().statusCode(201);
  }

  // 404

  @Test
  void unknownAnalysesAndStoriesAre404() {
    UUID unknown = Ids.newId();
    given()
        .header("Authorization", EDITOR)
        .get("/api/v1/analyses/{id}", unknown)
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    given()
        .header("Authorization", ANALYST)
        .contentType(ContentType.JSON)
        .body(revision("Title", "<p>Text</p>"))
        .put("/api/v1/analyses/{id}", unknown)
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    publish(EDITOR, unknown).then().statusCode(404).contentType(PROBLEM);
    given()
        .header("Authorization", EDITOR)
        .get("/api/v1/analyses/{id}/revisions", unknown)
        .then()
        .statusCode(404);
    given().get("/api/v1/stories/{id}/analyses", unknown).then().statusCode(404);
  }

  // 409

  @Test
  void anAnalysisCannotBeAnchoredAtARetractedUpdate() {
    UUID update = story.postUpdate();
    story.retract(update);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProjectionProbe.updateRetracted(update) == 1);

    Map<String, Object> body = draft(story.id());
    body.put("updateId", update.toString());
    create(ANALYST, body)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("retracted"));
  }

  // 412

  @Test
  void aStaleIfMatchIs412WithTheCurrentETag() {
    awaitStoryKnown(story.id());
    UUID analysisId = createDraft(story.id());
    given()
        .header("Authorization", ANALYST)
        .header("If-Match", "\"1\"")
        .contentType(ContentType.JSON)
        .body(revision("Second", "<p>Second text</p>"))
        .put("/api/v1/analyses/{id}", analysisId)
        .then()
        .statusCode(200);

    given()
        .header("Authorization", ANALYST)
        .header("If-Match", "\"1\"")
        .contentType(ContentType.JSON)
        .body(revision("Lost update", "<p>Lost text</p>"))
        .put("/api/v1/analyses/{id}", analysisId)
        .then()
        .statusCode(412)
        .contentType(PROBLEM)
        .header("ETag", "\"2\"")
        .body("errors[0].field", is("If-Match"));
    given()
        .header("Authorization", EDITOR)
        .header("If-Match", "\"1\"")
        .post("/api/v1/analyses/{id}/publish", analysisId)
        .then()
        .statusCode(412);
    given()
        .header("Authorization", ANALYST)
        .get("/api/v1/analyses/{id}", analysisId)
        .then()
        .body("title", is("Second"))
        .body("status", is("draft"));
  }

  @Test
  void aWeakIfMatchNeverMatchesAndIs412() {
    awaitStoryKnown(story.id());
    UUID analysisId = createDraft(story.id());
    // RFC 9110 13.1.1: If-Match uses the strong comparison, so W/"1" is not the current "1".
    given()
        .header("Authorization", ANALYST)
        .header("If-Match", "W/\"1\"")
        .contentType(ContentType.JSON)
        .body(revision("Weak", "<p>Weak text</p>"))
        .put("/api/v1/analyses/{id}", analysisId)
        .then()
        .statusCode(412)
        .contentType(PROBLEM)
        .header("ETag", "\"1\"")
        .body("errors[0].field", is("If-Match"));
    given()
        .header("Authorization", EDITOR)
        .header("If-Match", "W/\"1\"")
        .post("/api/v1/analyses/{id}/publish", analysisId)
        .then()
        .statusCode(412);
    given()
        .header("Authorization", ANALYST)
        .get("/api/v1/analyses/{id}", analysisId)
        .then()
        .header("ETag", "\"1\"")
        .body("status", is("draft"));
  }

  // 413

  @Test
  void aBodyOverOneMebibyteIs413NamingBody() {
    Map<String, Object> body = draft(story.id());
    body.put("body", "<p>" + "a".repeat(1024 * 1024) + "</p>");
    create(ANALYST, body)
        .then()
        .statusCode(413)
        .contentType(PROBLEM)
        .body("errors[0].field", is("body"));
  }

  @Test
  void aBodyOfAlmostOneMebibyteIsAccepted() {
    awaitStoryKnown(story.id());
    Map<String, Object> body = draft(story.id());
    body.put("body", "<p>" + "woord ".repeat(170_000) + "</p>");
    create(ANALYST, body)
        .then()
        .statusCode(201)
        .body("wordCount", is(170_000))
        .body("readingTimeMinutes", is(740));
  }

  // 415

  @Test
  void aBodyThatIsNotJsonIs415() {
    given()
        .header("Authorization", ANALYST)
        .contentType(ContentType.TEXT)
        .body("storyId=" + story.id())
        .post("/api/v1/analyses")
        .then()
        .statusCode(415)
        .contentType(PROBLEM);
  }

  // 422

  @Test
  void aMissingStoryIdIs422NamingIt() {
    Map<String, Object> body = draft(story.id());
    body.remove("storyId");
    create(ANALYST, body)
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("errors[0].field", is("storyId"));
  }

  @Test
  void anUnknownStoryIs422NamingStoryIdAfterWaitingForTheProjection() {
    long started = System.nanoTime();
    create(ANALYST, draft(Ids.newId()))
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("errors[0].field", is("storyId"));
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("the default wait is 5 s")
        .isGreaterThanOrEqualTo(Duration.ofMillis(4_900));
  }

  @Test
  void anUnknownAnchorIs422NamingUpdateIdAfterWaitingForTheProjection() {
    awaitStoryKnown(story.id());
    Map<String, Object> body = draft(story.id());
    body.put("updateId", Ids.newId().toString());
    long started = System.nanoTime();
    create(ANALYST, body)
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("errors[0].field", is("updateId"));
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(4_900));
  }

  @Test
  void anAnchorOfAnotherStoryIs422NamingUpdateId() {
    LiveStory other = feed.openStory();
    UUID foreignUpdate = other.postUpdate();
    awaitStoryKnown(story.id());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProjectionProbe.updateRetracted(foreignUpdate) == 0);

    Map<String, Object> body = draft(story.id());
    body.put("updateId", foreignUpdate.toString());
    create(ANALYST, body)
        .then()
        .statusCode(422)
        .body("errors[0].field", is("updateId"))
        .body("detail", containsString("another story"));
  }

  @Test
  void invalidContentIs422NamingEveryField() {
    Map<String, Object> body = draft(story.id());
    body.put("title", "  <b></b> ");
    body.put("body", "<script>alert('only a script')</script>");
    body.put("language", "not a language!");
    body.put("authors", java.util.Arrays.asList("Anna", ""));
    create(ANALYST, body)
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("title"))
        .body("errors.field", hasItem("body"))
        .body("errors.field", hasItem("language"))
        .body("errors.field", hasItem("authors[1]"));
  }

  // Idempotency-Key

  @Test
  void theSameKeyWithTheSameBodyGetsTheSameResponse() {
    awaitStoryKnown(story.id());
    String key = "create-" + UUID.randomUUID();
    Response first = createWithKey(key, draft(story.id()));
    first.then().statusCode(201);
    Response again = createWithKey(key, draft(story.id()));
    again.then().statusCode(201).header("Idempotent-Replayed", "true");

    assertThat(again.asString()).isEqualTo(first.asString());
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
  }

  @Test
  void theSameKeyWithAnotherBodyIs422() {
    awaitStoryKnown(story.id());
    String key = "create-" + UUID.randomUUID();
    createWithKey(key, draft(story.id())).then().statusCode(201);
    Map<String, Object> other = draft(story.id());
    other.put("title", "Another title");
    createWithKey(key, other)
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("errors[0].field", is("Idempotency-Key"));
  }

  @Test
  void aRepeatedPublishWithTheSameKeyAnnouncesOnce() {
    awaitStoryKnown(story.id());
    UUID analysisId = createDraft(story.id());
    String key = "publish-" + UUID.randomUUID();
    Response first =
        given()
            .header("Authorization", EDITOR)
            .header("Idempotency-Key", key)
            .post("/api/v1/analyses/{id}/publish", analysisId);
    first.then().statusCode(200).body("version", is(2));
    Response again =
        given()
            .header("Authorization", EDITOR)
            .header("Idempotency-Key", key)
            .post("/api/v1/analyses/{id}/publish", analysisId);
    again.then().statusCode(200).header("Idempotent-Replayed", "true");
    assertThat(again.asString()).isEqualTo(first.asString());

    await().atMost(Duration.ofSeconds(30)).until(() -> events.of(analysisId).size() == 1);
    await()
        .pollDelay(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(events.of(analysisId)).hasSize(1));
  }

  @Test
  void theSameKeyWithAnotherIfMatchIs422AndAnIdenticalRetryReplays() {
    awaitStoryKnown(story.id());
    UUID analysisId = createDraft(story.id());
    String key = "revise-" + UUID.randomUUID();
    Map<String, Object> body = revision("Revised", "<p>Revised text</p>");
    Response first =
        given()
            .header("Authorization", ANALYST)
            .header("Idempotency-Key", key)
            .header("If-Match", "\"1\"")
            .contentType(ContentType.JSON)
            .body(body)
            .put("/api/v1/analyses/{id}", analysisId);
    first.then().statusCode(200).header("ETag", "\"2\"");

    // The fingerprint covers If-Match: the same key and body with another precondition (or none)
    // is another request.
    for (String other : new String[] {"\"2\"", "*"}) {
      given()
          .header("Authorization", ANALYST)
          .header("Idempotency-Key", key)
          .header("If-Match", other)
          .contentType(ContentType.JSON)
          .body(body)
          .put("/api/v1/analyses/{id}", analysisId)
          .then()
          .statusCode(422)
          .contentType(PROBLEM)
          .body("errors[0].field", is("Idempotency-Key"));
    }
    given()
        .header("Authorization", ANALYST)
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/v1/analyses/{id}", analysisId)
        .then()
        .statusCode(422);

    Response retry =
        given()
            .header("Authorization", ANALYST)
            .header("Idempotency-Key", key)
            .header("If-Match", "\"1\"")
            .contentType(ContentType.JSON)
            .body(body)
            .put("/api/v1/analyses/{id}", analysisId);
    retry.then().statusCode(200).header("Idempotent-Replayed", "true").header("ETag", "\"2\"");
    assertThat(retry.asString()).isEqualTo(first.asString());
  }

  private static Response createWithKey(String key, Map<String, Object> body) {
    return given()
        .header("Authorization", ANALYST)
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/analyses");
  }
}
