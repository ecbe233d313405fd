package news.ticker.ingest.article;

import static io.restassured.RestAssured.given;
import static news.ticker.ingest.support.Newsroom.EDITOR;
import static news.ticker.ingest.support.Newsroom.REPORTER;
import static news.ticker.ingest.support.Newsroom.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.testing.TestTokens;
import news.ticker.events.ArticleEvent.ArticlePublished;
import news.ticker.events.ArticleEvent.ArticleRevised;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent.RelatedArticleLinked;
import news.ticker.events.StoryEvent.RelatedArticleUnlinked;
import news.ticker.events.Topics;
import news.ticker.ingest.support.Database;
import news.ticker.ingest.support.Newsroom;
import news.ticker.ingest.support.Published;
import news.ticker.ingest.support.TopicRecorder.Received;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ArticleApiTest {

  private static final String ARTICLES = "/api/v1/articles";

  private static RequestSpecification editor() {
    return given().header("Authorization", TestTokens.bearer(EDITOR));
  }

  private static UUID publish(String headline) {
    Response response =
        as(EDITOR)
            .body(
                Map.of(
                    "headline",
                    headline,
                    "url",
                    "https://nos.nl/artikel/" + UUID.randomUUID(),
                    "standfirst",
                    "Inleiding",
                    "section",
                    "Politiek"))
            .post(ARTICLES);
    response.then().statusCode(201);
    return UUID.fromString(response.jsonPath().getString("id"));
  }

  @Test
  void publishingAndRevisingPublishOnTheArticleTopic() {
    Response response =
        as(EDITOR)
            .body(
                Map.of(
                    "headline", "Wat de uitslag betekent",
                    "url", "https://nos.nl/artikel/2563001",
                    "publishedAt", "2025-03-20T09:00:00+01:00"))
            .post(ARTICLES);
    response.then().statusCode(201).header("ETag", "\"1\"");
    UUID articleId = UUID.fromString(response.jsonPath().getString("id"));
    assertThat(response.header("Location")).isEqualTo(ARTICLES + "/" + articleId);

    as(EDITOR)
        .header("If-Match", "\"1\"")
        .body(Map.of("standfirst", "Meer autonomie"))
        .patch(ARTICLES + "/" + articleId)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"");

    List<Received> records = Published.awaitRecords(Topics.ARTICLE_EVENTS, articleId, 2);
    assertThat(records.get(0).header("ce_type")).isEqualTo("news.ticker.article-published.v1");
    assertThat(records.get(1).header("ce_streamversion")).isEqualTo("2");
    ArticlePublished published =
        Published.data(Published.decode(records.get(0)), ArticlePublished.class);
    assertThat(published.publishedAt()).hasToString("2025-03-20T08:00:00Z");
    ArticleRevised revised = Published.data(Published.decode(records.get(1)), ArticleRevised.class);
    assertThat(revised.headline()).isEqualTo("Wat de uitslag betekent");
    assertThat(revised.standfirst()).isEqualTo("Meer autonomie");
  }

  @Test
  void articleErrors() {
    UUID articleId = publish("Fouten");

    as(EDITOR)
        .body(Map.of("headline", "Zonder url"))
        .post(ARTICLES)
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("url"));
    as(EDITOR)
        .body(Map.of("headline", "Relatief", "url", "/artikel/1"))
        .post(ARTICLES)
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("url"));
    as(EDITOR)
        .body(Map.of("headline", "x"))
        .patch(ARTICLES + "/" + UUID.randomUUID())
        .then()
        .statusCode(404);
    as(EDITOR)
        .header("If-Match", "\"7\"")
        .body(Map.of("headline", "x"))
        .patch(ARTICLES + "/" + articleId)
        .then()
        .statusCode(412)
        .header("ETag", "\"1\"");
    as(EDITOR)
        .body("{\"headline\": null}")
        .patch(ARTICLES + "/" + articleId)
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("headline"));
    as(REPORTER)
        .body(Map.of("headline", "x", "url", "https://x.example"))
        .post(ARTICLES)
        .then()
        .statusCode(403);
    assertThat(Database.version(articleId)).isEqualTo(1);
  }

  @Test
  void linkingCopiesTheArticlesCurrentSnapshotIntoTheStory() {
    UUID storyId = Newsroom.openStory("Met achtergrond");
    UUID articleId = publish("Achtergrond");
    String related = "/api/v1/stories/" + storyId + "/related/" + articleId;

    editor()
        .put(related)
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .body("id", equalTo(articleId.toString()))
        .body("storyId", equalTo(storyId.toString()));
    editor()
        .put(related)
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .body("changed", equalTo(false));
    as(EDITOR)
        .body(Map.of("headline", "Achtergrond (bijgewerkt)"))
        .patch(ARTICLES + "/" + articleId)
        .then()
        .statusCode(200);
    editor().put(related).then().statusCode(200).body("version", equalTo(3));
    editor().delete(related).then().statusCode(200).body("version", equalTo(4));
    editor().delete(related).then().statusCode(200).body("version", equalTo(4));

    List<EventEnvelope> events = Published.awaitStoryEvents(storyId, 4);
    RelatedArticleLinked linked = Published.data(events.get(1), RelatedArticleLinked.class);
    assertThat(linked.headline()).isEqualTo("Achtergrond");
    assertThat(linked.standfirst()).isEqualTo("Inleiding");
    assertThat(linked.url()).startsWith("https://nos.nl/artikel/");
    assertThat(Published.data(events.get(2), RelatedArticleLinked.class).headline())
        .isEqualTo("Achtergrond (bijgewerkt)");
    assertThat(Published.data(events.get(3), RelatedArticleUnlinked.class).articleId())
        .isEqualTo(articleId);
  }

  @Test
  void linkingAnUnknownArticleOrToAnUnknownStoryIs404() {
    UUID storyId = Newsroom.openStory("Zonder artikel");
    editor()
        .put("/api/v1/stories/" + storyId + "/related/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    editor()
        .put("/api/v1/stories/" + UUID.randomUUID() + "/related/" + publish("Wees"))
        .then()
        .statusCode(404);
    assertThat(Database.version(storyId)).isEqualTo(1);
  }
}
