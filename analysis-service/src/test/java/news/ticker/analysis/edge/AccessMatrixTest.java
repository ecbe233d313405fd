package news.ticker.analysis.edge;

import static news.ticker.devstack.testing.HttpChecks.Access.needs;
import static news.ticker.devstack.testing.HttpChecks.isProblem;
import static news.ticker.devstack.testing.HttpChecks.securityHeaderFailures;
import static news.ticker.devstack.testing.HttpChecks.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.testing.HttpChecks;
import news.ticker.devstack.testing.HttpChecks.Access;
import news.ticker.devstack.testing.HttpChecks.Endpoint;
import news.ticker.devstack.testing.JwtResource;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.PostgresResource;
import news.ticker.devstack.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of analysis against every kind of caller, and the platform's HTTP edge (security
 * headers, CORS) as analysis answers it. The matrix must name every operation of {@code
 * /q/openapi}: a new endpoint fails this test until it is added here.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, parallel = true)
@WithTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = PostgresResource.DATABASE, value = "analysis"),
    parallel = true)
@WithTestResource(JwtResource.class)
class AccessMatrixTest {

  private static final Access WRITER = needs("analyst", "reporter");
  private static final Access EDITOR = needs("editor", "analyst");

  @Test
  void everyEndpointRefusesWhoMayNotCallItAndServesWhoMay() {
    String analysis = "/api/v1/analyses/" + UUID.randomUUID();
    List<Endpoint> matrix =
        List.of(
            Endpoint.of("POST", "/api/v1/analyses", "/api/v1/analyses", WRITER)
                .withBody("application/json", "{}"),
            Endpoint.of("PUT", "/api/v1/analyses/{analysisId}", analysis, WRITER)
                .withBody("application/json", "{}"),
            Endpoint.of(
                "POST", "/api/v1/analyses/{analysisId}/publish", analysis + "/publish", EDITOR),
            Endpoint.of(
                "POST", "/api/v1/analyses/{analysisId}/unpublish", analysis + "/unpublish", EDITOR),
            Endpoint.of(
                    "POST",
                    "/api/v1/analyses/{analysisId}/redact",
                    analysis + "/redact",
                    needs("admin", "editor"))
                .withBody("application/json", "{}"),
            Endpoint.of("GET", "/api/v1/analyses/{analysisId}", analysis, Access.PUBLIC),
            Endpoint.of(
                "GET", "/api/v1/analyses/{analysisId}/revisions", analysis + "/revisions", WRITER),
            Endpoint.of(
                "GET",
                "/api/v1/stories/{storyId}/analyses",
                "/api/v1/stories/" + UUID.randomUUID() + "/analyses",
                Access.PUBLIC));

    assertThat(HttpChecks.accessFailures(base(), matrix)).isEmpty();
  }

  @Test
  void everyResponseCarriesTheSecurityHeadersAndWritesNeedTheNewsroomOrigin() {
    List<String> failures = new ArrayList<>();
    String read = "/api/v1/stories/" + UUID.randomUUID() + "/analyses";
    HttpResponse<String> publicRead =
        send(base(), "GET", read, Map.of("Origin", "https://x.example"), null);
    assertThat(publicRead.statusCode()).isEqualTo(404); // an unknown story, still a public read
    assertThat(publicRead.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    failures.addAll(securityHeaderFailures(publicRead, false));

    Map<String, String> analyst =
        Map.of("Authorization", TestTokens.bearer("analyst"), "Content-Type", "application/json");
    HttpResponse<String> invalid = send(base(), "POST", "/api/v1/analyses", analyst, "{\"x\":");
    assertThat(invalid.statusCode()).isEqualTo(400);
    failures.addAll(securityHeaderFailures(invalid, true));
    failures.addAll(
        securityHeaderFailures(send(base(), "GET", "/q/health/live", Map.of(), null), false));
    assertThat(failures).isEmpty();

    Map<String, String> elsewhere = new java.util.HashMap<>(analyst);
    elsewhere.put("Origin", "https://x.example");
    HttpResponse<String> refused = send(base(), "POST", "/api/v1/analyses", elsewhere, "{}");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(isProblem(refused)).isTrue();

    HttpResponse<String> preflight =
        send(
            base(),
            "OPTIONS",
            "/api/v1/analyses",
            Map.of("Origin", "https://newsroom.test", "Access-Control-Request-Method", "POST"),
            null);
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://newsroom.test");
  }

  static URI base() {
    return URI.create("http://localhost:" + RestAssured.port + "/");
  }
}
