package news.ticker.devstack.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenMinterTest {

  private static final DevKeys KEYS = DevKeys.generate();
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TokenMinter minter =
      new TokenMinter(KEYS.privateKey(), DevKeys.ISSUER, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void mintsAnRs256TokenThatThePublicKeyVerifies() throws Exception {
    String token = minter.mint("test-editor", List.of("editor", "reporter"));

    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    assertThat(verifies(token, KEYS.publicKey())).isTrue();
    JsonNode header = decode(parts[0]);
    assertThat(header.get("alg").asText()).isEqualTo("RS256");
    assertThat(header.get("typ").asText()).isEqualTo("JWT");
  }

  @Test
  void carriesTheClaimsMicroProfileJwtReads() throws Exception {
    JsonNode claims = claims(minter.mint("test-editor", List.of("editor")));

    assertThat(claims.get("iss").asText()).isEqualTo("urn:ticker:devstack");
    assertThat(claims.get("sub").asText()).isEqualTo("test-editor");
    assertThat(claims.get("upn").asText()).isEqualTo("test-editor");
    assertThat(claims.get("groups")).hasSize(1);
    assertThat(claims.get("groups").get(0).asText()).isEqualTo("editor");
    assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(claims.get("exp").asLong())
        .isEqualTo(NOW.plus(Duration.ofHours(1)).getEpochSecond());
    assertThat(claims.get("jti").asText()).isNotBlank();
  }

  @Test
  void shapesExpiredAndForeignTokens() throws Exception {
    JsonNode expired =
        claims(
            minter
                .token()
                .subject("s")
                .issuedAt(NOW.minus(Duration.ofHours(2)))
                .expiresAt(NOW.minus(Duration.ofHours(1)))
                .sign());
    JsonNode foreign =
        claims(minter.token().subject("s").issuer("urn:other").ttl(Duration.ofMinutes(5)).sign());

    assertThat(expired.get("exp").asLong()).isLessThan(NOW.getEpochSecond());
    assertThat(foreign.get("iss").asText()).isEqualTo("urn:other");
    assertThat(foreign.get("exp").asLong() - foreign.get("iat").asLong()).isEqualTo(300);
  }

  @Test
  void anotherKeyDoesNotVerify() throws Exception {
    String token = minter.mint("test-admin", List.of("admin"));

    assertThat(verifies(token, DevKeys.generate().publicKey())).isFalse();
  }

  @Test
  void aTamperedPayloadDoesNotVerify() throws Exception {
    String[] parts = minter.mint("test-reporter", List.of("reporter")).split("\\.");
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("reporter", "admin")
                    .getBytes(StandardCharsets.UTF_8));

    assertThat(verifies(parts[0] + "." + forged + "." + parts[2], KEYS.publicKey())).isFalse();
  }

  static boolean verifies(String token, PublicKey key) throws Exception {
    int lastDot = token.lastIndexOf('.');
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(key);
    rsa.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
    return rsa.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
  }

  static JsonNode claims(String token) throws Exception {
    return decode(token.split("\\.")[1]);
  }

  private static JsonNode decode(String part) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(part));
  }
}
