package news.ticker.timeline.projection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.testing.TestTokens;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.events.Topics;
import news.ticker.timeline.support.Api;
import news.ticker.timeline.support.Newsroom;
import news.ticker.timeline.support.StoryScript;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The projection: effectively once, gaps, missing keys, poison records, destroyed keys. */
@QuarkusTest
class ProjectionTest {

  private final Newsroom newsroom = Newsroom.get();

  @Test
  void duplicatesAndWholeReplaysChangeNothing() {
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    List<EventEnvelope> events =
        List.of(
            story.open("Replay"),
            story.post(update, "Kop", "<p>a</p>"),
            story.edit(update, "Kop 2", "<p>b</p>"),
            story.pin(update));
    story.publish(newsroom, events.toArray(EventEnvelope[]::new));
    Api.awaitVersion(story.storyId, 4);
    String header = given().get("/api/v1/stories/{id}", story.storyId).asString();
    String feed = given().get("/api/v1/stories/{id}/updates", story.storyId).asString();
    var changes = Api.changes(story.storyId, 0);

    // The same event twice, then the whole stream again (with the key), then one new event.
    newsroom.publish(events.get(1));
    story.publish(newsroom, events.toArray(EventEnvelope[]::new));
    story.publish(newsroom, story.unpin(update));
    Api.awaitVersion(story.storyId, 5);

    assertThat(Api.changes(story.storyId, 0).subList(0, 4)).isEqualTo(changes);
    assertThat(Api.changes(story.storyId, 0)).hasSize(5);
    assertThat(
            given()
                .get("/api/v1/stories/{id}/updates/{u}", story.storyId, update)
                .jsonPath()
                .getList("revisions"))
        .hasSize(2);
    assertThat(header).contains("\"version\":4");
    assertThat(feed).contains("Kop 2");
  }

  @Test
  void aVersionGapHoldsTheStoryDegradedUntilAnAdminSkipsIt() {
    StoryScript story = new StoryScript();
    StoryScript other = new StoryScript();
    UUID a = story.newUpdate();
    UUID lost = story.newUpdate();
    UUID b = story.newUpdate();
    EventEnvelope opened = story.open("Gap");
    EventEnvelope first = story.post(a, "A", "<p>a</p>");
    EventEnvelope missing = story.post(lost, "Verloren", "<p>x</p>"); // never published
    EventEnvelope after = story.post(b, "B", "<p>b</p>");
    EventEnvelope closed = story.close();
    story.publish(newsroom, opened, first, after, closed);

    JsonPath held = Api.awaitProjection(story.storyId, p -> p.getBoolean("degraded"));
    assertThat(held.getLong("appliedVersion")).isEqualTo(2);
    assertThat(held.getString("holdReason")).isEqualTo("version-gap");
    JsonPath header = Api.awaitVersion(story.storyId, 2);
    assertThat(header.getBoolean("degraded")).isTrue();
    assertThat(header.getInt("version")).isEqualTo(2);

    // Other stories go on.
    other.publish(newsroom, other.open("Andere"));
    Api.awaitVersion(other.storyId, 1);

    given()
        .get("/q/health/well")
        .then()
        .statusCode(503)
        .body("checks.find { it.name == 'degraded-stories' }.status", equalTo("DOWN"))
        .body(
            "checks.find { it.name == 'degraded-stories' }.data.held",
            containsString(story.storyId.toString()));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(metric("ticker_timeline_degraded_stories")).isGreaterThanOrEqualTo(1.0));

    // Readiness is PostgreSQL only.
    given().get("/q/health/ready").then().statusCode(200);

    // Retry: the partition is re-read, the lost version is not there, so the story stays held.
    given()
        .header("Authorization", TestTokens.bearer("admin"))
        .post("/api/v1/admin/stories/{id}/gap:retry", story.storyId)
        .then()
        .statusCode(200)
        .body("degraded", equalTo(true))
        .body("appliedVersion", equalTo(2));
    // Only admins.
    given().post("/api/v1/admin/stories/{id}/gap:skip", story.storyId).then().statusCode(401);
    given()
        .header("Authorization", TestTokens.bearer("editor"))
        .post("/api/v1/admin/stories/{id}/gap:skip", story.storyId)
        .then()
        .statusCode(403);

