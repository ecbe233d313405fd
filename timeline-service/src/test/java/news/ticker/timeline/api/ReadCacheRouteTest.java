package news.ticker.timeline.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import news.ticker.timeline.readcache.ReadCache;
import news.ticker.timeline.readcache.Validator;
import news.ticker.timeline.readcache.Validators;
import news.ticker.timeline.readmodel.Generations;
import news.ticker.timeline.support.Api;
import news.ticker.timeline.support.Newsroom;
import news.ticker.timeline.support.StoryScript;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Current reads from memory, against real Kafka and PostgreSQL: the header and first feed page are
 * kept after a read and answered (200 and 304) by {@link ReadCacheRoute}; a commit anywhere forgets
 * them through PostgreSQL's notification, so a redacted text never comes back from memory.
 */
@QuarkusTest
class ReadCacheRouteTest {

  private final Newsroom newsroom = Newsroom.get();

  @Inject Validators validators;
  @Inject Generations generations;

  @BeforeEach
  void listening() {
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> cache().isListening());
  }

  private ReadCache cache() {
    return validators.cache();
  }

  private String kept(UUID story, String variant) {
    return cache()
        .page(generations.active(), story, variant)
        .map(page -> new String(page.body(), StandardCharsets.UTF_8))
        .orElse(null);
  }

  private static double answers(String status) {
    return given()
        .get("/q/metrics")
        .asString()
        .lines()
        .filter(
            l ->
                l.startsWith("ticker_timeline_read_cache_answers_total")
                    && l.contains("status=\"" + status + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Reads until the page is kept (a notification of an earlier commit may forget it once). */
  private void awaitKept(UUID story, String variant, String path) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              given().get(path, story).then().statusCode(200);
              return kept(story, variant) != null;
            });
  }

  @Test
  void theHeaderAndFirstPageAreKeptAndAnsweredFromMemoryBehindTheEdge() {
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    story.publish(newsroom, story.open("Geheugen"), story.post(update, "Eerste", "<p>een</p>"));
    Api.awaitVersion(story.storyId, 2);

    awaitKept(story.storyId, Validator.HEADER, "/api/v1/stories/{id}");
    awaitKept(story.storyId, "feed-20", "/api/v1/stories/{id}/updates");
    Response header = given().get("/api/v1/stories/{id}", story.storyId);
    Response feed = given().get("/api/v1/stories/{id}/updates", story.storyId);

    assertThat(kept(story.storyId, Validator.HEADER)).contains("Geheugen");
    assertThat(kept(story.storyId, "feed-20")).contains("Eerste");
    Response again = given().get("/api/v1/stories/{id}", story.storyId);
    assertThat(again.header("ETag")).isEqualTo(header.header("ETag"));
    assertThat(again.asString()).isEqualTo(header.asString());
    assertThat(again.header("Content-Type")).startsWith("application/json");
    given()
        .header("If-None-Match", feed.header("ETag"))
        .get("/api/v1/stories/{id}/updates", story.storyId)
        .then()
        .statusCode(304)
        .header("ETag", feed.header("ETag"))
        .header("Cache-Control", "public, max-age=2, stale-while-revalidate=30")
        .header("Vary", equalTo("Accept"))
        // The platform's edge ran first.
        .header("X-Content-Type-Options", "nosniff");
    // Answered by the route, not by the resource: its counters move.
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              double before = answers("304");
              given()
                  .header("If-None-Match", header.header("ETag"))
                  .get("/api/v1/stories/{id}", story.storyId)
                  .then()
                  .statusCode(304);
              return answers("304") > before;
            });
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              double before = answers("200");
              given().get("/api/v1/stories/{id}/updates", story.storyId).then().statusCode(200);
              return answers("200") > before;
            });
    // Not from memory: JSON-LD, another page, a read-your-write.
    given()
        .header("Accept", "application/ld+json")
        .header("If-None-Match", header.header("ETag"))
        .get("/api/v1/stories/{id}", story.storyId)
        .then()
        .statusCode(200);
    given()
        .queryParam("limit", 0)
        .header("If-None-Match", feed.header("ETag"))
        .get("/api/v1/stories/{id}/updates", story.storyId)
        .then()
        .statusCode(400);
  }

  @Test
  void aDestroyedKeyForgetsTheKeptPagesAndTheirTags() {
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    story.publish(
        newsroom, story.open("Vergeten"), story.post(update, "Weg ermee", "<p>vertrouwelijk</p>"));
    Api.awaitVersion(story.storyId, 2);
    awaitKept(story.storyId, "feed-20", "/api/v1/stories/{id}/updates");
    String feedTag = given().get("/api/v1/stories/{id}/updates", story.storyId).header("ETag");
    assertThat(kept(story.storyId, "feed-20")).contains("vertrouwelijk");

    newsroom.destroyKey(story.storyId, update);

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .header("If-None-Match", feedTag)
                    .get("/api/v1/stories/{id}/updates", story.storyId)
                    .then()
                    .statusCode(200));
    assertThat(given().get("/api/v1/stories/{id}/updates", story.storyId).asString())
        .doesNotContain("vertrouwelijk");
    String kept = kept(story.storyId, "feed-20");
    if (kept != null) {
      assertThat(kept).doesNotContain("vertrouwelijk");
    }
  }

  @Test
  void aHeldStorysHeaderTagSaysSo() {
    StoryScript story = new StoryScript();
    story.publish(newsroom, story.open("Gat"));
    Api.awaitVersion(story.storyId, 1);
    String before = given().get("/api/v1/stories/{id}", story.storyId).header("ETag");
    // Version 3 without 2: the story is held (degraded) at the gap, its version unchanged.
    story.change("Ontbreekt", "overgeslagen");
    story.publish(newsroom, story.change("Later", "na het gat"));
    Api.awaitProjection(story.storyId, state -> state.getBoolean("degraded"));

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .header("If-None-Match", before)
                    .get("/api/v1/stories/{id}", story.storyId)
                    .then()
                    .statusCode(200)
                    .body("degraded", equalTo(true))
                    .body("version", equalTo(1)));
  }
}
