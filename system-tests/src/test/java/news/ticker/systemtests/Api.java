package news.ticker.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.process.ServiceProcess;

/**
 * The newsroom and reader calls the system tests make, against whichever process they are given.
 */
final class Api {

  private Api() {}

  static RequestSpecification at(ServiceProcess service) {
    return given().baseUri(service.baseUri().toString()).contentType(ContentType.JSON);
  }

  static UUID openStory(ServiceProcess ingest, String token, String title) {
    Response response =
        at(ingest)
            .header("Authorization", token)
            .body(Map.of("title", title, "language", "nl", "section", "Koninkrijksrelaties"))
            .post("/api/v1/stories");
    response.then().statusCode(201);
    return UUID.fromString(response.jsonPath().getString("id"));
  }

  static Response post(ServiceProcess ingest, String token, UUID story, String body) {
    return at(ingest)
        .header("Authorization", token)
        .body(Map.of("body", body, "headline", "Update"))
        .post("/api/v1/stories/{story}/updates", story);
  }

  static UUID postUpdate(ServiceProcess ingest, String token, UUID story, String body) {
    Response response = post(ingest, token, story, body);
    response.then().statusCode(201);
    return UUID.fromString(response.jsonPath().getString("id"));
  }

  /**
   * Creates an analysis, asking again while the analysis service answers 422 because it has not yet
   * learnt the story from Kafka: it waits 5 s for that, but a preceding test can leave it a backlog
   * (a thousand posts in BrokerOutageIT) that takes longer to project on a loaded machine. A 422
   * creates nothing, so asking again is safe.
   */
  static Response createAnalysis(ServiceProcess analysis, String token, Map<String, ?> body) {
    java.util.concurrent.atomic.AtomicReference<Response> last =
        new java.util.concurrent.atomic.AtomicReference<>();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(120))
        .pollInterval(java.time.Duration.ofSeconds(1))
        .until(
            () -> {
              Response response =
                  at(analysis).header("Authorization", token).body(body).post("/api/v1/analyses");
              last.set(response);
              return response.statusCode() != 422;
            });
    return last.get();
  }

  /** A write's answer: the id it was about and the story's version after it. */
  record Written(UUID id, long version) {}

  /** Posts an update with an explicit headline and publishedAt; fails unless it was accepted. */
  static Written postUpdate(
      ServiceProcess ingest, String token, UUID story, String headline, String body, String at) {
    Response response =
        at(ingest)
            .header("Authorization", token)
            .body(Map.of("body", body, "headline", headline, "publishedAt", at))
            .post("/api/v1/stories/{story}/updates", story);
    response.then().statusCode(201);
    return new Written(
        UUID.fromString(response.jsonPath().getString("id")),
        response.jsonPath().getLong("version"));
  }

  /** Edits an update (a correction when {@code correction} is not null). */
  static Response edit(
      ServiceProcess ingest,
      String token,
      UUID story,
      UUID update,
      String body,
      String correction) {
    Map<String, Object> request = new java.util.HashMap<>();
    request.put("body", body);
    if (correction != null) {
      request.put("correction", correction);
    }
    return at(ingest)
        .header("Authorization", token)
        .body(request)
        .put("/api/v1/stories/{story}/updates/{update}", story, update);
  }

  static Response retract(
      ServiceProcess ingest, String token, UUID story, UUID update, String reason) {
    return at(ingest)
        .header("Authorization", token)
        .body(Map.of("reason", reason))
        .delete("/api/v1/stories/{story}/updates/{update}", story, update);
  }

  /** The whole feed of a story, newest first, following {@code next} cursors. */
  static List<Map<String, Object>> feed(ServiceProcess timeline, UUID story) {
    List<Map<String, Object>> all = new java.util.ArrayList<>();
    String before = null;
    while (true) {
      RequestSpecification request = at(timeline).queryParam("limit", 100);
      if (before != null) {
        request = request.queryParam("before", before);
      }
      Response response = request.get("/api/v1/stories/{story}/updates", story);
      if (response.statusCode() == 404) {
        return all;
      }
      response.then().statusCode(200);
      all.addAll(response.jsonPath().getList("items"));
      before = response.jsonPath().getString("next");
      if (before == null) {
        return all;
      }
    }
  }

  /** The ids of a feed, newest first. */
  static List<String> ids(List<Map<String, Object>> feed) {
    return feed.stream().map(item -> String.valueOf(item.get("id"))).toList();
  }

  /** Every change of a story after {@code since}, following {@code next} pages. */
  static List<Map<String, Object>> changes(ServiceProcess timeline, UUID story, long since) {
    List<Map<String, Object>> all = new java.util.ArrayList<>();
    long after = since;
    while (true) {
      Response response =
          at(timeline)
              .queryParam("since", after)
              .queryParam("limit", 500)
              .get("/api/v1/stories/{story}/changes", story);
      if (response.statusCode() == 404) {
        return all;
      }
      response.then().statusCode(200);
      List<Map<String, Object>> page = response.jsonPath().getList("changes");
      all.addAll(page);
      if (page.isEmpty() || response.jsonPath().get("next") == null) {
        return all;
      }
      after = ((Number) page.get(page.size() - 1).get("version")).longValue();
    }
  }

  /** Waits until the story's change log on this timeline process ends at {@code version}. */
  static void awaitLastVersion(
      ServiceProcess timeline, UUID story, long version, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> assertThat(versions(changes(timeline, story, 0))).last().isEqualTo(version));
  }

  static List<Long> versions(List<Map<String, Object>> changes) {
    return changes.stream().map(c -> ((Number) c.get("version")).longValue()).toList();
  }

  /** Publishes an article ("READ: …") at version 1; fails unless it was accepted. */
  static UUID publishArticle(ServiceProcess ingest, String token, String headline, String url) {
    Response response =
        at(ingest)
            .header("Authorization", token)
            .body(Map.of("headline", headline, "url", url))
            .post("/api/v1/articles");
    response.then().statusCode(201);
    return UUID.fromString(response.jsonPath().getString("id"));
  }

  /** Gives an article a new headline; fails unless it was accepted. */
  static void reviseArticle(ServiceProcess ingest, String token, UUID article, String headline) {
    at(ingest)
        .header("Authorization", token)
        .body(Map.of("headline", headline))
        .patch("/api/v1/articles/{article}", article)
        .then()
        .statusCode(200);
  }

  /** Links an article to a story; returns the story's version after it. */
  static long linkArticle(ServiceProcess ingest, String token, UUID story, UUID article) {
    Response response =
        at(ingest)
            .header("Authorization", token)
            .put("/api/v1/stories/{story}/related/{article}", story, article);
    response.then().statusCode(200);
    return response.jsonPath().getLong("version");
  }

  /** Pins an update; returns the story's version after it. */
  static long pin(ServiceProcess ingest, String token, UUID story, UUID update) {
    Response response =
        at(ingest)
            .header("Authorization", token)
            .put("/api/v1/stories/{story}/updates/{update}/pin", story, update);
    response.then().statusCode(200);
    return response.jsonPath().getLong("version");
  }

  /** Redacts an update for good (admins only); returns the story's version after it. */
  static long redact(ServiceProcess ingest, String token, UUID story, UUID update, String reason) {
    Response response =
        at(ingest)
            .header("Authorization", token)
            .body(Map.of("reason", reason))
            .post("/api/v1/stories/{story}/updates/{update}/redact", story, update);
    response.then().statusCode(200);
    return response.jsonPath().getLong("version");
  }

  /** A GET of {@code path} (which may carry a query) with {@code If-None-Match: etag}. */
  static Response getIfNoneMatch(ServiceProcess timeline, String path, String etag) {
    return at(timeline).header("If-None-Match", etag).get(path);
  }
}
