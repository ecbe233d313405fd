package news.ticker.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

  private static Operation operation(String... codes) {
    APIResponses responses = OASFactory.createAPIResponses();
    for (String code : codes) {
      responses.addAPIResponse(code, OASFactory.createAPIResponse().description("own " + code));
    }
    return OASFactory.createOperation().responses(responses);
  }

  private static OpenAPI api(Operation write, Operation read, Operation health) {
    return OASFactory.createOpenAPI()
        .paths(
            OASFactory.createPaths()
                .addPathItem("/api/v1/things", OASFactory.createPathItem().POST(write).GET(read))
                .addPathItem("/q/health", OASFactory.createPathItem().GET(health)));
  }

  @Test
  void everyErrorIsAProblemAndWritesGetTheCommonAnswers() {
    Operation write =
        operation("201", "404").requestBody(OASFactory.createRequestBody().description("body"));
    Operation read = operation("200", "404");
    Operation health = operation("200");
    OpenAPI api = api(write, read, health);

    new ProblemResponses().filterOpenAPI(api);

    assertThat(write.getResponses().getAPIResponses())
        .containsKeys("201", "404", "409", "415", "503");
    assertThat(read.getResponses().getAPIResponses()).containsKeys("200", "404", "503");
    assertThat(read.getResponses().getAPIResponses()).doesNotContainKeys("409", "415");
    assertThat(health.getResponses().getAPIResponses()).containsOnlyKeys("200");
    for (Operation operation : new Operation[] {write, read}) {
      operation
          .getResponses()
          .getAPIResponses()
          .forEach(
              (code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                  assertThat(response.getContent().getMediaTypes())
                      .as(code)
                      .containsKey("application/problem+json");
                } else {
                  assertThat(response.getContent()).as(code).isNull();
                }
              });
    }
    assertThat(api.getComponents().getSchemas().get("Problem").getProperties())
        .containsKeys("type", "title", "status", "detail", "instance", "errors");
  }

  @Test
  void aResourcesOwnTextWins() {
    Operation write =
        operation("409").requestBody(OASFactory.createRequestBody().description("body"));
    new ProblemResponses().filterOpenAPI(api(write, operation("200"), operation("200")));
    assertThat(write.getResponses().getAPIResponse("409").getDescription()).isEqualTo("own 409");
    assertThat(write.getResponses().getAPIResponse("415").getDescription())
        .isEqualTo(ProblemResponses.UNSUPPORTED);
  }

  @Test
  void parametersTokensAndIfMatchBringTheirProblems() {
    Operation conditional =
        operation("200")
            .addParameter(OASFactory.createParameter().name("If-Match").in(Parameter.In.HEADER))
            .addSecurityRequirement(
                OASFactory.createSecurityRequirement().addScheme("jwt", "editor"));
    Operation read =
        operation("200")
            .addParameter(OASFactory.createParameter().name("limit").in(Parameter.In.QUERY));
    conditional
        .getResponses()
        .addAPIResponse("401", OASFactory.createAPIResponse().description("Not Authorized"));
    Operation bare = operation("200");
    new ProblemResponses().filterOpenAPI(api(conditional, read, bare));

    assertThat(conditional.getResponses().getAPIResponses())
        .containsKeys("400", "401", "403", "412");
    assertThat(conditional.getResponses().getAPIResponse("412").getDescription())
        .isEqualTo(ProblemResponses.STALE);
    assertThat(conditional.getResponses().getAPIResponse("200").getHeaders()).containsKey("ETag");
    assertThat(read.getResponses().getAPIResponse("200").getHeaders()).isNull();
    assertThat(conditional.getResponses().getAPIResponse("401").getDescription())
        .isEqualTo(ProblemResponses.UNAUTHENTICATED);
    assertThat(read.getResponses().getAPIResponses()).containsOnlyKeys("200", "400", "503");
    assertThat(bare.getResponses().getAPIResponses()).containsOnlyKeys("200");
  }
}
