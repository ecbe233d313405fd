package news.ticker.ingest.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import java.util.UUID;
import news.ticker.devstack.testing.TestTokens;
import news.ticker.platform.security.CachingJwtParser;
import org.junit.jupiter.api.Test;

/**
 * The bearer-token check goes through the platform's cache of verified tokens, and the cache never
 * lets through a token that was not itself verified: only the exact string that passed is found
 * again.
 */
@QuarkusTest
class TokenCacheTest {

  private static int closeAs(String bearer) {
    return given()
        .header("Authorization", bearer)
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/stories/" + UUID.randomUUID() + "/close")
        .statusCode();
  }

  @Test
  void theParserInUseIsTheCachingOne() {
    JWTParser parser = Arc.container().instance(JWTParser.class).get();
    assertThat(ClientProxy.unwrap(parser)).isInstanceOf(CachingJwtParser.class);
  }

  @Test
  void aCachedTokenWithAnotherSignatureIsRefused() {
    String token = TestTokens.token("editor");
    assertThat(closeAs("Bearer " + token)).isNotEqualTo(401);
    assertThat(closeAs("Bearer " + token)).isNotEqualTo(401);

    int dot = token.lastIndexOf('.');
    String signature = token.substring(dot + 1);
    char swapped = signature.charAt(0) == 'A' ? 'B' : 'A';
    String forged = token.substring(0, dot + 1) + swapped + signature.substring(1);
    assertThat(closeAs("Bearer " + forged)).isEqualTo(401);
    assertThat(closeAs("Bearer " + TestTokens.signedByOtherKey("editor"))).isEqualTo(401);
  }
}
