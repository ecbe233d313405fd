package news.ticker.ingest.write;

import static io.restassured.RestAssured.given;
import static news.ticker.ingest.support.Newsroom.EDITOR;
import static news.ticker.ingest.support.Newsroom.REPORTER;
import static news.ticker.ingest.support.Newsroom.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import news.ticker.devstack.testing.TestTokens;
import news.ticker.ingest.support.Database;
import news.ticker.ingest.support.Newsroom;
import org.junit.jupiter.api.Test;

/** Retries with an Idempotency-Key never append twice. */
@QuarkusTest
class IdempotencyTest {

  private static String updates(UUID storyId) {
    return "/api/v1/stories/" + storyId + "/updates";
  }

  @Test
  void aRetryWithTheSameKeyGetsTheFirstResponseAndAppendsNothing() {
    UUID storyId = Newsroom.openStory("Herhaling");
    String key = UUID.randomUUID().toString();
    Map<String, Object> update = Map.of("body", "<p>Eén keer</p>");

    Response first =
        as(REPORTER).header("Idempotency-Key", key).body(update).post(updates(storyId));
    Response retry =
        as(REPORTER).header("Idempotency-Key", key).body(update).post(updates(storyId));

    first.then().statusCode(201);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    retry.then().statusCode(201).header("Idempotent-Replayed", "true");
    assertThat(retry.body().asString()).isEqualTo(first.body().asString());
    assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(Database.version(storyId)).isEqualTo(2);
  }

  @Test
  void theSameKeyForAnotherRequestIs422AndChangesNothing() {
    UUID storyId = Newsroom.openStory("Ander verzoek");
    String key = UUID.randomUUID().toString();
    as(REPORTER)
        .header("Idempotency-Key", key)
        .body(Map.of("body", "<p>Een</p>"))
        .post(updates(storyId))
        .then()
        .statusCode(201);

    as(REPORTER)
        .header("Idempotency-Key", key)
        .body(Map.of("body", "<p>Twee</p>"))
        .post(updates(storyId))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("Idempotency-Key"));
    assertThat(Database.version(storyId)).isEqualTo(2);

    UUID updateId = Newsroom.postUpdate(storyId, "<p>Drie</p>");
    String pin = updates(storyId) + "/" + updateId + "/pin";
    String pinKey = UUID.randomUUID().toString();
    given()
        .header("Authorization", TestTokens.bearer(EDITOR))
        .header("Idempotency-Key", pinKey)
        .put(pin)
        .then()
        .statusCode(200);
    given()
        .header("Authorization", TestTokens.bearer(EDITOR))
        .header("Idempotency-Key", pinKey)
        .delete(pin)
        .then()
        .statusCode(422);
  }

  @Test
  void theSameKeyWithAnotherIfMatchIs422AndAnIdenticalRetryReplays() {
    UUID storyId = Newsroom.openStory("Andere voorwaarde");
    String story = "/api/v1/stories/" + storyId;
    String key = UUID.randomUUID().toString();
    Map<String, Object> change = Map.of("summary", "Eerste samenvatting");
    Response first =
        as(EDITOR)
            .header("Idempotency-Key", key)
            .header("If-Match", "\"1\"")
            .body(change)
            .patch(story);
    first.then().statusCode(200).header("ETag", "\"2\"");

    // The fingerprint covers If-Match: the same key and body with another precondition (or none)
    // is another request, not a retry of this one.
    for (String other : new String[] {"\"2\"", "*", "W/\"1\""}) {
      as(EDITOR)
          .header("Idempotency-Key", key)
          .header("If-Match", other)
          .body(change)
          .patch(story)
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("Idempotency-Key"));
    }
    as(EDITOR).header("Idempotency-Key", key).body(change).patch(story).then().statusCode(422);

    Response retry =
        as(EDITOR)
            .header("Idempotency-Key", key)
            .header("If-Match", "\"1\"")
            .body(change)
            .patch(story);
    retry.then().statusCode(200).header("Idempotent-Replayed", "true").header("ETag", "\"2\"");
    assertThat(retry.body().asString()).isEqualTo(first.body().asString());
    assertThat(Database.version(storyId)).isEqualTo(2);
  }

  @Test
  void keysOfDifferentCallersNeverCollide() {
    UUID storyId = Newsroom.openStory("Twee bellers");
    String key = UUID.randomUUID().toString();
    Map<String, Object> update = Map.of("body", "<p>Zelfde sleutel</p>");

    given()
        .header("Authorization", TestTokens.bearerFor("alice", REPORTER))
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(update)
        .post(updates(storyId))
        .then()
        .statusCode(201);
    Response bob =
        given()
            .header("Authorization", TestTokens.bearerFor("bob", REPORTER))
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", key)
            .body(update)
            .post(updates(storyId));
    bob.then().statusCode(201);
    assertThat(bob.header("Idempotent-Replayed")).isNull();

    assertThat(Database.version(storyId)).isEqualTo(3);
  }

  @Test
  void concurrentDuplicatesAppendOnceAndAllGetTheSameAnswer() throws Exception {
    UUID storyId = Newsroom.openStory("Gelijktijdig");
    String key = UUID.randomUUID().toString();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<Response>> responses = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        responses.add(
            pool.submit(
                () ->
                    as(REPORTER)
                        .header("Idempotency-Key", key)
                        .body(Map.of("body", "<p>Tien keer verstuurd</p>"))
                        .post(updates(storyId))));
      }
      List<String> ids = new ArrayList<>();
      for (Future<Response> future : responses) {
        Response response = future.get();
        assertThat(response.statusCode()).isEqualTo(201);
        ids.add(response.jsonPath().getString("id"));
      }
      assertThat(ids).hasSize(10).containsOnly(ids.get(0));
    } finally {
      pool.shutdownNow();
    }
    assertThat(Database.version(storyId)).isEqualTo(2);
  }

  @Test
  void aMalformedKeyIs400() {
    UUID storyId = Newsroom.openStory("Slechte sleutel");
    as(REPORTER)
        .header("Idempotency-Key", "met spaties")
        .body(Map.of("body", "<p>x</p>"))
        .post(updates(storyId))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("Idempotency-Key"));
  }
}
