package news.ticker.ingest.edge;

import static news.ticker.devstack.testing.HttpChecks.isProblem;
import static news.ticker.devstack.testing.HttpChecks.securityHeaderFailures;
import static news.ticker.devstack.testing.HttpChecks.send;
import static news.ticker.ingest.edge.AccessMatrixTest.base;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.testing.HttpChecks;
import news.ticker.devstack.testing.TestTokens;
import news.ticker.ingest.support.Database;
import news.ticker.ingest.support.Newsroom;
import org.junit.jupiter.api.Test;

/**
 * The platform's HTTP edge as ingest answers it: security headers on every response, CORS (reads
 * from anywhere, writes only from the newsroom's origins) and the body and header size limits.
 */
@QuarkusTest
class HttpEdgeTest {

  private static final String NEWSROOM = "https://newsroom.test";
  private static final String ELSEWHERE = "https://evil.example";
  private static final long MAX_BODY = 16L * 1024 * 1024;

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    String editor = TestTokens.bearer("editor");
    List<String> failures = new ArrayList<>();
    HttpResponse<String> created =
        send(base(), "POST", "/api/v1/stories", json(editor), story("kop-" + UUID.randomUUID()));
    assertThat(created.statusCode()).isEqualTo(201);
    failures.addAll(securityHeaderFailures(created, true));
    for (HttpResponse<String> error :
        List.of(
            send(base(), "POST", "/api/v1/stories", json(editor), "{\"title\":"),
            send(base(), "POST", "/api/v1/stories", json(null), "{}"),
            send(base(), "POST", "/api/v1/stories", json(TestTokens.bearer("reporter")), "{}"),
            send(base(), "GET", "/api/v1/nothing-here", Map.of(), null),
            send(base(), "PUT", "/api/v1/stories", json(editor), "{}"))) {
      assertThat(error.statusCode()).isBetween(400, 499);
      failures.addAll(securityHeaderFailures(error, true));
    }
    for (String path : List.of("/q/health/ready", "/q/openapi", "/q/metrics")) {
      HttpResponse<String> operations = send(base(), "GET", path, Map.of(), null);
      assertThat(operations.statusCode()).as(path).isEqualTo(200);
      failures.addAll(securityHeaderFailures(operations, false));
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void readsAreOpenToEveryOriginWritesOnlyToTheNewsroom() {
    HttpResponse<String> readPreflight =
        send(base(), "OPTIONS", "/q/health/ready", preflight(ELSEWHERE, "GET"), null);
    assertThat(readPreflight.statusCode()).isEqualTo(204);
    assertThat(readPreflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(readPreflight.headers().firstValue("Access-Control-Allow-Methods"))
        .hasValue("GET, HEAD");

    HttpResponse<String> read =
        send(base(), "GET", "/q/health/ready", Map.of("Origin", ELSEWHERE), null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");

    HttpResponse<String> writePreflight =
        send(base(), "OPTIONS", "/api/v1/stories", preflight(NEWSROOM, "POST"), null);
    assertThat(writePreflight.statusCode()).isEqualTo(204);
    assertThat(writePreflight.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue(NEWSROOM);
    assertThat(writePreflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("POST", "PATCH", "DELETE");
    assertThat(writePreflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .contains("Authorization", "Idempotency-Key", "If-Match", "Content-Type");
    assertThat(writePreflight.headers().firstValue("Vary").orElse("")).contains("Origin");

    HttpResponse<String> refusedPreflight =
        send(base(), "OPTIONS", "/api/v1/stories", preflight(ELSEWHERE, "POST"), null);
    assertThat(refusedPreflight.statusCode()).isEqualTo(403);
    assertThat(isProblem(refusedPreflight)).isTrue();
    assertThat(refusedPreflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    String slug = "cors-" + UUID.randomUUID();
    Map<String, String> fromElsewhere = withOrigin(json(TestTokens.bearer("editor")), ELSEWHERE);
    HttpResponse<String> refused =
        send(base(), "POST", "/api/v1/stories", fromElsewhere, story(slug));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(isProblem(refused)).isTrue();
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(Database.count("story_slugs", "slug = ?", slug)).isZero();

    Map<String, String> fromNewsroom = withOrigin(json(TestTokens.bearer("editor")), NEWSROOM);
    HttpResponse<String> accepted =
        send(base(), "POST", "/api/v1/stories", fromNewsroom, story(slug));
    assertThat(accepted.statusCode()).isEqualTo(201);
    assertThat(accepted.headers().firstValue("Access-Control-Allow-Origin")).hasValue(NEWSROOM);
    assertThat(accepted.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
        .contains("ETag", "Location");
    assertThat(Database.count("story_slugs", "slug = ?", slug)).isEqualTo(1);
  }

  @Test
  void aDeclaredBodyOverTheLimitIs413ProblemJson() {
    UUID storyId = Newsroom.openStory("Te grote body");
    String answer =
        HttpChecks.rawExchange(
            base(),
            "POST /api/v1/stories/"
                + storyId
                + "/updates HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + TestTokens.bearer("reporter")
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + (MAX_BODY + 1));
    assertThat(answer).startsWith("HTTP/1.1 413");
    assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
    assertThat(answer).contains("\"status\":413", "\"field\":\"body\"");
    assertThat(Database.version(storyId)).isEqualTo(1);
    assertServiceStillWrites(storyId);
  }

  /**
   * Without {@code Content-Length} only the body reader notices the size, and Quarkus' reader ends
   * the response with a bare 413 itself before any mapper runs: still refused, nothing stored.
   */
  @Test
  void aStreamedBodyOverTheLimitIs413AndStoresNothing() throws Exception {
    UUID storyId = Newsroom.openStory("Te grote stroom");
    byte[] huge = new byte[(int) MAX_BODY + 1024];
    java.util.Arrays.fill(huge, (byte) ' ');
    huge[0] = '{';
    HttpRequest request =
        HttpRequest.newBuilder(base().resolve("/api/v1/stories/" + storyId + "/updates"))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", TestTokens.bearer("reporter"))
            .header("Content-Type", "application/json")
            // No Content-Length: chunked, so only the reader can notice the size.
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
            .build();
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Database.version(storyId)).isEqualTo(1);
    assertServiceStillWrites(storyId);
  }

  @Test
  void headersOverTheLimitAre431() {
    String answer =
        HttpChecks.rawExchange(
            base(),
            "GET /q/health/ready HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(20_000));
    assertThat(answer).startsWith("HTTP/1.1 431");
    assertThat(send(base(), "GET", "/q/health/ready", Map.of(), null).statusCode()).isEqualTo(200);
  }

  private void assertServiceStillWrites(UUID storyId) {
    HttpResponse<String> valid =
        send(
            base(),
            "POST",
            "/api/v1/stories/" + storyId + "/updates",
            json(TestTokens.bearer("reporter")),
            "{\"body\":\"<p>Nog steeds</p>\"}");
    assertThat(valid.statusCode()).isEqualTo(201);
    assertThat(Database.version(storyId)).isEqualTo(2);
  }

  private static String story(String slug) {
    return "{\"title\":\"Live: CORS\",\"slug\":\"" + slug + "\"}";
  }

  private static Map<String, String> json(String authorization) {
    return authorization == null
        ? Map.of("Content-Type", "application/json")
        : Map.of("Content-Type", "application/json", "Authorization", authorization);
  }

  private static Map<String, String> withOrigin(Map<String, String> headers, String origin) {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("Origin", origin);
    return all;
  }

  private static Map<String, String> preflight(String origin, String method) {
    return Map.of(
        "Origin",
        origin,
        "Access-Control-Request-Method",
        method,
        "Access-Control-Request-Headers",
        "authorization, content-type");
  }
}
