package news.ticker.analysis.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import news.ticker.devstack.testing.JwtResource;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.PostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, parallel = true)
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "analysis"),
    parallel = true)
@WithTestResource(JwtResource.class)
class OpenApiTest {

  @Test
  void everyEndpointIsDescribedWithItsProblems() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("info.title", is("Ticker analysis service"))
        .body("paths", hasKey("/api/v1/analyses"))
        .body("paths", hasKey("/api/v1/analyses/{analysisId}"))
        .body("paths", hasKey("/api/v1/analyses/{analysisId}/publish"))
        .body("paths", hasKey("/api/v1/analyses/{analysisId}/unpublish"))
        .body("paths", hasKey("/api/v1/analyses/{analysisId}/revisions"))
        .body("paths", hasKey("/api/v1/stories/{storyId}/analyses"))
        .body(
            "paths.'/api/v1/analyses'.post.responses.'422'.content.'application/problem+json'"
                + ".examples.unknownStory",
            notNullValue())
        .body(
            "paths.'/api/v1/analyses/{analysisId}'.put.responses",
            allOf(hasKey("400"), hasKey("401"), hasKey("403"), hasKey("412")))
        .body("paths.'/api/v1/analyses/{analysisId}'.get.responses", not(hasKey("401")))
        .body("components.schemas", hasKey("Problem"))
        .body("components.securitySchemes", notNullValue());
  }
}
