package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Legal redaction end to end: an update posted, edited and corrected with a unique marker, then
 * redacted by an admin. The marker is gone from every read of the timeline (feed, update,
 * revisions, header, JSON-LD, {@code asOf} before the redaction, {@code changes} and SSE resumed
 * from the start, the live frame), from ingest's idempotent replays, and from a rebuild of the read
 * model out of Kafka; the public note stays.
 */
class RedactionIT {

  private static final String NOTE = "Removed by court order";

  private final SystemStack stack = SystemStack.get();

  @Test
  void aRedactedUpdatesTextIsGoneFromEveryReadReplayAndRebuild() {
    String marker = "SOURCE-" + UUID.randomUUID();
    String editor = stack.bearer("editor");
    String reporter = stack.bearer("reporter");
    String admin = stack.bearer("admin");
    UUID story = Api.openStory(stack.ingest, editor, "Redactie live");

    Map<String, Object> post =
        Map.of("headline", marker + " kop", "body", "<p>" + marker + " eerste versie</p>");
    Response posted =
        Api.at(stack.ingest)
            .header("Authorization", reporter)
            .header("Idempotency-Key", "post-" + marker)
            .body(post)
            .post("/api/v1/stories/{story}/updates", story);
    posted.then().statusCode(201);
    UUID update = UUID.fromString(posted.jsonPath().getString("id"));
    String updatePath = "/api/v1/stories/" + story + "/updates/" + update;
    Map<String, Object> edit = Map.of("body", "<p>" + marker + " bewerkt</p>");
    Api.at(stack.ingest)
        .header("Authorization", reporter)
        .header("Idempotency-Key", "edit-" + marker)
        .body(edit)
        .put(updatePath)
        .then()
        .statusCode(200);
    Map<String, Object> correct =
        Map.of("body", "<p>" + marker + " gecorrigeerd</p>", "correction", marker + " noot");
    Api.at(stack.ingest)
        .header("Authorization", editor)
        .header("Idempotency-Key", "correct-" + marker)
        .body(correct)
        .put(updatePath)
        .then()
        .statusCode(200);

    awaitVersion(story, 4);
    assertThat(timelineReads(story, update, null)).contains(marker);
    Instant beforeRedaction = Instant.now();

    // Only an admin may redact.
    for (String token : List.of(reporter, editor)) {
      Api.at(stack.ingest)
          .header("Authorization", token)
          .body(Map.of("reason", NOTE))
          .post(updatePath + "/redact")
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }

    URI stream = URI.create(stack.timeline.baseUri() + "/api/v1/stories/" + story + "/stream");
    try (SseReader live = SseReader.open(stream, "4")) {
      Api.at(stack.ingest)
          .header("Authorization", admin)
          .body(Map.of("reason", NOTE))
          .post(updatePath + "/redact")
          .then()
          .statusCode(200)
          .header("ETag", "\"5\"");

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> live.frames().stream().anyMatch(f -> "update-redacted".equals(f.event())));
      SseReader.Frame frame =
          live.frames().stream()
              .filter(f -> "update-redacted".equals(f.event()))
              .findFirst()
              .orElseThrow();
      assertThat(frame.version()).isEqualTo(5);
      assertThat(frame.data()).contains(NOTE).contains(update.toString()).doesNotContain(marker);
    }
    awaitVersion(story, 5);

    String reads = timelineReads(story, update, beforeRedaction);
    assertThat(reads).doesNotContain(marker).contains(NOTE);
    JsonPath one = Api.at(stack.timeline).get(updatePath).jsonPath();
    assertThat(one.getBoolean("headline.redacted")).isTrue();
    assertThat(one.getBoolean("body.redacted")).isTrue();
    assertThat(one.getBoolean("correction.note.redacted")).isTrue();
    assertThat(one.getString("redacted.reason")).isEqualTo(NOTE);
    assertThat(one.getList("revisions.kind"))
        .containsExactly("posted", "edited", "corrected", "redacted");
    List<Map<String, Object>> feed =
        Api.at(stack.timeline)
            .get("/api/v1/stories/{story}/updates", story)
            .jsonPath()
            .getList("items");
    assertThat(feed).hasSize(1);
    assertThat(feed.get(0)).containsEntry("id", update.toString());

