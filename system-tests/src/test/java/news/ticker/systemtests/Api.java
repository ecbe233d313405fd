package news.ticker.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
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

  static List<Long> versions(List<Map<String, Object>> changes) {
    return changes.stream().map(c -> ((Number) c.get("version")).longValue()).toList();
  }
}
