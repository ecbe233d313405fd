package news.ticker.timeline.rebuild;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.testing.TestTokens;
import news.ticker.events.ArticleEvent;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.timeline.readmodel.GenerationTables;
import news.ticker.timeline.readmodel.Generations;
import news.ticker.timeline.support.Api;
import news.ticker.timeline.support.Newsroom;
import news.ticker.timeline.support.SseClient;
import news.ticker.timeline.support.StoryScript;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A rebuild by replay produces exactly the read model the incremental projection built. */
@QuarkusTest
class RebuildTest {

  /** Columns that record when this replica did something, not what the model says. */
  private static final List<String> WALL_CLOCK_COLUMNS = List.of("held_at", "held_since");

  @Inject AgroalDataSource database;
  @Inject Generations generations;
  @Inject RebuildService rebuilds;

  private final Newsroom newsroom = Newsroom.get();

  @Test
  void rebuiltEqualsIncrementallyBuiltAndReplicasSwitchWithoutDowntime() throws Throwable {
    // A rich story, a redacted update, an article revision and a story held at a gap.
    StoryScript story = new StoryScript();
    UUID first = story.newUpdate();
    UUID second = story.newUpdate();
    UUID shredded = story.newUpdate();
    UUID article = Ids.newId();
    UUID analysis = Ids.newId();
    story.publish(
        newsroom,
        story.open("Rebuild"),
        story.post(first, "Een", "<p>1</p>", true, false, Instant.now()),
        story.post(second, "Twee", "<p>2</p>", false, true, Instant.now()),
        story.edit(first, "Een!", "<p>1!</p>"),
        story.correct(second, "Twee!", "<p>2!</p>", "correctie"),
        story.linkArticle(article, "Lees"),
        story.attachAnalysis(analysis, "Analyse", first),
        story.post(shredded, "Weg", "<p>weg</p>"),
        story.retract(first),
        story.unmarkKeyEvent(first));
    Instant now = Instant.now();
    newsroom.publish(
        new EventEnvelope(
            Ids.newId(),
            "/ticker/articles",
            now,
            1,
            new ArticleEvent.ArticlePublished(
                article,
                "Lees (artikel)",
                "https://news.example/a",
                "S",
                "Politiek",
                now,
                "cms",
                now)));
    newsroom.destroyKey(story.storyId, shredded);
    StoryScript held = new StoryScript();
    EventEnvelope opened = held.open("Vast");
    held.post(held.newUpdate(), "kwijt", "<p>x</p>");
    EventEnvelope third = held.close();
    held.publish(newsroom, opened, third);
    Api.awaitVersion(story.storyId, story.version());
    Api.awaitProjection(held.storyId, p -> p.getBoolean("degraded"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                given()
                    .get("/api/v1/stories/{id}/updates/{u}", story.storyId, shredded)
                    .asString()
                    .contains("redacted"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                given()
                    .get("/api/v1/stories/{id}", story.storyId)
                    .asString()
                    .contains("Lees (artikel)"));

    int before = generations.active();
    String header = given().get("/api/v1/stories/{id}", story.storyId).asString();

    try (SseClient live =
        SseClient.open(
            java.net.URI.create(
                io.restassured.RestAssured.baseURI
                    + ":"
                    + io.restassured.RestAssured.port
                    + "/api/v1/stories/"
                    + story.storyId
                    + "/stream"),
            null)) {
      Response accepted =
          given()
              .header("Authorization", TestTokens.bearer("admin"))
              .post("/api/v1/admin/rebuilds");
      accepted.then().statusCode(202);
      String location = accepted.header("Location");
      assertThat(location).contains("/api/v1/admin/rebuilds/");
      assertThat(accepted.jsonPath().getInt("generation")).isGreaterThan(before);
      given()
          .header("Authorization", TestTokens.bearer("admin"))
          .post("/api/v1/admin/rebuilds")
          .then()
          .statusCode(409);

      // Reads go on during the rebuild.
      Awaitility.await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                given().get("/api/v1/stories/{id}", story.storyId).then().statusCode(200);
                given()
                    .header("Authorization", TestTokens.bearer("admin"))
                    .get(location)
                    .then()
                    .statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("switched"));
              });
      int after = generations.active();
      assertThat(after).isGreaterThan(before);
      // A rebuild that switched can no longer be cancelled.
      given()
          .header("Authorization", TestTokens.bearer("admin"))
          .post(location + "/cancel")
          .then()
          .statusCode(409)
          .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));

      // Compared over what the incremental projection knows: a broker that outlived earlier
      // databases (e.g. KAFKA_BOOTSTRAP_SERVERS of a running stack) adds stories only the rebuild
      // sees, which is right.
      Map<String, List<Map<String, Object>>> incremental = readModel(before);
      Map<String, List<Map<String, Object>>> rebuilt = readModel(after);
      java.util.Set<Object> stories = ids(incremental.get("story_progress"), "story_id");
      java.util.Set<Object> articles = ids(incremental.get("article_snapshot"), "article_id");
      rebuilt.replaceAll(
          (table, rows) ->
              rows.stream()
                  .filter(
                      row ->
                          row.containsKey("story_id")
                              ? stories.contains(row.get("story_id"))
                              : articles.contains(row.get("article_id")))
                  .toList());
      assertThat(incremental.get("story_change")).isNotEmpty();
      assertThat(rebuilt).isEqualTo(incremental);
      assertThat(given().get("/api/v1/stories/{id}", story.storyId).asString()).isEqualTo(header);

      // The projection goes on in the new generation, and live clients notice nothing.
      story.publish(newsroom, story.change("Na de rebuild", "verder"));
      Api.awaitVersion(story.storyId, story.version());
      List<SseClient.Frame> frames = live.awaitFrames(1);
      assertThat(frames.get(0).id()).isEqualTo(Long.toString(story.version()));
    }

    // Once the retention after the switch has passed, the housekeeping drops the old generation,
    // and only it.
    Map<String, List<Map<String, Object>>> active = readModel(generations.active());
    try (Connection connection = database.getConnection();
        PreparedStatement age =
            connection.prepareStatement(
                "update timeline_generation set switched_at = now() - interval '1 day'")) {
      age.executeUpdate();
    }
    int dropped = VertxContextSupport.subscribeAndAwait(() -> rebuilds.dropRetiredGenerations());
    assertThat(dropped).isPositive();
    assertThat(readModel(before).values()).allSatisfy(rows -> assertThat(rows).isEmpty());
    assertThat(readModel(generations.active())).isEqualTo(active);
    assertThat(VertxContextSupport.subscribeAndAwait(() -> rebuilds.dropRetiredGenerations()))
        .as("nothing left to drop")
        .isZero();
  }

  /**
   * A rebuild cancelled while it waits to switch (a writer holds the switch lock shared, so the
   * switch waits) never becomes active: its status says cancelled, its generation's rows are
   * dropped, and the active generation goes on serving and projecting.
   */
  @Test
  void aCancelledRebuildNeverSwitchesAndDropsItsGeneration() throws Exception {
    StoryScript story = new StoryScript();
    story.publish(
        newsroom,
        story.open("Afgeblazen"),
        story.post(story.newUpdate(), "Een", "<p>1</p>", false, false, Instant.now()));
    Api.awaitVersion(story.storyId, story.version());
    int active = generations.active();
    String admin = TestTokens.bearer("admin");
    String location;
    int generation;
    try (Connection writer = database.getConnection()) {
      writer.setAutoCommit(false);
      try (PreparedStatement lock =
          writer.prepareStatement("select pg_advisory_xact_lock_shared(?)")) {
        lock.setLong(1, Generations.SWITCH_LOCK);
        lock.execute();
      }
      Response accepted = given().header("Authorization", admin).post("/api/v1/admin/rebuilds");
      accepted.then().statusCode(202);
      location = accepted.header("Location");
      generation = accepted.jsonPath().getInt("generation");
      // The rebuild has replayed everything and waits for the switch lock.
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> waitingForTheSwitchLock() >= 1);

      given()
          .header("Authorization", admin)
          .post(location + "/cancel")
          .then()
          .statusCode(200)
          .body("status", org.hamcrest.Matchers.equalTo("cancelled"))
          .body("error", org.hamcrest.Matchers.startsWith("cancelled by"));
      writer.rollback();
    }
    // Asked again, the same answer; an unknown rebuild is a 404.
    given()
        .header("Authorization", admin)
        .post(location + "/cancel")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("cancelled"));
    given()
        .header("Authorization", admin)
        .post("/api/v1/admin/rebuilds/" + UUID.randomUUID() + "/cancel")
        .then()
        .statusCode(404);

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(readModel(generation).values())
                    .as("rows of the cancelled generation")
                    .allSatisfy(rows -> assertThat(rows).isEmpty()));
    assertThat(generations.active()).isEqualTo(active);
    given()
        .header("Authorization", admin)
        .get(location)
        .then()
        .body("status", org.hamcrest.Matchers.equalTo("cancelled"));
    // The active generation goes on.
    story.publish(newsroom, story.change("Na het afblazen", "verder"));
    Api.awaitVersion(story.storyId, story.version());
  }

  /** How many sessions wait for the generation switch's advisory lock. */
  private long waitingForTheSwitchLock() throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "select count(*) from pg_locks where locktype = 'advisory' and not granted"
                    + " and objid::bigint = ?")) {
      select.setLong(1, Generations.SWITCH_LOCK);
      try (ResultSet result = select.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  private static java.util.Set<Object> ids(List<Map<String, Object>> rows, String column) {
    return rows.stream().map(row -> row.get(column)).collect(java.util.stream.Collectors.toSet());
  }

  /** Every row of every generational table of one generation, without the generation column. */
  private Map<String, List<Map<String, Object>>> readModel(int generation) throws SQLException {
    Map<String, List<Map<String, Object>>> model = new LinkedHashMap<>();
    try (Connection connection = database.getConnection()) {
      for (String table : GenerationTables.ALL) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement select =
            connection.prepareStatement(
                "select * from " + table + " where generation = ? order by 2, 3, 4")) {
          select.setInt(1, generation);
          try (ResultSet result = select.executeQuery()) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
              Map<String, Object> row = new LinkedHashMap<>();
              for (int i = 1; i <= meta.getColumnCount(); i++) {
                String column = meta.getColumnName(i);
                Object value = result.getObject(i);
                // The generation, and the ETag stamp of a story's representation in that
                // generation: it counts changes seen without a new version (an article revised
                // after the link), which depend on the order of the topics' records, not content.
                if (column.equals("generation") || column.equals("representation")) {
                  continue;
                }
                if (WALL_CLOCK_COLUMNS.contains(column)) {
                  value = value != null;
                }
                row.put(column, value == null ? null : value.toString());
              }
              rows.add(row);
            }
          }
        }
        model.put(table, rows);
      }
    }
    return model;
  }
}
