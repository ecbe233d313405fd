package news.ticker.timeline.edge;

import static news.ticker.devstack.testing.HttpChecks.Access.needs;
import static news.ticker.devstack.testing.HttpChecks.securityHeaderFailures;
import static news.ticker.devstack.testing.HttpChecks.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.testing.HttpChecks;
import news.ticker.devstack.testing.HttpChecks.Access;
import news.ticker.devstack.testing.HttpChecks.Endpoint;
import news.ticker.devstack.testing.TestTokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of timeline against every kind of caller: reads are public, admin operations need
 * {@code admin} (an editor is refused). The matrix must name every operation of {@code /q/openapi}:
 * a new endpoint fails this test until it is added here.
 */
@QuarkusTest
class AccessMatrixTest {

  private static final Access ADMIN = needs("admin", "editor");

  @Test
  void everyEndpointRefusesWhoMayNotCallItAndServesWhoMay() {
    String story = "/api/v1/stories/" + UUID.randomUUID();
    String admin = "/api/v1/admin";
    List<Endpoint> matrix =
        List.of(
            Endpoint.of("GET", "/api/v1/stories", "/api/v1/stories", Access.PUBLIC),
            Endpoint.of("GET", "/api/v1/stories/{storyId}", story, Access.PUBLIC),
            Endpoint.of(
                "GET", "/api/v1/stories/{storyId}/updates", story + "/updates", Access.PUBLIC),
            Endpoint.of(
                "GET",
                "/api/v1/stories/{storyId}/updates/{updateId}",
                story + "/updates/" + UUID.randomUUID(),
                Access.PUBLIC),
            Endpoint.of(
                "GET", "/api/v1/stories/{storyId}/changes", story + "/changes", Access.PUBLIC),
            Endpoint.of(
                "GET", "/api/v1/stories/{storyId}/stream", story + "/stream", Access.PUBLIC),
            Endpoint.of(
                "POST",
                admin + "/stories/{storyId}/{operation}",
                admin + "/stories/" + UUID.randomUUID() + "/gap:retry",
                ADMIN),
            Endpoint.of(
                "GET",
                admin + "/stories/{storyId}/projection",
                admin + "/stories/" + UUID.randomUUID() + "/projection",
                ADMIN),
            Endpoint.of("POST", admin + "/rebuilds", admin + "/rebuilds", ADMIN)
                .then(AccessMatrixTest::awaitRebuildDone),
            Endpoint.of(
                "GET", admin + "/rebuilds/{id}", admin + "/rebuilds/" + UUID.randomUUID(), ADMIN),
            Endpoint.of(
                "POST",
                admin + "/rebuilds/{id}/cancel",
                admin + "/rebuilds/" + UUID.randomUUID() + "/cancel",
                ADMIN));

    assertThat(HttpChecks.accessFailures(base(), matrix)).isEmpty();
  }

  @Test
  void everyResponseCarriesTheSecurityHeadersAndReadsAreOpenToEveryOrigin() {
    List<String> failures = new ArrayList<>();
    HttpResponse<String> list =
        send(base(), "GET", "/api/v1/stories", Map.of("Origin", "https://reader.example"), null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    failures.addAll(securityHeaderFailures(list, false));
    HttpResponse<String> unknown =
        send(base(), "GET", "/api/v1/stories/" + UUID.randomUUID() + "/stream", Map.of(), null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    failures.addAll(securityHeaderFailures(unknown, false));
    HttpResponse<String> forbidden =
        send(
            base(),
            "POST",
            "/api/v1/admin/rebuilds",
            Map.of("Authorization", TestTokens.bearer("editor")),
            null);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    failures.addAll(securityHeaderFailures(forbidden, true));
    failures.addAll(
        securityHeaderFailures(send(base(), "GET", "/q/openapi", Map.of(), null), false));
    assertThat(failures).isEmpty();

    HttpResponse<String> preflight =
        send(
            base(),
            "OPTIONS",
            "/api/v1/stories",
            Map.of("Origin", "https://reader.example", "Access-Control-Request-Method", "GET"),
            null);
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
  }

  /** The rebuild the admin started must end before other tests read the timeline. */
  private static void awaitRebuildDone(HttpResponse<String> accepted) {
    String location = accepted.headers().firstValue("Location").orElseThrow();
    Map<String, String> admin = Map.of("Authorization", TestTokens.bearer("admin"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              String body = send(base(), "GET", URI.create(location).getPath(), admin, null).body();
              return !body.contains("\"running\"");
            });
  }

  static URI base() {
    return URI.create("http://localhost:" + RestAssured.port + "/");
  }
}