    given()
        .header("Authorization", TestTokens.bearer("admin"))
        .post("/api/v1/admin/stories/{id}/gap:skip", story.storyId)
        .then()
        .statusCode(200)
        .body("degraded", equalTo(false))
        .body("appliedVersion", equalTo(5))
        .body("skippedVersions", equalTo(1));
    assertThat(Api.changes(story.storyId, 0))
        .extracting(c -> c.get("version"))
        .containsExactly(1, 2, 4, 5);
    JsonPath after5 = Api.awaitVersion(story.storyId, 5);
    assertThat(after5.getBoolean("degraded")).isFalse();
    assertThat(after5.getString("status")).isEqualTo("closed");
  }

  @Test
  void aGapClosesByItselfWhenTheMissingVersionArrivesLate() {
    StoryScript story = new StoryScript();
    UUID a = story.newUpdate();
    UUID b = story.newUpdate();
    EventEnvelope opened = story.open("Late");
    EventEnvelope second = story.post(a, "A", "<p>a</p>");
    EventEnvelope third = story.post(b, "B", "<p>b</p>");
    story.publish(newsroom, opened, third);
    Api.awaitProjection(story.storyId, p -> p.getBoolean("degraded"));

    story.publish(newsroom, second);
    JsonPath state = Api.awaitProjection(story.storyId, p -> !p.getBoolean("degraded"));
    assertThat(state.getLong("appliedVersion")).isEqualTo(3);
    assertThat(Api.changes(story.storyId, 0))
        .extracting(c -> c.get("version"))
        .containsExactly(1, 2, 3);
  }

  @Test
  void aMissingContentKeyHoldsTheStoryUntilTheKeyArrives() {
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    story.publish(newsroom, story.open("Sleutel"));
    EventEnvelope posted = story.post(update, "Geheim", "<p>tekst</p>");
    newsroom.publish(posted); // the key is not published (yet)

    JsonPath held =
        Api.awaitProjection(
            story.storyId, p -> "missing-content-key".equals(p.getString("holdReason")));
    assertThat(held.getString("waitingKeyId")).isEqualTo(update.toString());
    assertThat(held.getLong("appliedVersion")).isEqualTo(1);

    newsroom.publishKey(story.storyId, update, story.key(update));
    Api.awaitProjection(story.storyId, p -> !p.getBoolean("degraded"));
    given()
        .get("/api/v1/stories/{id}/updates", story.storyId)
        .then()
        .body("items[0].headline", equalTo("Geheim"));
  }

  @Test
  void skippingAMissingKeyShowsTheTextsRedacted() {
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    story.publish(newsroom, story.open("Zonder sleutel"));
    newsroom.publish(story.post(update, "Geheim", "<p>tekst</p>"));
    Api.awaitProjection(story.storyId, p -> p.getBoolean("degraded"));

    given()
        .header("Authorization", TestTokens.bearer("admin"))
        .post("/api/v1/admin/stories/{id}/gap:skip", story.storyId)
        .then()
        .statusCode(200)
        .body("degraded", equalTo(false))
        .body("appliedVersion", equalTo(2));
    given()
        .get("/api/v1/stories/{id}/updates", story.storyId)
        .then()
        .body("items[0].headline.redacted", equalTo(true));
  }

  @Test
  void aPoisonRecordGoesToTheDeadLetterTopicAndLaterEventsStillApply() {
    StoryScript story = new StoryScript();
    story.publish(newsroom, story.open("Gif"));
    Api.awaitVersion(story.storyId, 1);

    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(CloudEventHeaders.SPEC_VERSION, "1.0");
    headers.put(CloudEventHeaders.ID, Ids.newId().toString());
    headers.put(CloudEventHeaders.TYPE, "news.ticker.update-teleported.v1");
    headers.put(CloudEventHeaders.SOURCE, "/ticker/future");
    headers.put(CloudEventHeaders.SUBJECT, story.storyId.toString());
    headers.put(CloudEventHeaders.TIME, Instant.now().toString());
    headers.put(CloudEventHeaders.STREAM_VERSION, "99");
    String poisonId = headers.get(CloudEventHeaders.ID);
    newsroom.sendRaw(
        Topics.STORY_EVENTS,
        story.storyId.toString(),
        headers,
        "{\"storyId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    newsroom.sendRaw(
        Topics.STORY_EVENTS,
        story.storyId.toString(),
        Map.of(),
        "not json".getBytes(StandardCharsets.UTF_8));
    story.publish(newsroom, story.change("Gif 2", "verder"));

    Api.awaitVersion(story.storyId, 2);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<ConsumerRecord<String, byte[]>> dead =
                  newsroom.readAll(Topics.TIMELINE_DEAD_LETTER, Duration.ofSeconds(5)).stream()
                      .filter(r -> story.storyId.toString().equals(r.key()))
                      .toList();
              assertThat(dead).hasSize(2);
              ConsumerRecord<String, byte[]> teleported =
                  dead.stream()
                      .filter(r -> poisonId.equals(header(r, CloudEventHeaders.ID)))
                      .findFirst()
                      .orElseThrow();
              assertThat(header(teleported, "dead-letter-reason")).startsWith("UNKNOWN_TYPE");
              assertThat(dead)
                  .anySatisfy(
                      r -> assertThat(header(r, "dead-letter-reason")).startsWith("BAD_ENVELOPE"));
            });
    given()
        .get("/q/health/well")
        .then()
        .body("checks.find { it.name == 'dead-letters' }.status", equalTo("DOWN"));
    assertThat(metric("ticker_timeline_dead_letters_total")).isGreaterThanOrEqualTo(2.0);
  }

  @Test
  void aDestroyedKeyRedactsTheTextEverywhere() {
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    UUID kept = story.newUpdate();
    story.publish(
        newsroom,
        story.open("Redactie"),
        story.post(update, "Te verwijderen", "<p>geheim</p>"),
        story.correct(update, "Te verwijderen!", "<p>geheim!</p>", "notitie"),
        story.post(kept, "Blijft", "<p>blijft</p>"));
    Api.awaitVersion(story.storyId, 4);
    String feedTag = given().get("/api/v1/stories/{id}/updates", story.storyId).header("ETag");

    newsroom.destroyKey(story.storyId, update);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/stories/{id}/updates/{u}", story.storyId, update)
                    .then()
                    .body("headline.redacted", equalTo(true))
                    .body("body.redacted", equalTo(true))
                    .body("correction.note.redacted", equalTo(true))
                    .body("revisions[0].headline.redacted", equalTo(true))
                    .body("revisions[1].note.redacted", equalTo(true)));
    String changes = given().get("/api/v1/stories/{id}/changes", story.storyId).asString();
    assertThat(changes)
        .doesNotContain("geheim")
        .doesNotContain("Te verwijderen")
        .doesNotContain("notitie");
    assertThat(changes).contains("Blijft");
    // Same story version, different texts: a reader's cached feed page is stale, not "not
    // modified".
    given()
        .header("If-None-Match", feedTag)
        .get("/api/v1/stories/{id}/updates", story.storyId)
        .then()
        .statusCode(200)
        .header("ETag", org.hamcrest.Matchers.not(feedTag));
    // A later replay of the event renders it redacted too (the key is known destroyed).
    assertThat(given().get("/api/v1/stories/{id}", story.storyId).asString())
        .doesNotContain("geheim");
  }

  @Test
  void latencyDegradedAndDeadLetterMetricsAreExported() {
    String metrics = given().get("/q/metrics").asString();
    assertThat(metrics).contains("ticker_timeline_degraded_stories");
    assertThat(metrics).contains("ticker_timeline_publish_to_screen_seconds");
    assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag");
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static double metric(String name) {
    return given()
        .get("/q/metrics")
        .asString()
        .lines()
        .filter(l -> l.startsWith(name) && !l.startsWith("#"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
