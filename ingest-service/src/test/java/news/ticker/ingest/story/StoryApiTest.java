package news.ticker.ingest.story;

import static io.restassured.RestAssured.given;
import static news.ticker.ingest.support.Newsroom.EDITOR;
import static news.ticker.ingest.support.Newsroom.REPORTER;
import static news.ticker.ingest.support.Newsroom.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.testing.TestTokens;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent.StoryChanged;
import news.ticker.events.StoryEvent.StoryClosed;
import news.ticker.events.StoryEvent.StoryOpened;
import news.ticker.events.Topics;
import news.ticker.ingest.support.Database;
import news.ticker.ingest.support.Newsroom;
import news.ticker.ingest.support.Published;
import news.ticker.ingest.support.TopicRecorder.Received;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StoryApiTest {

  private static final String STORIES = "/api/v1/stories";

  private static String uniqueSlug() {
    return "story-" + UUID.randomUUID();
  }

  @Test
  void openingAStoryPublishesStoryOpenedAtVersionOneWithCloudEventsHeaders() {
    String slug = uniqueSlug();
    Response response =
        as(EDITOR)
            .body(
                Map.of(
                    "title", "Oorlog in Oekraïne",
                    "slug", slug,
                    "section", "Buitenland",
                    "language", "nl",
                    "tags", List.of("Oekraïne", "Rusland"),
                    "canonicalUrl", "https://nos.nl/live/oekraine",
                    "coverageStartTime", "2025-03-19T07:00:00+01:00"))
            .post(STORIES);

    response.then().statusCode(201).header("ETag", "\"1\"").body("version", equalTo(1));
    UUID storyId = UUID.fromString(response.jsonPath().getString("id"));
    assertThat(response.header("Location")).isEqualTo(STORIES + "/" + storyId);

    Received record = Published.awaitRecords(Topics.STORY_EVENTS, storyId, 1).get(0);
    assertThat(record.key()).isEqualTo(storyId.toString());
    assertThat(record.header("ce_specversion")).isEqualTo("1.0");
    assertThat(record.header("ce_type")).isEqualTo("news.ticker.story-opened.v1");
    assertThat(record.header("ce_source")).isEqualTo("/ticker/ingest");
    assertThat(record.header("ce_subject")).isEqualTo(storyId.toString());
    assertThat(record.header("ce_streamversion")).isEqualTo("1");
    assertThat(UUID.fromString(record.header("ce_id"))).isNotNull();
    StoryOpened opened = Published.data(Published.decode(record), StoryOpened.class);
    assertThat(opened.title()).isEqualTo("Oorlog in Oekraïne");
    assertThat(opened.slug()).isEqualTo(slug);
    assertThat(opened.tags()).containsExactly("Oekraïne", "Rusland");
    assertThat(opened.coverageStartTime()).hasToString("2025-03-19T06:00:00Z");
    assertThat(opened.actor()).isEqualTo("test-editor");
    assertThat(Database.version(storyId)).isEqualTo(1);
    // The relay marks what Kafka acknowledged; nothing of the story stays behind in the outbox.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Database.count(
                        "ticker_outbox",
                        "stream_id = ? and published_at is null",
                        storyId.toString())
                    == 0);
  }

  @Test
  void withoutASlugOneIsDerivedFromTheTitleAndMadeUniqueWhenTaken() {
    String title = "Curaçao kiest " + UUID.randomUUID().toString().substring(0, 8);
    UUID first = openWithTitleOnly(title);
    UUID second = openWithTitleOnly(title);

    String firstSlug = openedEvent(first).slug();
    String secondSlug = openedEvent(second).slug();
    assertThat(firstSlug).isEqualTo(StorySlugs.fromTitle(title)).startsWith("curacao-kiest-");
    assertThat(secondSlug).isEqualTo(StorySlugs.withSuffix(firstSlug, second));
  }

  @Test
  void aSlugTakenByAnotherStoryIs409NamingSlugAndOpensNothing() {
    String slug = uniqueSlug();
    as(EDITOR).body(Map.of("title", "Eerste", "slug", slug)).post(STORIES).then().statusCode(201);
    long stories = Database.count("event_store", "event_type = 'news.ticker.story-opened.v1'");

    as(EDITOR)
        .body(Map.of("title", "Tweede", "slug", slug))
        .post(STORIES)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("status", equalTo(409))
        .body("errors[0].field", equalTo("slug"));

    assertThat(Database.count("event_store", "event_type = 'news.ticker.story-opened.v1'"))
        .isEqualTo(stories);
  }

  @Test
  void patchChangesOnlyTheFieldsSentAndPublishesTheCompleteHeader() {
    UUID storyId =
        created(
            as(EDITOR)
                .body(
                    Map.of(
                        "title", "Titel",
                        "slug", uniqueSlug(),
                        "summary", "Samenvatting",
                        "section", "Politiek"))
                .post(STORIES));

    as(EDITOR)
        .body(Map.of("title", "Nieuwe titel", "tags", List.of("a", "b")))
        .patch(STORIES + "/" + storyId)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("version", equalTo(2))
        .body("changed", equalTo(true));

    StoryChanged changed =
        Published.data(Published.awaitStoryEvents(storyId, 2).get(1), StoryChanged.class);
    assertThat(changed.title()).isEqualTo("Nieuwe titel");
    assertThat(changed.summary()).isEqualTo("Samenvatting");
    assertThat(changed.section()).isEqualTo("Politiek");
    assertThat(changed.tags()).containsExactly("a", "b");

    as(EDITOR)
        .body("{\"section\": null}")
        .patch(STORIES + "/" + storyId)
        .then()
        .statusCode(200)
        .body("version", equalTo(3));
    assertThat(
            Published.data(Published.awaitStoryEvents(storyId, 3).get(2), StoryChanged.class)
                .section())
        .isNull();
  }

  @Test
  void aPatchThatChangesNothingAnswersTheCurrentVersionAndAppendsNothing() {
    UUID storyId = Newsroom.openStory("Ongewijzigd");

    as(EDITOR)
        .body(Map.of("title", "Ongewijzigd"))
        .patch(STORIES + "/" + storyId)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("changed", equalTo(false));

    assertThat(Database.version(storyId)).isEqualTo(1);
  }

  @Test
  void closingEndsTheCoverageAndAClosedStoryRefusesUpdates() {
    UUID storyId = Newsroom.openStory("Afgelopen");

    as(EDITOR)
        .body(Map.of("coverageEndTime", "2099-01-01T00:00:00Z"))
        .post(STORIES + "/" + storyId + "/close")
        .then()
        .statusCode(200)
        .body("version", equalTo(2));
    StoryClosed closed =
        Published.data(Published.awaitStoryEvents(storyId, 2).get(1), StoryClosed.class);
    assertThat(closed.coverageEndTime()).hasToString("2099-01-01T00:00:00Z");

    as(REPORTER)
        .body(Map.of("body", "<p>Te laat</p>"))
        .post(STORIES + "/" + storyId + "/updates")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", startsWith("https://ticker.news/problems/"));
    // A plain client sends no body and no Content-Type at all: coverage ends now.
    HttpResponse<String> closedAgain =
        Newsroom.withoutBody("POST", STORIES + "/" + storyId + "/close", EDITOR);
    assertThat(closedAgain.statusCode()).isEqualTo(200);
    assertThat(closedAgain.body()).contains("\"version\":2", "\"changed\":false");
    assertThat(Database.version(storyId)).isEqualTo(2);
  }

  @Test
  void invalidFieldsAre422NamingEachField() {
    as(EDITOR)
        .body(
            Map.of(
                "slug", "Not A Slug",
                "language", "xx_YY",
                "canonicalUrl", "javascript:alert(1)",
                "coverageStartTime", "19-03-2025"))
        .post(STORIES)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("title", equalTo("The request is not valid"))
        .body("errors.field", hasItem("title"))
        .body("errors.field", hasItem("slug"))
        .body("errors.field", hasItem("language"))
        .body("errors.field", hasItem("canonicalUrl"))
        .body("errors.field", hasItem("coverageStartTime"));

    as(EDITOR)
        .body(Map.of("title", "x".repeat(301)))
        .post(STORIES)
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("title"));
    as(EDITOR)
        .body(Map.of("title", "<script>alert(1)</script>"))
        .post(STORIES)
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("title"));
  }

  @Test
  void malformedJsonWrongTypesAndUnknownFieldsAre400() {
    as(EDITOR)
        .body("{\"title\": ")
        .post(STORIES)
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    as(EDITOR)
        .body("{\"title\": \"T\", \"tags\": \"one\"}")
        .post(STORIES)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("tags"));
    as(EDITOR)
        .body("{\"title\": \"T\", \"titel\": \"typo\"}")
        .post(STORIES)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("titel"));
    as(EDITOR).body("[]").patch(STORIES + "/" + Newsroom.openStory("Lijst")).then().statusCode(400);
  }

  @Test
  void aBodyOfAnotherMediaTypeIs415() {
    given()
        .header("Authorization", TestTokens.bearer(EDITOR))
        .contentType(ContentType.TEXT)
        .body("title=Verkiezingen")
        .post(STORIES)
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
  }

  @Test
  void noOrABadTokenIs401AndTheWrongRoleIs403() {
    Map<String, String> body = Map.of("title", "Geheim", "slug", uniqueSlug());
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post(STORIES)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer");
    for (String token :
        List.of(
            TestTokens.expired(EDITOR),
            TestTokens.signedByOtherKey(EDITOR),
            TestTokens.wrongIssuer(EDITOR),
            "Bearer not-a-jwt")) {
      given()
          .header("Authorization", token)
          .contentType(ContentType.JSON)
          .body(body)
          .post(STORIES)
          .then()
          .statusCode(401)
          .contentType("application/problem+json");
    }
    as(REPORTER)
        .body(body)
        .post(STORIES)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as("analyst").body(body).post(STORIES).then().statusCode(403);
    as("admin").body(body).post(STORIES).then().statusCode(201);
  }

  @Test
  void anUnknownStoryIs404() {
    as(EDITOR)
        .body(Map.of("title", "Bestaat niet"))
        .patch(STORIES + "/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    assertThat(
            Newsroom.withoutBody("POST", STORIES + "/" + UUID.randomUUID() + "/close", EDITOR)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void aStaleIfMatchIs412WithTheCurrentVersionAndChangesNothing() {
    UUID storyId = Newsroom.openStory("Versies");
    as(EDITOR).body(Map.of("summary", "een")).patch(STORIES + "/" + storyId).then().statusCode(200);

    as(EDITOR)
        .header("If-Match", "\"1\"")
        .body(Map.of("summary", "twee"))
        .patch(STORIES + "/" + storyId)
        .then()
        .statusCode(412)
        .contentType("application/problem+json")
        .header("ETag", "\"2\"")
        .body("errors[0].field", equalTo("If-Match"));
    assertThat(Database.version(storyId)).isEqualTo(2);

    as(EDITOR)
        .header("If-Match", "\"2\"")
        .body(Map.of("summary", "twee"))
        .patch(STORIES + "/" + storyId)
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"");
  }

  @Test
  void aWeakIfMatchNeverMatchesAndIs412WhileAMalformedOneIs400() {
    UUID storyId = Newsroom.openStory("Zwakke versie");

    // RFC 9110 13.1.1: If-Match uses the strong comparison, so W/"1" is not the current "1".
    as(EDITOR)
        .header("If-Match", "W/\"1\"")
        .body(Map.of("summary", "zwak"))
        .patch(STORIES + "/" + storyId)
        .then()
        .statusCode(412)
        .contentType("application/problem+json")
        .header("ETag", "\"1\"")
        .body("errors[0].field", equalTo("If-Match"));
    as(EDITOR)
        .header("If-Match", "1")
        .body(Map.of("summary", "ongeldig"))
        .patch(STORIES + "/" + storyId)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("If-Match"));
    assertThat(Database.version(storyId)).isEqualTo(1);
  }

  private static UUID openWithTitleOnly(String title) {
    return created(as(EDITOR).body(Map.of("title", title)).post(STORIES));
  }

  private static UUID created(Response response) {
    response.then().statusCode(201);
    return UUID.fromString(response.jsonPath().getString("id"));
  }

  private static StoryOpened openedEvent(UUID storyId) {
    EventEnvelope envelope = Published.awaitStoryEvents(storyId, 1).get(0);
    return Published.data(envelope, StoryOpened.class);
  }
}
