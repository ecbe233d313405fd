package news.ticker.analysis.analysis;

import static io.restassured.RestAssured.given;
import static news.ticker.analysis.testing.Analyses.ANALYST;
import static news.ticker.analysis.testing.Analyses.EDITOR;
import static news.ticker.analysis.testing.Analyses.awaitStoryKnown;
import static news.ticker.analysis.testing.Analyses.create;
import static news.ticker.analysis.testing.Analyses.draft;
import static news.ticker.analysis.testing.Analyses.publish;
import static news.ticker.analysis.testing.Analyses.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.analysis.testing.AnalysisEventLog;
import news.ticker.analysis.testing.AnalysisEventLog.Received;
import news.ticker.analysis.testing.StoryFeed;
import news.ticker.analysis.testing.StoryFeed.LiveStory;
import news.ticker.devstack.testing.JwtResource;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.PostgresResource;
import news.ticker.devstack.testing.TestTokens;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An admin's redaction of an analysis: title, standfirst and body of every revision leave the
 * database (idempotent responses included), reads show the public note, and {@code
 * analysis-redacted} is announced.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, parallel = true)
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "analysis"),
    parallel = true)
@WithTestResource(JwtResource.class)
class AnalysisRedactionTest {

  private static final String ADMIN = TestTokens.bearer("admin");
  private static final String NOTE = "Removed by court order";

  static StoryFeed feed;
  static AnalysisEventLog events;

  @BeforeAll
  static void connect() {
    feed = StoryFeed.connect();
    events = AnalysisEventLog.openAtEnd();
  }

  @AfterAll
  static void disconnect() {
    feed.close();
    events.close();
  }

  private static Response redact(String token, UUID id, Object body) {
    return given()
        .header("Authorization", token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/analyses/{id}/redact", id);
  }

  @Test
  void redactionRemovesEveryTextEverywhereAndAnnouncesIt() throws Exception {
    String marker = "BRON-" + UUID.randomUUID();
    LiveStory story = feed.openStory();
    awaitStoryKnown(story.id());
    Map<String, Object> body = draft(story.id());
    body.put("title", marker + " titel");
    body.put("standfirst", marker + " standfirst");
    body.put("body", "<p>" + marker + " tekst</p>");
    String createKey = UUID.randomUUID().toString();
    Response created =
        given()
            .header("Authorization", ANALYST)
            .header("Idempotency-Key", createKey)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/analyses");
    created.then().statusCode(201);
    UUID id = UUID.fromString(created.jsonPath().getString("id"));
    given()
        .header("Authorization", ANALYST)
        .contentType(ContentType.JSON)
        .body(revision(marker + " twee", "<p>" + marker + " twee</p>"))
        .put("/api/v1/analyses/{id}", id)
        .then()
        .statusCode(200);
    publish(EDITOR, id).then().statusCode(200);
    assertThat(
            count("analysis_revision", "analysis_id = ? and body like ?", id, "%" + marker + "%"))
        .isEqualTo(2);

    for (String role : List.of("analyst", "editor", "reporter")) {
      redact(TestTokens.bearer(role), id, Map.of("reason", NOTE))
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }
    redact(ADMIN, id, Map.of()).then().statusCode(422).contentType("application/problem+json");

    redact(ADMIN, id, Map.of("reason", NOTE))
        .then()
        .statusCode(200)
        .header("ETag", "\"4\"")
        .body("redacted.reason", equalTo(NOTE))
        .body("title", equalTo(null))
        .body("body", equalTo(null));

    // Public reads show the note and no text.
    String read =
        given().get("/api/v1/analyses/{id}", id).then().statusCode(200).extract().asString();
    assertThat(read).doesNotContain(marker).contains(NOTE);
    String list =
        given().get("/api/v1/stories/{id}/analyses", story.id()).then().extract().asString();
    assertThat(list).doesNotContain(marker).contains(NOTE);
    String revisions =
        given()
            .header("Authorization", EDITOR)
            .get("/api/v1/analyses/{id}/revisions", id)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(revisions).doesNotContain(marker);
    // Nothing in the database holds the text any more, idempotent responses included.
    assertThat(
            count(
                "analysis_revision",
                "analysis_id = ? and coalesce(title, '') || coalesce(standfirst, '')"
                    + " || coalesce(body, '') <> ''",
                id))
        .isZero();
    assertThat(count("ticker_idempotency", "response_body like ?", "%" + marker + "%")).isZero();
    // A retry of the creation answers without the text and creates nothing.
    Response retry =
        given()
            .header("Authorization", ANALYST)
            .header("Idempotency-Key", createKey)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/analyses");
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.asString()).doesNotContain(marker).contains(id.toString());
    assertThat(count("analysis", "story_id = ?", story.id())).isEqualTo(1);

    // Announced after analysis-published and analysis-revised... here published only (the
    // revision came before publishing), then analysis-redacted.
    List<Received> announced =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> events.of(id), received -> received.size() >= 2);
    assertThat(announced.get(1).type()).isEqualTo("news.ticker.analysis-redacted.v1");
    assertThat(announced.get(1).value()).contains(NOTE).doesNotContain(marker);

    // Final: no revision, publication or withdrawal any more; redacting again changes nothing.
    given()
        .header("Authorization", ANALYST)
        .contentType(ContentType.JSON)
        .body(revision("Terug", "<p>terug</p>"))
        .put("/api/v1/analyses/{id}", id)
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    given()
        .header("Authorization", EDITOR)
        .post("/api/v1/analyses/{id}/unpublish", id)
        .then()
        .statusCode(409);
    redact(ADMIN, id, Map.of("reason", "again")).then().statusCode(200).header("ETag", "\"4\"");
  }

  @Test
  void aDraftIsRedactedWithoutAnnouncement() {
    LiveStory story = feed.openStory();
    awaitStoryKnown(story.id());
    UUID id =
        UUID.fromString(
            create(ANALYST, draft(story.id())).then().statusCode(201).extract().path("id"));

    redact(ADMIN, id, Map.of("reason", NOTE)).then().statusCode(200).header("ETag", "\"2\"");
    await()
        .pollDelay(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(events.of(id)).isEmpty());
  }

  private static long count(String table, String condition, Object... parameters)
      throws SQLException {
    Config config = ConfigProvider.getConfig();
    try (Connection conn =
            DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        PreparedStatement select =
            conn.prepareStatement("select count(*) from " + table + " where " + condition)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