    // SSE resumed from the very beginning.
    try (SseReader resumed =
        SseReader.open(
            URI.create(stack.timeline.baseUri() + "/api/v1/stories/" + story + "/stream?since=0"),
            null)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> resumed.versions().size() >= 5);
      assertThat(resumed.versions()).startsWith(1L, 2L, 3L, 4L, 5L);
      assertThat(resumed.frames()).noneMatch(f -> f.data().contains(marker));
    }

    // Ingest's idempotent replays answer as the first time, without the text, and write nothing.
    Response replay =
        Api.at(stack.ingest)
            .header("Authorization", reporter)
            .header("Idempotency-Key", "post-" + marker)
            .body(post)
            .post("/api/v1/stories/{story}/updates", story);
    replay.then().statusCode(201).header("Idempotent-Replayed", "true");
    assertThat(replay.asString()).doesNotContain(marker).contains(update.toString());
    Response editReplay =
        Api.at(stack.ingest)
            .header("Authorization", reporter)
            .header("Idempotency-Key", "edit-" + marker)
            .body(edit)
            .put(updatePath);
    editReplay.then().statusCode(200).header("Idempotent-Replayed", "true");
    assertThat(editReplay.asString()).doesNotContain(marker);
    // A new edit is refused.
    Api.at(stack.ingest)
        .header("Authorization", reporter)
        .body(Map.of("body", "<p>" + marker + " terug</p>"))
        .put(updatePath)
        .then()
        .statusCode(409)
        .contentType("application/problem+json");

    // A rebuild of the read model from Kafka brings nothing back.
    Response rebuild =
        Api.at(stack.timeline).header("Authorization", admin).post("/api/v1/admin/rebuilds");
    assertThat(rebuild.statusCode()).as(rebuild.asString()).isEqualTo(202);
    String status = rebuild.header("Location");
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                "switched"
                    .equals(
                        Api.at(stack.timeline)
                            .header("Authorization", admin)
                            .get(URI.create(status).getPath())
                            .jsonPath()
                            .getString("status")));
    awaitVersion(story, 5);
    String rebuilt = timelineReads(story, update, beforeRedaction);
    assertThat(rebuilt).doesNotContain(marker).contains(NOTE);
    assertThat(Api.at(stack.timeline).get(updatePath).jsonPath().getString("redacted.reason"))
        .isEqualTo(NOTE);
  }

  @Test
  void aRedactedAnalysisKeepsOnlyItsNoteAtTheAnalysisServiceAndOnTheStory() {
    String marker = "ANALYSIS-" + UUID.randomUUID();
    String editor = stack.bearer("editor");
    String admin = stack.bearer("admin");
    UUID story = Api.openStory(stack.ingest, editor, "Analyse redactie");
    UUID update = Api.postUpdate(stack.ingest, editor, story, "<p>Aanleiding.</p>");
    Response created =
        Api.at(stack.analysis)
            .header("Authorization", editor)
            .body(
                Map.of(
                    "storyId",
                    story.toString(),
                    "updateId",
                    update.toString(),
                    "language",
                    "nl",
                    "title",
                    marker + " titel",
                    "standfirst",
                    marker + " standfirst",
                    "body",
                    "<p>" + marker + " lange analyse.</p>"))
            .post("/api/v1/analyses");
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    String analysis = created.jsonPath().getString("id");
    Api.at(stack.analysis)
        .header("Authorization", editor)
        .post("/api/v1/analyses/{id}/publish", analysis)
        .then()
        .statusCode(200);
    awaitVersion(story, 3);
    assertThat(timelineReads(story, update, null)).contains(marker);

    Api.at(stack.analysis)
        .header("Authorization", editor)
        .body(Map.of("reason", NOTE))
        .post("/api/v1/analyses/{id}/redact", analysis)
        .then()
        .statusCode(403);
    Api.at(stack.analysis)
        .header("Authorization", admin)
        .body(Map.of("reason", NOTE))
        .post("/api/v1/analyses/{id}/redact", analysis)
        .then()
        .statusCode(200);

    awaitVersion(story, 4);
    String reads = timelineReads(story, update, null);
    assertThat(reads).doesNotContain(marker).contains(NOTE);
    assertThat(
            Api.at(stack.timeline)
                .get("/api/v1/stories/{story}", story)
                .jsonPath()
                .getString("analyses[0].redacted.reason"))
        .isEqualTo(NOTE);
    Response read = Api.at(stack.analysis).get("/api/v1/analyses/{id}", analysis);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.asString()).doesNotContain(marker).contains(NOTE);
  }

  private void awaitVersion(UUID story, long version) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Response header = Api.at(stack.timeline).get("/api/v1/stories/{story}", story);
              return header.statusCode() == 200 && header.jsonPath().getLong("version") >= version;
            });
  }

  /** Every read of the timeline that could show the update's texts, concatenated. */
  private String timelineReads(UUID story, UUID update, Instant asOf) {
    StringBuilder all = new StringBuilder();
    String storyPath = "/api/v1/stories/" + story;
    all.append(Api.at(stack.timeline).get(storyPath).asString());
    all.append(Api.at(stack.timeline).accept("application/ld+json").get(storyPath).asString());
    all.append(Api.at(stack.timeline).get(storyPath + "/updates").asString());
    all.append(Api.at(stack.timeline).get(storyPath + "/updates/" + update).asString());
    Api.changes(stack.timeline, story, 0).forEach(change -> all.append(change));
    if (asOf != null) {
      for (String path :
          List.of(storyPath, storyPath + "/updates", storyPath + "/updates/" + update)) {
        Response past = Api.at(stack.timeline).queryParam("asOf", asOf.toString()).get(path);
        assertThat(past.statusCode()).as(path + "?asOf").isEqualTo(200);
        all.append(past.asString());
      }
    }
    return all.toString();
  }
}
