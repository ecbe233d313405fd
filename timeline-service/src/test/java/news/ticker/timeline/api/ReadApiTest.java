package news.ticker.timeline.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import news.ticker.events.ArticleEvent;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.timeline.support.Api;
import news.ticker.timeline.support.Newsroom;
import news.ticker.timeline.support.StoryScript;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The public read API, row by row of the contract, against real Kafka and PostgreSQL. */
@QuarkusTest
class ReadApiTest {

  private final Newsroom newsroom = Newsroom.get();

  @Test
  void feedPagesNewestFirstWithoutRetractedUpdates() {
    StoryScript story = new StoryScript();
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<UUID> updates = new ArrayList<>();
    List<EventEnvelope> events = new ArrayList<>(List.of(story.open("Feed")));
    for (int i = 0; i < 5; i++) {
      UUID update = story.newUpdate();
      updates.add(update);
      events.add(
          story.post(update, "Update " + i, "<p>" + i + "</p>", false, false, base.plusSeconds(i)));
    }
    events.add(story.retract(updates.get(3)));
    story.publish(newsroom, events.toArray(EventEnvelope[]::new));
    JsonPath header = Api.awaitVersion(story.storyId, story.version());
    assertThat(header.getInt("updateCount")).isEqualTo(4);

    List<String> seen = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      var request = given().queryParam("limit", 2);
      if (next != null) {
        request.queryParam("before", next);
      }
      JsonPath page =
          request
              .get("/api/v1/stories/{id}/updates", story.storyId)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      seen.addAll(page.getList("items.id"));
      next = page.getString("next");
      pages++;
    } while (next != null);

