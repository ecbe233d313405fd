package news.ticker.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What operations and client developers rely on: health, OpenAPI. */
@QuarkusTest
class OperationsEndpointsTest {

  @Test
  void readinessIsTheOwnDatabaseOnly() {
    JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
    List<String> checks = ready.getList("checks.name");
    assertThat(checks)
        .contains(
            "Database connections health check", "Reactive PostgreSQL connections health check")
        .noneSatisfy(name -> assertThat(name.toLowerCase()).contains("kafka"));
    // The messaging check stays, but without the channel: UP whatever Kafka does.
    assertThat(ready.getString("checks.find { it.name.contains('Messaging') }.status"))
        .isEqualTo("UP");
    assertThat(ready.getMap("checks.find { it.name.contains('Messaging') }"))
        .doesNotContainKey("data");
    given().get("/q/health/started").then().statusCode(200);
    given().get("/q/health/live").then().statusCode(200);
  }

  @Test
  void openApiDescribesEveryEndpointWithItsErrorsAndExamples() {
    JsonPath api =
        given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Map<String, Object>> paths = api.getMap("paths");
    Map<String, List<String>> expected =
        Map.of(
            "/api/v1/stories", List.of("post"),
            "/api/v1/stories/{storyId}", List.of("patch"),
            "/api/v1/stories/{storyId}/close", List.of("post"),
            "/api/v1/stories/{storyId}/updates", List.of("post"),
            "/api/v1/stories/{storyId}/updates/{updateId}", List.of("put", "delete"),
            "/api/v1/stories/{storyId}/updates/{updateId}/pin", List.of("put", "delete"),
            "/api/v1/stories/{storyId}/updates/{updateId}/key-event", List.of("put", "delete"),
            "/api/v1/stories/{storyId}/updates:import", List.of("post"),
            "/api/v1/articles", List.of("post"),
            "/api/v1/articles/{articleId}", List.of("patch"));
    expected.forEach(
        (path, methods) -> {
          assertThat(paths).as(path).containsKey(path);
          for (String method : methods) {
            String operation = "paths.'" + path + "'." + method;
            assertThat(api.getString(operation + ".summary")).as(operation).isNotBlank();
            Map<String, Object> responses = api.getMap(operation + ".responses");
            assertThat(responses).as(operation).containsKeys("400", "401", "403");
            if (path.contains("{")) {
              assertThat(responses).as(operation).containsKeys("404", "412");
            }
            assertThat(
                    api.getMap(operation + ".responses.'401'.content.'application/problem+json'"))
                .as(operation)
                .isNotEmpty();
            List<String> headers = api.getList(operation + ".parameters.name", String.class);
            assertThat(headers).as(operation).contains("Idempotency-Key");
            if (path.contains("{")) {
              assertThat(headers).as(operation).contains("If-Match");
            } else {
              assertThat(headers).as(operation).doesNotContain("If-Match");
            }
            List<Map<String, Object>> security = api.get(operation + ".security");
            assertThat(security).as(operation).isNotEmpty();
          }
        });
    assertThat(paths).containsKey("/api/v1/stories/{storyId}/related/{articleId}");
    assertThat(api.getMap("paths.'/api/v1/stories'.post.responses"))
        .containsKeys("409", "415", "422");
    assertThat(api.getMap("paths.'/api/v1/stories/{storyId}/updates'.post.responses"))
        .containsKeys("409", "413", "415", "422");
    assertThat(
            api.getMap(
                "paths.'/api/v1/stories/{storyId}/updates'.post.requestBody.content.'application/json'.examples"))
        .isNotEmpty();
    assertThat(
            api.getMap(
                "paths.'/api/v1/stories/{storyId}/updates:import'.post.requestBody.content.'application/x-ndjson'.examples"))
        .isNotEmpty();
  }
}
