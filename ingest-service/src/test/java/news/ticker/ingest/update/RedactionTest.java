package news.ticker.ingest.update;

import static news.ticker.ingest.support.Newsroom.EDITOR;
import static news.ticker.ingest.support.Newsroom.REPORTER;
import static news.ticker.ingest.support.Newsroom.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent.UpdateRedacted;
import news.ticker.events.Topics;
import news.ticker.ingest.support.Database;
import news.ticker.ingest.support.Newsroom;
import news.ticker.ingest.support.Published;
import news.ticker.ingest.support.TopicRecorder.Received;
import news.ticker.platform.idempotency.IdempotencyStore;
import org.junit.jupiter.api.Test;

/**
 * The admin's redaction of an update: one transaction destroys its content key, forgets its
 * idempotent requests, queues the key's tombstone and then {@code update-redacted}.
 */
@QuarkusTest
class RedactionTest {

  private static final String ADMIN = "admin";
  private static final String MARKER = "GEHEIM-" + UUID.randomUUID();

  private static String updates(UUID storyId) {
    return "/api/v1/stories/" + storyId + "/updates";
  }

  private static String redact(UUID storyId, UUID updateId) {
    return updates(storyId) + "/" + updateId + "/redact";
  }

  private static Map<String, Object> court() {
    return Map.of("reason", "Removed by court order");
  }

  @Test
  void redactingDestroysTheKeyEverywhereInIngestAndPublishesTheTombstoneBeforeTheEvent() {
    UUID storyId = Newsroom.openStory("Redactie");
    String postKey = UUID.randomUUID().toString();
    Map<String, Object> post = Map.of("headline", MARKER, "body", "<p>" + MARKER + "</p>");
    Response posted =
        as(REPORTER).header("Idempotency-Key", postKey).body(post).post(updates(storyId));
    posted.then().statusCode(201);
    UUID updateId = UUID.fromString(posted.jsonPath().getString("id"));
    String editKey = UUID.randomUUID().toString();
    Map<String, Object> edit = Map.of("body", "<p>" + MARKER + " bis</p>", "correction", MARKER);
    as(REPORTER)
        .header("Idempotency-Key", editKey)
        .body(edit)
        .put(updates(storyId) + "/" + updateId)
        .then()
        .statusCode(200);
    assertThat(Database.contentKey(updateId)).hasSize(32);

    as(ADMIN)
        .header("If-Match", "\"3\"")
        .body(court())
        .post(redact(storyId, updateId))
        .then()
        .statusCode(200)
        .header("ETag", "\"4\"")
        .body("changed", equalTo(true))
        .body("id", equalTo(updateId.toString()));

    UpdateRedacted redacted =
        Published.data(Published.awaitStoryEvents(storyId, 4).get(3), UpdateRedacted.class);
    assertThat(redacted.updateId()).isEqualTo(updateId);
    assertThat(redacted.reason()).isEqualTo("Removed by court order");
    assertThat(redacted.actor()).isEqualTo("test-admin");

    // Kafka: the key record, then its tombstone, on the story's partition of the key topic.
    List<Received> keyRecords = Published.awaitRecords(Topics.CONTENT_KEYS, updateId, 2);
    assertThat(keyRecords.get(0).value()).isNotNull();
    assertThat(keyRecords.get(1).value()).isNull();
    assertThat(keyRecords.get(1).partition()).isEqualTo(keyRecords.get(0).partition());

    // The database: no key bytes, not in the key table nor in the outbox row that published it.
    assertThat(Database.contentKey(updateId)).isNull();
    assertThat(Database.count("content_keys", "key_id = ? and destroyed_at is not null", updateId))
        .isEqualTo(1);
    assertThat(
            Database.count(
                "ticker_outbox",
                "topic = ? and message_key = ? and payload is not null",
                Topics.CONTENT_KEYS,
                updateId.toString()))
        .isZero();
    // Both key rows (the wiped publication and the tombstone) precede the row of update-redacted.
    assertThat(
            Database.count(
                "ticker_outbox k join ticker_outbox e on e.stream_id = k.stream_id",
                "k.topic = ? and k.message_key = ? and k.payload is null"
                    + " and e.stream_version = 4 and k.id < e.id",
                Topics.CONTENT_KEYS,
                updateId.toString()))
        .isEqualTo(2);
    // Nothing derived from the texts stays with the idempotency keys of the post and the edit.
    assertThat(
            Database.count(
                "ticker_idempotency",
                "idem_key in (?, ?) and request_hash = ?",
                postKey,
                editKey,
                IdempotencyStore.FORGOTTEN))
        .isEqualTo(2);
    assertThat(
            Database.count(
                "ticker_idempotency",
                "coalesce(response_body, '') || coalesce(response_headers, '') like ?",
                "%" + MARKER + "%"))
        .isZero();

    // A retry of the post still gets its first answer (without the text) and posts nothing.
    Response replay =
        as(REPORTER).header("Idempotency-Key", postKey).body(post).post(updates(storyId));
    replay.then().statusCode(201).header("Idempotent-Replayed", "true");
    assertThat(replay.body().asString()).doesNotContain(MARKER).contains(updateId.toString());
    assertThat(Database.version(storyId)).isEqualTo(4);
    // The event store never held the text in clear.
    assertThat(Database.events(storyId)).noneMatch(e -> e.data().contains(MARKER));
  }