    assertThat(pages).isEqualTo(2);
    assertThat(seen)
        .containsExactly(
            updates.get(4).toString(),
            updates.get(2).toString(),
            updates.get(1).toString(),
            updates.get(0).toString());
  }

  @Test
  void oneUpdateCarriesItsPublicRevisionHistory() {
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    UUID retracted = story.newUpdate();
    story.publish(
        newsroom,
        story.open("Revisions"),
        story.post(update, "Kop", "<p>eerste</p>"),
        story.edit(update, "Kop!", "<p>tweede</p>"),
        story.correct(update, "Kop!!", "<p>derde</p>", "Eerder stond hier een fout getal."),
        story.post(retracted, "Weg", "<p>weg</p>"),
        story.retract(retracted));
    Api.awaitVersion(story.storyId, story.version());

    given()
        .get("/api/v1/stories/{id}/updates/{u}", story.storyId, update)
        .then()
        .statusCode(200)
        .body("id", equalTo(update.toString()))
        .body("headline", equalTo("Kop!!"))
        .body("body", equalTo("<p>derde</p>"))
        .body("correction.note", equalTo("Eerder stond hier een fout getal."))
        .body("revisions.kind", equalTo(List.of("posted", "edited", "corrected")))
        .body("revisions.version", equalTo(List.of(2, 3, 4)))
        .body("revisions[0].headline", equalTo("Kop"))
        .body("revisions[1].body", equalTo("<p>tweede</p>"))
        .body("revisions[2].note", equalTo("Eerder stond hier een fout getal."))
        .body("revisions[2].recordedAt", notNullValue());

    given()
        .get("/api/v1/stories/{id}/updates/{u}", story.storyId, retracted)
        .then()
        .statusCode(200)
        .body("retracted", equalTo(true))
        .body("revisions.kind", equalTo(List.of("posted", "retracted")));

    given()
        .get("/api/v1/stories/{id}/updates/{u}", story.storyId, Ids.newId())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void headerCarriesPinnedKeyEventsRelatedArticlesAndAnalyses() {
    StoryScript story = new StoryScript();
    UUID first = story.newUpdate();
    UUID second = story.newUpdate();
    UUID article = Ids.newId();
    UUID analysis = Ids.newId();
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    story.publish(
        newsroom,
        story.open("Header"),
        story.post(first, "Sleutel", "<p>1</p>", true, false, at),
        story.post(second, "Vast", "<p>2</p>", false, true, at.plusSeconds(1)),
        story.linkArticle(article, "Oude kop"),
        story.attachAnalysis(analysis, "Wat het betekent", second));
    Api.awaitVersion(story.storyId, story.version());

    given()
        .get("/api/v1/stories/{id}", story.storyId)
        .then()
        .statusCode(200)
        .body("id", equalTo(story.storyId.toString()))
        .body("title", equalTo("Header"))
        .body("status", equalTo("live"))
        .body("language", equalTo("nl"))
        .body("canonicalUrl", containsString("https://news.example/live/"))
        .body("coverageStartTime", notNullValue())
        .body("coverageEndTime", nullValue())
        .body("pinnedUpdate.id", equalTo(second.toString()))
        .body("pinnedUpdate.analysis.title", equalTo("Wat het betekent"))
        .body("keyEvents.id", equalTo(List.of(first.toString())))
        .body("keyEvents[0].headline", equalTo("Sleutel"))
        .body("relatedArticles[0].headline", equalTo("Oude kop"))
        .body("analyses[0].readingTimeMinutes", equalTo(7))
        .body("analyses[0].anchorUpdateId", equalTo(second.toString()))
        .body("updateCount", equalTo(2))
        .body("version", equalTo(5))
        .body("degraded", equalTo(false));

    given()
        .get("/api/v1/stories/{id}/updates", story.storyId)
        .then()
        .body("items[0].id", equalTo(second.toString()))
        .body("items[0].analysis.id", equalTo(analysis.toString()))
        .body("items[0].analysis.standfirst", equalTo("Standfirst of Wat het betekent"))
        .body("items[0].analysis.readingTimeMinutes", equalTo(7))
        .body("items[1].analysis", nullValue());

    // A revised article refreshes the related-article snapshot of every story linking it.
    String headerTag = given().get("/api/v1/stories/{id}", story.storyId).header("ETag");
    Instant now = Instant.now();
    newsroom.publish(
        new EventEnvelope(
            Ids.newId(),
            "/ticker/articles",
            now,
            2,
            new ArticleEvent.ArticleRevised(
                article,
                "Nieuwe kop",
                "https://news.example/a/" + article,
                "Nieuw",
                "Politiek",
                now,
                "cms",
                now)));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/stories/{id}", story.storyId)
                    .then()
                    .body("relatedArticles[0].headline", equalTo("Nieuwe kop"))
                    .body("relatedArticles[0].standfirst", equalTo("Nieuw")));
    // The story's version did not change, its representation did: a cached copy is stale.
    given()
        .header("If-None-Match", headerTag)
        .get("/api/v1/stories/{id}", story.storyId)
        .then()
        .statusCode(200)
        .body("version", equalTo(5))
        .header("ETag", org.hamcrest.Matchers.not(headerTag));
  }

  @Test
  void changesSinceAVersionComeInOrderWithTheirPublicData() {
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    story.publish(
        newsroom,
        story.open("Changes"),
        story.post(update, "Kop", "<p>a</p>"),
        story.pin(update),
        story.markKeyEvent(update),
        story.close());
    Api.awaitVersion(story.storyId, 5);

    JsonPath page =
        given()
            .queryParam("since", 1)
            .queryParam("limit", 2)
            .get("/api/v1/stories/{id}/changes", story.storyId)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(page.getList("changes.version")).containsExactly(2, 3);
    assertThat(page.getList("changes.type")).containsExactly("update-posted", "update-pinned");
    assertThat(page.getString("changes[0].updateId")).isEqualTo(update.toString());
    assertThat(page.getString("changes[0].data.headline")).isEqualTo("Kop");
    assertThat(page.getString("changes[0].data.body")).isEqualTo("<p>a</p>");
    assertThat(page.getMap("changes[0].data")).doesNotContainKey("actor");
    assertThat(page.getInt("next")).isEqualTo(3);

    List<Map<String, Object>> rest = Api.changes(story.storyId, page.getInt("next"));
    assertThat(rest).extracting(c -> c.get("version")).containsExactly(4, 5);
    assertThat(rest)
        .extracting(c -> c.get("type"))
        .containsExactly("key-event-marked", "story-closed");
    assertThat(Api.changes(story.storyId, 5)).isEmpty();
    assertThat(Api.changes(story.storyId, 0)).hasSize(5);
  }

  @Test
  void jsonLdIsALiveBlogPosting() {
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    story.publish(
        newsroom,
        story.open("LD"),
        story.post(update, "Kop", "<p>Een <b>tekst</b></p><p>Twee</p>"));
    Api.awaitVersion(story.storyId, 2);

    Response ld = given().accept("application/ld+json").get("/api/v1/stories/{id}", story.storyId);
    ld.then()
        .statusCode(200)
        .contentType("application/ld+json")
        .header("Vary", containsString("Accept"))
        .body("'@context'", equalTo("https://schema.org"))
        .body("'@type'", equalTo("LiveBlogPosting"))
        .body("headline", equalTo("LD"))
        .body("url", equalTo("https://news.example/live/slug-" + story.storyId))
        .body("coverageStartTime", notNullValue())
        .body("publisher.'@type'", equalTo("Organization"))
        .body("publisher.name", equalTo("Ticker"))
        .body("liveBlogUpdate[0].'@type'", equalTo("BlogPosting"))
        .body("liveBlogUpdate[0].headline", equalTo("Kop"))
        .body("liveBlogUpdate[0].articleBody", equalTo("Een tekst Twee"))
        .body("liveBlogUpdate[0].datePublished", notNullValue())
        .body("liveBlogUpdate[0].dateModified", notNullValue())
        .body(
            "liveBlogUpdate[0].url",
            equalTo("https://news.example/live/slug-" + story.storyId + "#update-" + update));
    String jsonEtag =
        given()
            .accept("application/json")
            .get("/api/v1/stories/{id}", story.storyId)
            .header("ETag");
    assertThat(ld.header("ETag")).isNotEqualTo(jsonEtag);
  }

  @Test
  void asOfShowsTheStoryAsRecordedThenNotAsBackdated() {
    Instant t0 = Instant.parse("2023-06-01T10:00:00Z");
    StoryScript story = new StoryScript(t0);
    UUID early = story.newUpdate();
    UUID backdated = story.newUpdate();
    story.publish(newsroom, story.open("AsOf")); // recorded t0
    story.at(t0.plusSeconds(60));
    story.publish(
        newsroom, story.post(early, "Vroeg", "<p>1</p>", false, false, t0.plusSeconds(60)));
    story.at(t0.plusSeconds(600));
    // Posted at +600 s, but backdated to +30 s.
    story.publish(
        newsroom,
        story.post(backdated, "Later gemeld", "<p>2</p>", false, false, t0.plusSeconds(30)));
    story.at(t0.plusSeconds(700));
    story.publish(newsroom, story.edit(early, "Vroeg, bewerkt", "<p>1b</p>"));
    Api.awaitVersion(story.storyId, 4);

    String between = t0.plusSeconds(300).toString();
    given()
        .queryParam("asOf", between)
        .get("/api/v1/stories/{id}/updates", story.storyId)
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(early.toString())))
        .body("items[0].headline", equalTo("Vroeg"));
    given()
        .queryParam("asOf", between)
        .get("/api/v1/stories/{id}", story.storyId)
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .body("updateCount", equalTo(1));
    given()
        .queryParam("asOf", t0.plusSeconds(650).toString())
        .get("/api/v1/stories/{id}/updates/{u}", story.storyId, early)
        .then()
        .statusCode(200)
        .body("headline", equalTo("Vroeg"))
        .body("revisions.kind", equalTo(List.of("posted")));
    given()
        .queryParam("asOf", t0.minusSeconds(1).toString())
        .get("/api/v1/stories/{id}", story.storyId)
        .then()
        .statusCode(404);
    // With an offset instead of Z.
    given()
        .queryParam("asOf", "2023-06-01T12:05:00+02:00")
        .get("/api/v1/stories/{id}", story.storyId)
        .then()
        .statusCode(200)
        .body("version", equalTo(2));

    // Folding the whole change log gives exactly the current read model.
    String later = Instant.now().plusSeconds(3600).toString();
    assertThat(
            given().queryParam("asOf", later).get("/api/v1/stories/{id}", story.storyId).asString())
        .isEqualTo(given().get("/api/v1/stories/{id}", story.storyId).asString());
    assertThat(
            given()
                .queryParam("asOf", later)
                .get("/api/v1/stories/{id}/updates", story.storyId)
                .asString())
        .isEqualTo(given().get("/api/v1/stories/{id}/updates", story.storyId).asString());
  }

  @Test
  void minVersionWaitsForTheViewThenGivesUpWith503() throws Exception {
    StoryScript story = new StoryScript();
    UUID update = story.newUpdate();
    story.publish(newsroom, story.open("MinVersion"));
    Api.awaitVersion(story.storyId, 1);

    given()
        .queryParam("minVersion", 2)
        .get("/api/v1/stories/{id}", story.storyId)
        .then()
        .statusCode(503)
        .header("Retry-After", "1")
        .contentType("application/problem+json");

    EventEnvelope posted = story.post(update, "Kop", "<p>a</p>");
    CompletableFuture<Response> waiting =
        CompletableFuture.supplyAsync(
            () ->
                given()
                    .queryParam("minVersion", 2)
                    .get("/api/v1/stories/{id}/updates", story.storyId));
    // The read must still be waiting (not answered early) when the event arrives.
    Awaitility.await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !waiting.isDone());
    story.publish(newsroom, posted);
    Response response = waiting.get();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.jsonPath().getList("items.id")).containsExactly(update.toString());
  }

  @Test
  void everyReadHasETagCacheControlAndVaryAndAnswers304() {
    StoryScript story = new StoryScript();
    story.publish(newsroom, story.open("Caching"));
    Api.awaitVersion(story.storyId, 1);

    for (String path :
        List.of(
            "/api/v1/stories/" + story.storyId,
            "/api/v1/stories/" + story.storyId + "/updates",
            "/api/v1/stories/" + story.storyId + "/changes",
            "/api/v1/stories?limit=5")) {
      Response first = given().get(path);
      first
          .then()
          .statusCode(200)
          .header("Cache-Control", "public, max-age=2, stale-while-revalidate=30")
          .header("Vary", containsString("Accept"));
      String etag = first.header("ETag");
      assertThat(etag).as(path).startsWith("\"").endsWith("\"");
      given().header("If-None-Match", etag).get(path).then().statusCode(304).header("ETag", etag);
      given().header("If-None-Match", "\"other\"").get(path).then().statusCode(200);
    }
    String before = given().get("/api/v1/stories/{id}", story.storyId).header("ETag");
    story.publish(newsroom, story.change("Caching 2", "nieuw"));
    Api.awaitVersion(story.storyId, 2);
    given()
        .header("If-None-Match", before)
        .get("/api/v1/stories/{id}", story.storyId)
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .header("ETag", org.hamcrest.Matchers.not(before));
    assertThat(
            given()
                .queryParam("limit", 1)
                .get("/api/v1/stories/{id}/updates", story.storyId)
                .header("ETag"))
        .isNotEqualTo(
            given()
                .queryParam("limit", 2)
                .get("/api/v1/stories/{id}/updates", story.storyId)
                .header("ETag"));
  }

  @Test
  void unknownStoriesAre404AndBadParametersAre400NamingTheParameter() {
    UUID unknown = Ids.newId();
    for (String path : List.of("", "/updates", "/changes", "/updates/" + Ids.newId(), "/stream")) {
      given()
          .get("/api/v1/stories/" + unknown + path)
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("status", equalTo(404));
    }
    // Streams check that the story exists before their parameters: use one that does.
    StoryScript existing = new StoryScript();
    existing.publish(newsroom, existing.open("Bestaat"));
    Api.awaitVersion(existing.storyId, 1);
    UUID story = existing.storyId;
    record Bad(String path, Map<String, Object> query, String parameter) {}
    List<Bad> bad =
        List.of(
            new Bad("/api/v1/stories/not-a-uuid", Map.of(), "storyId"),
            new Bad("/api/v1/stories", Map.of("status", "open"), "status"),
            new Bad("/api/v1/stories", Map.of("limit", 0), "limit"),
            new Bad("/api/v1/stories", Map.of("limit", "many"), "limit"),
            new Bad("/api/v1/stories", Map.of("cursor", "xyz"), "cursor"),
            new Bad("/api/v1/stories/" + story + "/updates", Map.of("limit", 1000), "limit"),
            new Bad("/api/v1/stories/" + story + "/updates", Map.of("before", "nope"), "before"),
            new Bad("/api/v1/stories/" + story, Map.of("asOf", "yesterday"), "asOf"),
            new Bad("/api/v1/stories/" + story, Map.of("minVersion", -1), "minVersion"),
            new Bad("/api/v1/stories/" + story + "/changes", Map.of("since", "x"), "since"),
            new Bad(
                "/api/v1/stories/" + story + "/updates",
                Map.of("since", 1, "before", "a"),
                "since"),
            new Bad(
                "/api/v1/stories/" + story + "/updates",
                Map.of("since", 1, "asOf", "2024-01-01T00:00:00Z"),
                "since"),
            new Bad(
                "/api/v1/stories/" + story + "/changes",
                Map.of("since", 1, "asOf", "2024-01-01T00:00:00Z"),
                "since"),
            new Bad(
                "/api/v1/stories/" + story + "/stream", Map.of("since", 1, "before", "a"), "since"),
            new Bad("/api/v1/stories/" + story + "/stream", Map.of("only", "everything"), "only"),
            new Bad("/api/v1/stories/" + story + "/updates/123", Map.of(), "updateId"));
    for (Bad request : bad) {
      given()
          .queryParams(request.query())
          .get(request.path())
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem(request.parameter()));
    }
  }

  @Test
  void storyListPutsLiveFirstFiltersAndPages() {
    String section = "section-" + UUID.randomUUID();
    StoryScript closed = new StoryScript();
    StoryScript older = new StoryScript();
    StoryScript newer = new StoryScript();
    closed.publish(newsroom, closed.open("Gesloten", "gesloten-" + closed.storyId, section));
    older.publish(newsroom, older.open("Ouder", "ouder-" + older.storyId, section));
    newer.publish(newsroom, newer.open("Nieuwer", "nieuwer-" + newer.storyId, section));
    closed.publish(newsroom, closed.close()); // most recently updated, but closed
    Api.awaitVersion(older.storyId, 1);
    Api.awaitVersion(newer.storyId, 1);
    Api.awaitVersion(closed.storyId, 2);

    JsonPath all =
        given()
            .queryParam("section", section)
            .get("/api/v1/stories")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(all.getList("items.id"))
        .containsExactly(
            newer.storyId.toString(), older.storyId.toString(), closed.storyId.toString());
    assertThat(all.getString("next")).isNull();

    JsonPath first =
        given()
            .queryParam("section", section)
            .queryParam("limit", 2)
            .get("/api/v1/stories")
            .jsonPath();
    assertThat(first.getList("items.id"))
        .containsExactly(newer.storyId.toString(), older.storyId.toString());
    JsonPath second =
        given()
            .queryParam("section", section)
            .queryParam("limit", 2)
            .queryParam("cursor", first.getString("next"))
            .get("/api/v1/stories")
            .jsonPath();
    assertThat(second.getList("items.id")).containsExactly(closed.storyId.toString());
    assertThat(second.getString("next")).isNull();

    given()
        .queryParam("section", section)
        .queryParam("status", "closed")
        .get("/api/v1/stories")
        .then()
        .body("items.id", equalTo(List.of(closed.storyId.toString())))
        .body("items[0].status", equalTo("closed"));
    given()
        .queryParam("slug", "ouder-" + older.storyId)
        .get("/api/v1/stories")
        .then()
        .body("items.id", equalTo(List.of(older.storyId.toString())));
  }
}
