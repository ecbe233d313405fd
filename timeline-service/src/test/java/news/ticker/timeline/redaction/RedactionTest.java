package news.ticker.timeline.redaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import news.ticker.timeline.Json;
import news.ticker.timeline.support.Api;
import news.ticker.timeline.support.Newsroom;
import news.ticker.timeline.support.SseClient;
import news.ticker.timeline.support.StoryScript;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code update-redacted}: the update stays as a tombstone with the public note, and its texts are
 * gone from every read, whichever of the event and the key's tombstone the timeline reads first,
 * and in every replay.
 */
@QuarkusTest
class RedactionTest {

  private static final String NOTE = "Removed by court order";

  @TestHTTPResource("/api/v1/stories/")
  URL stories;

  private final Newsroom newsroom = Newsroom.get();

  @jakarta.inject.Inject io.micrometer.core.instrument.MeterRegistry registry;

  private static String everything(UUID storyId, UUID updateId, Instant before) {
    StringBuilder all = new StringBuilder();
    all.append(given().get("/api/v1/stories/{id}", storyId).asString());
    all.append(
        given().accept("application/ld+json").get("/api/v1/stories/{id}", storyId).asString());
    all.append(given().get("/api/v1/stories/{id}/updates", storyId).asString());
    all.append(given().get("/api/v1/stories/{id}/updates/{u}", storyId, updateId).asString());
    all.append(
        given().queryParam("since", 0).get("/api/v1/stories/{id}/changes", storyId).asString());
    if (before != null) {
      String asOf = before.toString();
      all.append(given().queryParam("asOf", asOf).get("/api/v1/stories/{id}", storyId).asString());
      all.append(
          given().queryParam("asOf", asOf).get("/api/v1/stories/{id}/updates", storyId).asString());
      all.append(
          given()
              .queryParam("asOf", asOf)
              .get("/api/v1/stories/{id}/updates/{u}", storyId, updateId)
              .asString());
    }
    return all.toString();
  }

  @Test
  void theRedactionEventAloneRemovesEveryTextAndLeavesThePublicNote() {
    String marker = "GEHEIM-" + UUID.randomUUID();
    Instant t0 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
    StoryScript story = new StoryScript(t0);
    UUID update = story.newUpdate();
    UUID kept = story.newUpdate();
    story.publish(
        newsroom,
        story.open("Redactie"),
        story.post(update, marker + " kop", "<p>" + marker + "</p>", true, false, t0),
        story.edit(update, marker + " kop 2", "<p>" + marker + " 2</p>"),
        story.correct(update, marker + " kop 3", "<p>" + marker + " 3</p>", marker + " noot"),
        story.pin(update),
        story.post(kept, "Blijft", "<p>blijft</p>"));
    Api.awaitVersion(story.storyId, 6);
    Instant beforeRedaction = story.now().plusSeconds(1);
    assertThat(everything(story.storyId, update, beforeRedaction)).contains(marker);

    URI stream = URI.create(stories + story.storyId.toString() + "/stream");
    try (SseClient client = SseClient.open(stream, "6")) {
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !client.comments().isEmpty());
      // Only the event: its tombstone on the key topic has not been read (yet).
      story.at(beforeRedaction.plusSeconds(60));
      story.publish(newsroom, story.redact(update, NOTE));

      SseClient.Frame frame = client.awaitFrames(1).get(0);
      assertThat(frame.event()).isEqualTo("update-redacted");
      assertThat(frame.id()).isEqualTo("7");
      var data = Json.tree(frame.data());
      assertThat(data.path("updateId").asText()).isEqualTo(update.toString());
      assertThat(data.path("data").path("redacted").path("reason").asText()).isEqualTo(NOTE);
      assertThat(frame.data()).doesNotContain(marker);
    }

