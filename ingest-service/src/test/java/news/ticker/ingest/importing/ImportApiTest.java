package news.ticker.ingest.importing;

import static io.restassured.RestAssured.given;
import static news.ticker.ingest.support.Newsroom.EDITOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import news.ticker.devstack.testing.TestTokens;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.events.StoryEvent.UpdatePosted;
import news.ticker.events.StoryEvent.UpdateUnpinned;
import news.ticker.ingest.support.Database;
import news.ticker.ingest.support.Newsroom;
import news.ticker.ingest.support.Published;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportApiTest {

  private static final String IMPORT = "/api/v1/stories/{storyId}/updates:import";

  private static RequestSpecification editor() {
    return importer(EDITOR);
  }

  private static RequestSpecification importer(String role) {
    return given()
        .config(
            RestAssured.config()
                .encoderConfig(
                    EncoderConfig.encoderConfig()
                        .encodeContentTypeAs(ImportResource.NDJSON, ContentType.TEXT)))
        // The colon of the custom method must reach the server unencoded.
        .urlEncodingEnabled(false)
        .header("Authorization", TestTokens.bearer(role))
        .contentType(ImportResource.NDJSON);
  }

  private static String line(String sourceId, String publishedAt, String extra) {
    return "{\"sourceId\": \""
        + sourceId
        + "\", \"body\": \"<p>Bericht "
        + sourceId
        + "</p>\", \"publishedAt\": \""
        + publishedAt
        + "\""
        + extra
        + "}";
  }

  @Test
  void importsValidLinesRejectsInvalidOnesAndReimportingChangesNothing() {
    UUID storyId = Newsroom.openStory("Migratie");
    String ndjson =
        String.join(
                "\n",
                line(
                    "cms-1",
                    "2024-05-01T10:00:00Z",
                    ", \"headline\": \"Eerste\", \"authors\": [\"Ellen\"]"),
                "{\"sourceId\": \"cms-2\", \"body\": ",
                line("cms-3", "1 mei", ""),
                line(
                    "cms-4", "2024-05-01T11:00:00+02:00", ", \"keyEvent\": true, \"pinned\": true"),
                "",
                "{\"sourceId\": \"cms-5\", \"body\": \"<p>x</p>\"}",
                line("cms-6", "2024-05-01T12:00:00Z", ", \"pinned\": \"ja\""),
                line("cms-7", "2024-05-01T12:00:00Z", ", \"extra\": 1"),
                "{\"sourceId\": \"cms-8\", \"body\": \"<script>x</script>\", \"publishedAt\": \"2024-05-01T12:00:00Z\"}")
            + "\n";

    editor()
        .body(ndjson)
        .post(IMPORT, storyId)
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"")
        .body("accepted", equalTo(2))
        .body("alreadyPresent", equalTo(0))
        .body("version", equalTo(3))
        .body("rejected", hasSize(6))
        .body("rejected.line", equalTo(List.of(2, 3, 6, 7, 8, 9)))
        .body(
            "rejected[1].reason",
            equalTo(
                "publishedAt: must be an RFC 3339 date-time with offset, e.g. 2025-03-01T14:05:00Z"))
        .body(
            "rejected[2].reason",
            equalTo("publishedAt: is required: an import keeps the original time"))
        .body("rejected[3].reason", equalTo("pinned: wrong type"))
        .body("rejected[4].reason", equalTo("unknown field extra"));

    List<EventEnvelope> events = Published.awaitStoryEvents(storyId, 3);
    UpdatePosted first = Published.data(events.get(1), UpdatePosted.class);
    assertThat(first.updateId()).isEqualTo(Ids.importedUpdateId(storyId, "cms-1"));
    assertThat(first.sourceId()).isEqualTo("cms-1");
    assertThat(first.publishedAt()).hasToString("2024-05-01T10:00:00Z");
    assertThat(Published.open(first.headline())).isEqualTo("Eerste");
    assertThat(Published.open(first.body())).isEqualTo("<p>Bericht cms-1</p>");
    UpdatePosted fourth = Published.data(events.get(2), UpdatePosted.class);
    assertThat(fourth.sourceId()).isEqualTo("cms-4");
    assertThat(fourth.keyEvent()).isTrue();
    assertThat(fourth.pinned()).isTrue();

    editor()
        .body(ndjson)
        .post(IMPORT, storyId)
        .then()
        .statusCode(200)
        .body("accepted", equalTo(0))
        .body("alreadyPresent", equalTo(2))
        .body("version", equalTo(3));
    assertThat(Database.version(storyId)).isEqualTo(3);
  }

  @Test
  void aPinnedLineUnpinsTheUpdatePinnedBefore() {
    UUID storyId = Newsroom.openStory("Import met pin");
    editor()
        .body(line("a", "2024-05-01T10:00:00Z", ", \"pinned\": true"))
        .post(IMPORT, storyId)
        .then()
        .statusCode(200)
        .body("version", equalTo(2));
    editor()
        .body(line("b", "2024-05-01T10:01:00Z", ", \"pinned\": true"))
        .post(IMPORT, storyId)
        .then()
        .statusCode(200)
        .body("version", equalTo(4));

    List<EventEnvelope> events = Published.awaitStoryEvents(storyId, 4);
    assertThat(Published.data(events.get(2), UpdateUnpinned.class).updateId())
        .isEqualTo(Ids.importedUpdateId(storyId, "a"));
  }

  @Test
  void anImportOfTheMaximumSizeIsAppendedAtOnceAndRelayed() {
    UUID storyId = Newsroom.openStory("Volledige migratie");
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      // Every hundredth line is pinned: each one after the first unpins the one before.
      ndjson.append(
          line("m" + i, "2024-05-01T10:00:00Z", i % 100 == 0 ? ", \"pinned\": true" : ""));
      ndjson.append('\n');
    }

    editor()
        .body(ndjson.toString())
        .post(IMPORT, storyId)
        .then()
        .statusCode(200)
        .body("accepted", equalTo(5_000))
        .body("version", equalTo(1 + 5_000 + 49));

    assertThat(Database.count("content_keys", "story_id = ?", storyId)).isEqualTo(5_000);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Database.count(
                        "ticker_outbox",
                        "stream_id = ? and published_at is null",
                        storyId.toString())
                    == 0);
    assertThat(Database.count("ticker_outbox", "stream_id = ?", storyId.toString()))
        .isEqualTo(1 + 5_000 + 49 + 5_000);
  }

  @Test
  void tooManyLinesIs413AndAnotherMediaTypeIs415() {
    UUID storyId = Newsroom.openStory("Te groot");
    String tooMany = "{}\n".repeat(5_001);

    editor()
        .body(tooMany)
        .post(IMPORT, storyId)
        .then()
        .statusCode(413)
        .contentType("application/problem+json");
    given()
        .urlEncodingEnabled(false)
        .header("Authorization", TestTokens.bearer(EDITOR))
        .contentType("application/json")
        .body(line("x", "2024-05-01T10:00:00Z", ""))
        .post(IMPORT, storyId)
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
    assertThat(Database.version(storyId)).isEqualTo(1);
  }

  @Test
  void importingIntoAClosedOrUnknownStoryChangesNothing() {
    UUID storyId = Newsroom.openStory("Gesloten import");
    assertThat(
            Newsroom.withoutBody("POST", "/api/v1/stories/" + storyId + "/close", EDITOR)
                .statusCode())
        .isEqualTo(200);

    editor()
        .body(line("x", "2024-05-01T10:00:00Z", ""))
        .post(IMPORT, storyId)
        .then()
        .statusCode(409);
    editor()
        .body(line("x", "2024-05-01T10:00:00Z", ""))
        .post(IMPORT, UUID.randomUUID())
        .then()
        .statusCode(404);
    importer("reporter")
        .body(line("x", "2024-05-01T10:00:00Z", ""))
        .post(IMPORT, storyId)
        .then()
        .statusCode(403);
    assertThat(Database.version(storyId)).isEqualTo(2);
  }
}
