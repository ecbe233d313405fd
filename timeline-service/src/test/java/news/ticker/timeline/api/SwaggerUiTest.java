package news.ticker.timeline.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Swagger UI loads at {@code /q/swagger-ui} under a policy of its own ({@link SwaggerUiPolicy}):
 * its page, its scripts and the document it shows are served, every inline script of the page is
 * allowed by its hash, and nothing else of the service loses the edge's {@code default-src 'none'}.
 */
@QuarkusTest
class SwaggerUiTest {

  private static final String STRICT = "default-src 'none'";
  private static final Pattern INLINE_SCRIPT =
      Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", Pattern.DOTALL);

  @Test
  void theUiLoadsUnderItsOwnPolicyWhichAllowsEveryInlineScriptOfItsPage() {
    Response page = given().redirects().follow(true).get(SwaggerUiPolicy.PATH + "/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    String policy = page.header("Content-Security-Policy");
    assertThat(policy).isEqualTo(SwaggerUiPolicy.CONTENT_SECURITY_POLICY);
    assertThat(policy).startsWith(STRICT).contains("script-src 'self' 'sha256-");
    assertThat(policy).doesNotContain("'unsafe-eval'").doesNotContain("script-src 'self' 'unsafe");
    assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");

    String html = page.asString();
    assertThat(html).contains("/q/openapi").contains("swagger-ui-bundle.js");
    List<String> hashes = new ArrayList<>();
    Matcher scripts = INLINE_SCRIPT.matcher(html);
    while (scripts.find()) {
      hashes.add("'sha256-" + sha256(scripts.group(1)) + "'");
    }
    assertThat(hashes)
        .as(
            "the hashes of the page's inline scripts; if Swagger UI's settings or Quarkus"
                + " changed, put these in SwaggerUiPolicy.INLINE_SCRIPTS")
        .isNotEmpty()
        .containsExactlyInAnyOrder(SwaggerUiPolicy.INLINE_SCRIPTS);
  }

  @Test
  void theUiSubresourcesCarryItsPolicyToo() {
    for (String asset : List.of("swagger-ui-bundle.js", "swagger-ui.css")) {
      Response response = given().get(SwaggerUiPolicy.PATH + "/" + asset);
      assertThat(response.statusCode()).as(asset).isEqualTo(200);
      assertThat(response.header("Content-Security-Policy"))
          .as(asset)
          .isEqualTo(SwaggerUiPolicy.CONTENT_SECURITY_POLICY);
    }
  }

  @Test
  void theApiTheDocumentAndItsErrorsKeepTheStrictPolicy() {
    List<Response> responses =
        List.of(
            given().get("/q/openapi"),
            given().get("/api/v1/stories"),
            given().get("/api/v1/stories/" + UUID.randomUUID()),
            given().get("/q/swagger-ui-not-this"),
            given().get("/q/health/live"));
    for (Response response : responses) {
      assertThat(response.header("Content-Security-Policy"))
          .as("status %d", response.statusCode())
          .startsWith(STRICT)
          .doesNotContain("script-src");
    }
    assertThat(responses.get(0).statusCode()).isEqualTo(200);
    assertThat(responses.get(2).statusCode()).isEqualTo(404);
  }

  private static String sha256(String script) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