    Api.awaitVersion(story.storyId, 7);
    String all = everything(story.storyId, update, beforeRedaction);
    assertThat(all).doesNotContain(marker).contains("Blijft").contains(NOTE);
    given()
        .get("/api/v1/stories/{id}/updates/{u}", story.storyId, update)
        .then()
        .statusCode(200)
        .body("headline.redacted", equalTo(true))
        .body("body.redacted", equalTo(true))
        .body("correction.note.redacted", equalTo(true))
        .body("redacted.reason", equalTo(NOTE))
        .body("redacted.at", equalTo(beforeRedaction.plusSeconds(60).toString()))
        .body("revisions.kind", equalTo(List.of("posted", "edited", "corrected", "redacted")))
        .body("revisions[0].headline.redacted", equalTo(true))
        .body("revisions[1].body.redacted", equalTo(true))
        .body("revisions[2].note.redacted", equalTo(true))
        .body("revisions[3].note", equalTo(NOTE));
    // It stays in the feed and on top, as a tombstone.
    given()
        .get("/api/v1/stories/{id}/updates", story.storyId)
        .then()
        .body("items.id", org.hamcrest.Matchers.hasItem(update.toString()))
        .body("items.find { it.id == '" + update + "' }.redacted.reason", equalTo(NOTE))
        .body("items.find { it.id == '" + kept + "' }.redacted", equalTo(null))
        .body("items.find { it.id == '" + kept + "' }.headline", equalTo("Blijft"));
    given()
        .get("/api/v1/stories/{id}", story.storyId)
        .then()
        .body("pinnedUpdate.id", equalTo(update.toString()))
        .body("pinnedUpdate.headline.redacted", equalTo(true))
        .body("pinnedUpdate.redacted.reason", equalTo(NOTE))
        .body("keyEvents.find { it.id == '" + update + "' }.headline.redacted", equalTo(true));
    // The key, published again (a replay of the key topic), is refused: destruction is final.
    newsroom.publishKey(story.storyId, update, story.key(update));
    story.publish(newsroom, story.written().toArray(news.ticker.events.EventEnvelope[]::new));
    newsroom.destroyKey(story.storyId, update);
    story.publish(newsroom, story.markKeyEvent(kept));
    Api.awaitVersion(story.storyId, 8);
    assertThat(everything(story.storyId, update, beforeRedaction)).doesNotContain(marker);
  }

  @Test
  void aDestroyedKeyReachesTheFramesThatTheReplicaKeepsForReadersWhoCatchUp() {
    String marker = "GEHEIM-" + UUID.randomUUID();
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    story.publish(newsroom, story.open("Geheugen"));
    Api.awaitVersion(story.storyId, 1);
    URI stream = URI.create(stories + story.storyId.toString() + "/stream");
    // A live reader: the story's channel delivers, and keeps, the frames of versions 2 and 3.
    try (SseClient live = SseClient.open(stream, "1")) {
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !live.comments().isEmpty());
      story.publish(
          newsroom,
          story.post(update, marker + " kop", "<p>" + marker + "</p>"),
          story.post(story.newUpdate(), "Blijft", "<p>blijft</p>"));
      live.awaitFrames(2);

      // A reader resuming after version 1 is sent those frames from memory, text and all.
      double before = catchUpsFromMemory();
      assertThat(resumeAfter(stream, "1", 2)).contains(marker).contains("Blijft");
      assertThat(catchUpsFromMemory()).isGreaterThan(before);

      // The key's tombstone rewrites version 2 in the database, without a new version.
      newsroom.destroyKey(story.storyId, update);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !everything(story.storyId, update, null).contains(marker));

      // Every replica heard of it: no reader catching up is sent the text again, from memory or
      // not.
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(resumeAfter(stream, "1", 2))
                      .doesNotContain(marker)
                      .contains("Blijft"));
      // What the rewrite did not touch is still sent from memory.
      double afterRedaction = catchUpsFromMemory();
      assertThat(resumeAfter(stream, "2", 1)).contains("Blijft");
      assertThat(catchUpsFromMemory()).isGreaterThan(afterRedaction);
    }
  }

  /** The data of the first {@code frames} frames sent to a client resuming after {@code id}. */
  private static String resumeAfter(URI stream, String id, int frames) {
    try (SseClient client = SseClient.open(stream, id)) {
      StringBuilder data = new StringBuilder();
      client.awaitFrames(frames).forEach(frame -> data.append(frame.data()));
      return data.toString();
    }
  }

  private double catchUpsFromMemory() {
    return registry.counter("ticker.timeline.sse.catch.up", "source", "memory").count();
  }

  @Test
  void theTombstoneReadBeforeTheStorysEventsShowsThemRedactedFromTheStart() {
    String marker = "GEHEIM-" + UUID.randomUUID();
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    // A replay of both topics in which the key topic (key, then tombstone) is read first.
    newsroom.publishKey(story.storyId, update, story.key(update));
    newsroom.destroyKey(story.storyId, update);
    var open = story.open("Vooraf vernietigd");
    var post = story.post(update, marker, "<p>" + marker + "</p>");
    var correct = story.correct(update, marker, "<p>" + marker + "</p>", marker);
    var redact = story.redact(update, NOTE);
    List.of(open, post, correct, redact).forEach(newsroom::publish);

    Api.awaitVersion(story.storyId, 4);
    assertThat(everything(story.storyId, update, null)).doesNotContain(marker).contains(NOTE);
    assertThat(Api.projection(story.storyId).getString("holdReason")).isNull();
  }

  @Test
  void aRedactionReleasesAStoryWaitingForTheKeyItDestroyed() {
    String marker = "GEHEIM-" + UUID.randomUUID();
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    // The key topic was compacted: neither the key nor its tombstone is there any more.
    newsroom.publish(story.open("Gecomprimeerd"));
    newsroom.publish(story.post(update, marker, "<p>" + marker + "</p>"));
    Api.awaitProjection(
        story.storyId, p -> "missing-content-key".equals(p.getString("holdReason")));

    newsroom.publish(story.redact(update, NOTE));

    Api.awaitVersion(story.storyId, 3);
    assertThat(everything(story.storyId, update, null)).doesNotContain(marker).contains(NOTE);
    given()
        .get("/api/v1/stories/{id}/updates/{u}", story.storyId, update)
        .then()
        .body("headline.redacted", equalTo(true))
        .body("redacted.reason", equalTo(NOTE));
  }

  @Test
  void aRedactedAnalysisKeepsOnlyItsNoteInEveryReadAndEveryReplay() {
    String marker = "ANALYSE-" + UUID.randomUUID();
    Instant t0 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
    StoryScript story = new StoryScript(t0);
    UUID update = story.newUpdate();
    UUID analysis = news.ticker.events.Ids.newId();
    story.publish(
        newsroom,
        story.open("Analyse geredigeerd"),
        story.post(update, "Kop", "<p>tekst</p>"),
        story.attachAnalysis(analysis, marker, update));
    Api.awaitVersion(story.storyId, 3);
    Instant before = story.now().plusSeconds(1);
    assertThat(everything(story.storyId, update, before)).contains(marker);

    story.at(before.plusSeconds(60));
    story.publish(newsroom, story.redactAnalysis(analysis, NOTE));
    Api.awaitVersion(story.storyId, 4);

    assertThat(everything(story.storyId, update, before)).doesNotContain(marker).contains(NOTE);
    given()
        .get("/api/v1/stories/{id}", story.storyId)
        .then()
        .body("analyses[0].id", equalTo(analysis.toString()))
        .body("analyses[0].title", equalTo(null))
        .body("analyses[0].redacted.reason", equalTo(NOTE));
    given()
        .get("/api/v1/stories/{id}/updates/{u}", story.storyId, update)
        .then()
        .body("analysis.id", equalTo(analysis.toString()))
        .body("analysis.redacted.reason", equalTo(NOTE));

    // A replay of the old attachment (here: in another story) renders it without its texts.
    StoryScript replay = new StoryScript();
    UUID anchor = replay.newUpdate();
    replay.publish(
        newsroom,
        replay.open("Replay"),
        replay.post(anchor, "Kop", "<p>tekst</p>"),
        replay.attachAnalysis(analysis, marker, anchor));
    Api.awaitVersion(replay.storyId, 3);
    assertThat(everything(replay.storyId, anchor, null)).doesNotContain(marker);
  }

  @Test
  void theTombstoneAfterTheEventsAndBeforeTheRedactionEventAlsoWorks() {
    String marker = "GEHEIM-" + UUID.randomUUID();
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    story.publish(
        newsroom,
        story.open("Tombstone eerst"),
        story.post(update, marker, "<p>" + marker + "</p>"));
    Api.awaitVersion(story.storyId, 2);

    newsroom.destroyKey(story.storyId, update);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(everything(story.storyId, update, null)).doesNotContain(marker));
    story.publish(newsroom, story.redact(update, NOTE));
    Api.awaitVersion(story.storyId, 3);
    assertThat(everything(story.storyId, update, null)).doesNotContain(marker).contains(NOTE);
  }
}