  @Test
  void aRedactedUpdateCannotBeEditedCorrectedPinnedOrMarkedAnyMore() {
    UUID storyId = Newsroom.openStory("Na redactie");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>tekst</p>");
    as(ADMIN).body(court()).post(redact(storyId, updateId)).then().statusCode(200);

    String path = updates(storyId) + "/" + updateId;
    for (Response refused :
        List.of(
            as(REPORTER).body(Map.of("body", "<p>terug</p>")).put(path),
            as(EDITOR).body(Map.of("body", "<p>terug</p>", "correction", "c")).put(path),
            as(EDITOR).put(path + "/pin"),
            as(EDITOR).put(path + "/key-event"))) {
      refused
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("detail", org.hamcrest.Matchers.containsString("redacted"));
    }
    assertThat(Database.version(storyId)).isEqualTo(3);
  }

  @Test
  void redactingAgainChangesNothing() {
    UUID storyId = Newsroom.openStory("Twee keer");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>tekst</p>");
    as(ADMIN).body(court()).post(redact(storyId, updateId)).then().statusCode(200);

    as(ADMIN)
        .body(Map.of("reason", "Again"))
        .post(redact(storyId, updateId))
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"")
        .body("changed", equalTo(false));
    assertThat(Database.version(storyId)).isEqualTo(3);
    assertThat(
            Database.count(
                "ticker_outbox",
                "topic = ? and message_key = ?",
                Topics.CONTENT_KEYS,
                updateId.toString()))
        .as("the key's publication and one tombstone, no second one")
        .isEqualTo(2);
  }

  @Test
  void onlyAnAdminMayRedact() {
    UUID storyId = Newsroom.openStory("Rechten");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>tekst</p>");
    for (String role : List.of(REPORTER, EDITOR, "analyst")) {
      as(role)
          .body(court())
          .post(redact(storyId, updateId))
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }
    io.restassured.RestAssured.given()
        .contentType("application/json")
        .body(court())
        .post(redact(storyId, updateId))
        .then()
        .statusCode(401);
    assertThat(Database.version(storyId)).isEqualTo(2);
    assertThat(Database.contentKey(updateId)).hasSize(32);
  }

  @Test
  void badRequestsAreProblemsAndChangeNothing() {
    UUID storyId = Newsroom.openStory("Fouten");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>tekst</p>");

    as(ADMIN)
        .body(Map.of())
        .post(redact(storyId, updateId))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("reason"));
    as(ADMIN)
        .body(Map.of("reason", "x".repeat(1_001)))
        .post(redact(storyId, updateId))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("reason"));
    as(ADMIN)
        .body(court())
        .post(redact(storyId, UUID.randomUUID()))
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(ADMIN)
        .header("If-Match", "\"1\"")
        .body(court())
        .post(redact(storyId, updateId))
        .then()
        .statusCode(412)
        .contentType("application/problem+json");
    assertThat(Database.version(storyId)).isEqualTo(2);
    assertThat(Database.contentKey(updateId)).hasSize(32);
  }

  @Test
  void aRetryOfTheRedactionWithItsKeyGetsTheSameAnswer() {
    UUID storyId = Newsroom.openStory("Herhaalde redactie");
    UUID updateId = Newsroom.postUpdate(storyId, "<p>tekst</p>");
    String key = UUID.randomUUID().toString();

    Response first =
        as(ADMIN).header("Idempotency-Key", key).body(court()).post(redact(storyId, updateId));
    Response retry =
        as(ADMIN).header("Idempotency-Key", key).body(court()).post(redact(storyId, updateId));

    first.then().statusCode(200);
    retry.then().statusCode(200).header("Idempotent-Replayed", "true");
    assertThat(retry.body().asString()).isEqualTo(first.body().asString());
    List<EventEnvelope> events = Published.awaitStoryEvents(storyId, 3);
    assertThat(events.get(2).data()).isInstanceOf(UpdateRedacted.class);
    assertThat(Database.version(storyId)).isEqualTo(3);
  }
}
