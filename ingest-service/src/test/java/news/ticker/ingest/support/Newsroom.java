package news.ticker.ingest.support;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.testing.TestTokens;

/** The newsroom's calls to ingest, as a client would make them. */
public final class Newsroom {

  public static final String EDITOR = "editor";
  public static final String REPORTER = "reporter";

  private Newsroom() {}

  public static RequestSpecification as(String role) {
    return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON);
  }

  /** Opens a story with a unique slug and returns its id. */
  public static UUID openStory(String title) {
    Response response =
        as(EDITOR)
            .body(Map.of("title", title, "slug", "test-" + UUID.randomUUID()))
            .post("/api/v1/stories");
    response.then().statusCode(201);
    return UUID.fromString(response.jsonPath().getString("id"));
  }

  /** Posts an update and returns its id. */
  public static UUID postUpdate(UUID storyId, Map<String, Object> update) {
    Response response = as(REPORTER).body(update).post("/api/v1/stories/" + storyId + "/updates");
    response.then().statusCode(201);
    return UUID.fromString(response.jsonPath().getString("id"));
  }

  public static UUID postUpdate(UUID storyId, String body) {
    return postUpdate(storyId, Map.of("body", body));
  }

  /**
   * A request without body and without {@code Content-Type}, as a plain HTTP client sends it (REST
   * Assured would add a form content type).
   */
  public static HttpResponse<String> withoutBody(String method, String path, String role) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
            .header("Authorization", TestTokens.bearer(role))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
