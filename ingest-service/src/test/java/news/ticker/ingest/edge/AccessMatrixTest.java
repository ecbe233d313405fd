package news.ticker.ingest.edge;

import static news.ticker.devstack.testing.HttpChecks.Access.needs;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import news.ticker.devstack.testing.HttpChecks;
import news.ticker.devstack.testing.HttpChecks.Access;
import news.ticker.devstack.testing.HttpChecks.Endpoint;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of ingest against every kind of caller: no token, expired, signed by another key,
 * another issuer, a malformed token, the wrong role and the right one. The matrix must name every
 * operation of {@code /q/openapi}: a new endpoint fails this test until it is added here.
 */
@QuarkusTest
class AccessMatrixTest {

  private static final String JSON = "application/json";
  private static final Access EDITOR = needs("editor", "reporter");
  private static final Access REPORTER = needs("reporter", "analyst");

  @Test
  void everyEndpointRefusesWhoMayNotCallItAndServesWhoMay() {
    String story = "/api/v1/stories/" + UUID.randomUUID();
    String update = story + "/updates/" + UUID.randomUUID();
    String article = "/api/v1/articles/" + UUID.randomUUID();
    List<Endpoint> matrix =
        List.of(
            json("POST", "/api/v1/stories", "/api/v1/stories", EDITOR),
            json("PATCH", "/api/v1/stories/{storyId}", story, EDITOR),
            json("POST", "/api/v1/stories/{storyId}/close", story + "/close", EDITOR),
            json("POST", "/api/v1/stories/{storyId}/updates", story + "/updates", REPORTER),
            json("PUT", "/api/v1/stories/{storyId}/updates/{updateId}", update, REPORTER),
            json("DELETE", "/api/v1/stories/{storyId}/updates/{updateId}", update, EDITOR),
            json(
                "POST",
                "/api/v1/stories/{storyId}/updates/{updateId}/redact",
                update + "/redact",
                needs("admin", "editor")),
            bare(
                "PUT", "/api/v1/stories/{storyId}/updates/{updateId}/pin", update + "/pin", EDITOR),
            bare(
                "DELETE",
                "/api/v1/stories/{storyId}/updates/{updateId}/pin",
                update + "/pin",
                EDITOR),
            bare(
                "PUT",
                "/api/v1/stories/{storyId}/updates/{updateId}/key-event",
                update + "/key-event",
                EDITOR),
            bare(
                "DELETE",
                "/api/v1/stories/{storyId}/updates/{updateId}/key-event",
                update + "/key-event",
                EDITOR),
            Endpoint.of(
                    "POST",
                    "/api/v1/stories/{storyId}/updates:import",
                    story + "/updates:import",
                    EDITOR)
                .withBody("application/x-ndjson", "{\"body\":\"<p>x</p>\"}\n"),
            json("POST", "/api/v1/articles", "/api/v1/articles", EDITOR),
            json("PATCH", "/api/v1/articles/{articleId}", article, EDITOR),
            bare(
                "PUT",
                "/api/v1/stories/{storyId}/related/{articleId}",
                story + "/related/" + UUID.randomUUID(),
                EDITOR),
            bare(
                "DELETE",
                "/api/v1/stories/{storyId}/related/{articleId}",
                story + "/related/" + UUID.randomUUID(),
                EDITOR));

    assertThat(HttpChecks.accessFailures(base(), matrix)).isEmpty();
  }

  private static Endpoint json(String method, String template, String path, Access access) {
    return Endpoint.of(method, template, path, access).withBody(JSON, "{}");
  }

  private static Endpoint bare(String method, String template, String path, Access access) {
    return Endpoint.of(method, template, path, access);
  }

  static URI base() {
    return URI.create("http://localhost:" + RestAssured.port + "/");
  }
}
