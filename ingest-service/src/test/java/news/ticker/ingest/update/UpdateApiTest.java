package news.ticker.ingest.update;

import static io.restassured.RestAssured.given;
import static news.ticker.ingest.support.Newsroom.EDITOR;
import static news.ticker.ingest.support.Newsroom.REPORTER;
import static news.ticker.ingest.support.Newsroom.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.testing.TestTokens;
import news.ticker.events.ContentCipher;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent;
import news.ticker.events.StoryEvent.KeyEventMarked;
import news.ticker.events.StoryEvent.KeyEventUnmarked;
import news.ticker.events.StoryEvent.UpdateCorrected;
import news.ticker.events.StoryEvent.UpdateEdited;
import news.ticker.events.StoryEvent.UpdatePinned;
import news.ticker.events.StoryEvent.UpdatePosted;
import news.ticker.events.StoryEvent.UpdateRetracted;
import news.ticker.events.StoryEvent.UpdateUnpinned;
import news.ticker.events.Topics;
import news.ticker.ingest.support.Database;
import news.ticker.ingest.support.Newsroom;
import news.ticker.ingest.support.Published;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UpdateApiTest {

  private static String updates(UUID storyId) {
    return "/api/v1/stories/" + storyId + "/updates";
  }

  private static String update(UUID storyId, UUID updateId) {
    return updates(storyId) + "/" + updateId;
  }

  private static <E extends StoryEvent> E event(UUID storyId, int version, Class<E> type) {
    List<EventEnvelope> events = Published.awaitStoryEvents(storyId, version);
    EventEnvelope envelope = events.get(version - 1);
    assertThat(envelope.streamVersion()).isEqualTo(version);
    return Published.data(envelope, type);
  }

  @Test
  void postingAnUpdatePublishesItSealedUnderAKeyPublishedBeforeIt() {
    UUID storyId = Newsroom.openStory("Live");

    Response response =
        as(REPORTER)
            .body(
                Map.of(
                    "headline", "Eerste uitslag",
                    "body", "<p>MFK ligt <strong>voor</strong>.</p>",
                    "authors", List.of("Ellen de Vries"),
                    "keyEvent", true,
                    "publishedAt", "2025-03-19T21:14:00-04:00"))
            .post(updates(storyId));

    response.then().statusCode(201).header("ETag", "\"2\"").body("version", equalTo(2));
    UUID updateId = UUID.fromString(response.jsonPath().getString("id"));
    assertThat(response.jsonPath().getString("storyId")).isEqualTo(storyId.toString());
    assertThat(response.header("Location")).isEqualTo(update(storyId, updateId));

    UpdatePosted posted = event(storyId, 2, UpdatePosted.class);
    assertThat(posted.updateId()).isEqualTo(updateId);
    assertThat(posted.keyEvent()).isTrue();
    assertThat(posted.pinned()).isFalse();
    assertThat(posted.authors()).containsExactly("Ellen de Vries");
    assertThat(posted.publishedAt()).hasToString("2025-03-20T01:14:00Z");
    assertThat(posted.actor()).isEqualTo("test-reporter");
    assertThat(posted.body().keyId()).isEqualTo(updateId.toString());
    assertThat(Published.open(posted.body())).isEqualTo("<p>MFK ligt <strong>voor</strong>.</p>");
    assertThat(Published.open(posted.headline())).isEqualTo("Eerste uitslag");
    assertThat(ContentCipher.open(posted.body(), Database.contentKey(updateId)))
        .isEqualTo("<p>MFK ligt <strong>voor</strong>.</p>");

    // The key's outbox row precedes the row of the event it seals, so it reaches Kafka first.
    assertThat(
            Database.count(
                "ticker_outbox k join ticker_outbox e on e.stream_id = k.stream_id",
                "k.topic = ? and k.message_key = ? and e.stream_version = 2 and k.id < e.id",
                Topics.CONTENT_KEYS,
                updateId.toString()))
        .isEqualTo(1);
  }

  @Test
  void unicodeSurvivesTheSealedRoundTripAndControlCharactersAreRemoved() {
    UUID storyId = Newsroom.openStory("Unicode");
    String text = "“Oekraïne” — ‘citaat’ مرحبا بالعالم שלום עולם 🇺🇦👍🏽 café";

    UUID updateId =
        Newsroom.postUpdate(
            storyId,
            Map.of("headline", text + "\u0000\u0007", "body", "<p>" + text + "\u0000</p>"));

    UpdatePosted posted = event(storyId, 2, UpdatePosted.class);
    assertThat(posted.updateId()).isEqualTo(updateId);
    assertThat(Published.open(posted.body())).isEqualTo("<p>" + text + "</p>");
    assertThat(Published.open(posted.headline())).isEqualTo(text);
  }

  @Test
  void aScriptNeverReachesTheSealedBody() {
    UUID storyId = Newsroom.openStory("XSS");
    Newsroom.postUpdate(
        storyId,
        "<p>Hallo</p><script>alert(1)</script><img src=x onerror=alert(1)>"
            + "<a href=\"javascript:alert(1)\">klik</a><iframe src=\"https://evil.example\"></iframe>");

    String body = Published.open(event(storyId, 2, UpdatePosted.class).body());
    assertThat(body)
        .contains("<p>Hallo</p>", "klik")
        .doesNotContainIgnoringCase("script")
        .doesNotContainIgnoringCase("onerror")
        .doesNotContainIgnoringCase("javascript")
        .doesNotContainIgnoringCase("iframe");
  }

  @Test
  void aBodyThatIsEmptyAfterSanitisingOrMissingIs422AndOverTheLimitIs413() {
    UUID storyId = Newsroom.openStory("Leeg");

    as(REPORTER)
        .body(Map.of("body", "<script>alert(1)</script>"))
        .post(updates(storyId))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("body"));
    as(REPORTER)
        .body(Map.of("headline", "Geen tekst"))
        .post(updates(storyId))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("body"));
    as(REPORTER)
        .body(Map.of("body", "<p>" + "x".repeat(256 * 1024) + "</p>"))
        .post(updates(storyId))
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("body"));
    as(REPORTER)
        .body(Map.of("body", "<p>x</p>", "publishedAt", "gisteren"))
        .post(updates(storyId))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("publishedAt"));
    as(REPORTER)
        .body("{\"body\": \"<p>x</p>\", \"keyEvent\": \"yes\"}")
        .post(updates(storyId))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("keyEvent"));

    assertThat(Database.version(storyId)).isEqualTo(1);
    assertThat(Database.count("content_keys", "story_id = ?", storyId)).isZero();
  }

  @Test
  void anEditKeepsHeadlineAndAuthorsAndACorrectionCarriesItsNote() {
    UUID storyId = Newsroom.openStory("Bewerken");
    UUID updateId =
        Newsroom.postUpdate(
            storyId,
            Map.of("headline", "Kop", "body", "<p>Opkomst 38%</p>", "authors", List.of("Ellen")));

    as(REPORTER)
        .body(Map.of("body", "<p>Opkomst 38 procent</p>"))
        .put(update(storyId, updateId))
        .then()
        .statusCode(200)
        .body("id", equalTo(updateId.toString()))
        .body("version", equalTo(3));
    UpdateEdited edited = event(storyId, 3, UpdateEdited.class);
    assertThat(Published.open(edited.headline())).isEqualTo("Kop");
    assertThat(edited.authors()).containsExactly("Ellen");
    assertThat(Published.open(edited.body())).isEqualTo("<p>Opkomst 38 procent</p>");

    as(REPORTER)
        .body(
            Map.of(
                "body", "<p>Opkomst 43 procent</p>",
                "headline", "Nieuwe kop",
                "correction", "Eerder stond hier 38 procent."))
        .put(update(storyId, updateId))
        .then()
        .statusCode(200)
        .body("version", equalTo(4));
    UpdateCorrected corrected = event(storyId, 4, UpdateCorrected.class);
    assertThat(Published.open(corrected.note())).isEqualTo("Eerder stond hier 38 procent.");
    assertThat(Published.open(corrected.headline())).isEqualTo("Nieuwe kop");
    assertThat(corrected.body().keyId()).isEqualTo(updateId.toString());
  }

  @Test
  void editingAnUnknownUpdateIs404AndARetractedOne409() {
    UUID storyId = Newsroom.openStory("Intrekken");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>Onjuist</p>");

    as(REPORTER)
        .body(Map.of("body", "<p>x</p>"))
        .put(update(storyId, UUID.randomUUID()))
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(REPORTER)
        .body(Map.of("body", "<p>x</p>"))
        .put(update(UUID.randomUUID(), updateId))
        .then()
        .statusCode(404);

    as(EDITOR)
        .body("{}")
        .delete(update(storyId, updateId))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("reason"));
    as(EDITOR)
        .body(Map.of("reason", "Bron onbetrouwbaar"))
        .delete(update(storyId, updateId))
        .then()
        .statusCode(200)
        .body("version", equalTo(3));
    assertThat(event(storyId, 3, UpdateRetracted.class).reason()).isEqualTo("Bron onbetrouwbaar");

    as(REPORTER)
        .body(Map.of("body", "<p>Toch</p>"))
        .put(update(storyId, updateId))
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    given()
        .header("Authorization", TestTokens.bearer(EDITOR))
        .queryParam("reason", "nogmaals")
        .delete(update(storyId, updateId))
        .then()
        .statusCode(200)
        .body("changed", equalTo(false))
        .body("version", equalTo(3));
    assertThat(Database.version(storyId)).isEqualTo(3);
  }

  @Test
  void pinningAnotherUpdateUnpinsTheOldOneAndPinningThePinnedChangesNothing() {
    UUID storyId = Newsroom.openStory("Pinnen");
    UUID first = Newsroom.postUpdate(storyId, "<p>Een</p>");
    UUID second = Newsroom.postUpdate(storyId, "<p>Twee</p>");

    pin(storyId, first).then().statusCode(200).body("version", equalTo(4));
    pin(storyId, second).then().statusCode(200).body("version", equalTo(6));
    pin(storyId, second)
        .then()
        .statusCode(200)
        .body("version", equalTo(6))
        .body("changed", equalTo(false))
        .header("ETag", "\"6\"");

    assertThat(event(storyId, 4, UpdatePinned.class).updateId()).isEqualTo(first);
    assertThat(event(storyId, 5, UpdateUnpinned.class).updateId()).isEqualTo(first);
    assertThat(event(storyId, 6, UpdatePinned.class).updateId()).isEqualTo(second);

    Response pinnedPost =
        as(REPORTER).body(Map.of("body", "<p>Drie</p>", "pinned", true)).post(updates(storyId));
    pinnedPost.then().statusCode(201).body("version", equalTo(8));
    assertThat(event(storyId, 7, UpdateUnpinned.class).updateId()).isEqualTo(second);
    assertThat(event(storyId, 8, UpdatePosted.class).pinned()).isTrue();

    given()
        .header("Authorization", TestTokens.bearer(EDITOR))
        .delete(update(storyId, second) + "/pin")
        .then()
        .statusCode(200)
        .body("changed", equalTo(false));
    assertThat(Database.version(storyId)).isEqualTo(8);
  }

  @Test
  void keyEventsAreMarkedAndUnmarkedOnce() {
    UUID storyId = Newsroom.openStory("Kernmomenten");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>Uitslag</p>");
    String keyEvent = update(storyId, updateId) + "/key-event";

    editor().put(keyEvent).then().statusCode(200).body("version", equalTo(3));
    editor()
        .put(keyEvent)
        .then()
        .statusCode(200)
        .body("version", equalTo(3))
        .body("changed", equalTo(false));
    editor().delete(keyEvent).then().statusCode(200).body("version", equalTo(4));
    editor().delete(keyEvent).then().statusCode(200).body("version", equalTo(4));
    editor().put(update(storyId, UUID.randomUUID()) + "/key-event").then().statusCode(404);

    assertThat(event(storyId, 3, KeyEventMarked.class).updateId()).isEqualTo(updateId);
    assertThat(event(storyId, 4, KeyEventUnmarked.class).updateId()).isEqualTo(updateId);
  }

  @Test
  void reportersPostAndEditButOnlyEditorsCurate() {
    UUID storyId = Newsroom.openStory("Rollen");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>Door een verslaggever</p>");

    as(REPORTER).put(update(storyId, updateId) + "/pin").then().statusCode(403);
    as(REPORTER)
        .body(Map.of("reason", "x"))
        .delete(update(storyId, updateId))
        .then()
        .statusCode(403);
    as("analyst").body(Map.of("body", "<p>x</p>")).post(updates(storyId)).then().statusCode(403);
    given()
        .contentType("application/json")
        .body(Map.of("body", "<p>x</p>"))
        .post(updates(storyId))
        .then()
        .statusCode(401);
    as("admin").put(update(storyId, updateId) + "/pin").then().statusCode(200);
    assertThat(Database.version(storyId)).isEqualTo(3);
  }

  @Test
  void aStaleIfMatchOnAnUpdateIs412() {
    UUID storyId = Newsroom.openStory("If-Match");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>Een</p>");

    Map<String, Object> edit = new HashMap<>(Map.of("body", "<p>Twee</p>"));
    as(REPORTER)
        .header("If-Match", "\"1\"")
        .body(edit)
        .put(update(storyId, updateId))
        .then()
        .statusCode(412)
        .header("ETag", "\"2\"");
    as(REPORTER)
        .header("If-Match", "\"2\"")
        .body(edit)
        .put(update(storyId, updateId))
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"");
  }

  private static io.restassured.specification.RequestSpecification editor() {
    return given().header("Authorization", TestTokens.bearer(EDITOR));
  }

  private static Response pin(UUID storyId, UUID updateId) {
    return editor().put(update(storyId, updateId) + "/pin");
  }
}
