package news.ticker.timeline.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import news.ticker.devstack.testing.TestTokens;
import org.awaitility.Awaitility;

/** Reads of the timeline API that tests wait on. */
public final class Api {

  private Api() {}

  /** Waits until the story's view reached {@code version}; returns its header. */
  public static JsonPath awaitVersion(UUID storyId, long version) {
    AtomicReference<JsonPath> header = new AtomicReference<>();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              var response = given().get("/api/v1/stories/{id}", storyId);
              if (response.statusCode() != 200) {
                return false;
              }
              JsonPath json = response.jsonPath();
              header.set(json);
              return json.getLong("version") >= version;
            });
    return header.get();
  }

  /** The projection state of a story (admin). */
  public static JsonPath projection(UUID storyId) {
    return given()
        .header("Authorization", TestTokens.bearer("admin"))
        .get("/api/v1/admin/stories/{id}/projection", storyId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Waits until the projection state of a story satisfies the condition. */
  public static JsonPath awaitProjection(
      UUID storyId, java.util.function.Predicate<JsonPath> condition) {
    AtomicReference<JsonPath> state = new AtomicReference<>();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              var response =
                  given()
                      .header("Authorization", TestTokens.bearer("admin"))
                      .get("/api/v1/admin/stories/{id}/projection", storyId);
              if (response.statusCode() != 200) {
                return false;
              }
              state.set(response.jsonPath());
              return condition.test(state.get());
            });
    return state.get();
  }

  /** Every change of the story after {@code since}. */
  public static List<Map<String, Object>> changes(UUID storyId, long since) {
    return given()
        .queryParam("since", since)
        .queryParam("limit", 1000)
        .get("/api/v1/stories/{id}/changes", storyId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("changes");
  }
}
