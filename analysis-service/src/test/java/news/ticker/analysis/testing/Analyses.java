package news.ticker.analysis.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.testing.TestTokens;

/** REST calls and request bodies the analysis tests share. */
public final class Analyses {

  public static final String ANALYST = TestTokens.bearer("analyst");
  public static final String EDITOR = TestTokens.bearer("editor");

  private Analyses() {}

  /** A valid draft for the story, as a mutable map to vary. */
  public static Map<String, Object> draft(UUID storyId) {
    Map<String, Object> body = new HashMap<>();
    body.put("storyId", storyId.toString());
    body.put("title", "Why the dykes held this time");
    body.put("standfirst", "Thirty years of investment paid off in one night.");
    body.put("body", "<p>When the water rose on Tuesday night, the new dykes held.</p>");
    body.put("authors", List.of("Anna de Vries"));
    body.put("language", "nl");
    return body;
  }

  /** The content fields of a revision. */
  public static Map<String, Object> revision(String title, String html) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("standfirst", "Revised standfirst.");
    body.put("body", html);
    body.put("authors", List.of("Anna de Vries", "Piet Jansen"));
    body.put("language", "nl");
    return body;
  }

  public static Response create(String token, Map<String, Object> body) {
    return given()
        .header("Authorization", token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/analyses");
  }

  /** Creates a draft and returns its id. */
  public static UUID createDraft(UUID storyId) {
    String id = create(ANALYST, draft(storyId)).then().statusCode(201).extract().path("id");
    return UUID.fromString(id);
  }

  public static Response publish(String token, UUID analysisId) {
    return given().header("Authorization", token).post("/api/v1/analyses/{id}/publish", analysisId);
  }

  public static Response unpublish(String token, UUID analysisId) {
    return given()
        .header("Authorization", token)
        .post("/api/v1/analyses/{id}/unpublish", analysisId);
  }

  public static Response get(String token, UUID analysisId) {
    var request = given();
    if (token != null) {
      request.header("Authorization", token);
    }
    return request.get("/api/v1/analyses/{id}", analysisId);
  }

  /** Waits until the service's story projection knows the story (its list answers 200). */
  public static void awaitStoryKnown(UUID storyId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> given().get("/api/v1/stories/{id}/analyses", storyId).statusCode() == 200);
  }
}
