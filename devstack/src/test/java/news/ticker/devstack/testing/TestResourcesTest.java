package news.ticker.devstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import news.ticker.devstack.jwt.Pem;
import news.ticker.devstack.postgres.PostgresDatabases;
import news.ticker.events.Topics;
import org.junit.jupiter.api.Test;

/**
 * The Quarkus test resources outside Quarkus: what they return and that it works. The backend is
 * whatever BackendChoice picks on this machine (embedded here: no Docker engine).
 */
class TestResourcesTest {

  @Test
  void kafkaResourceGivesOneBrokerPerJvmWithTheContractTopics() throws Exception {
    Map<String, String> first = new KafkaResource().start();
    Map<String, String> second = new KafkaResource().start();

    String servers = first.get("kafka.bootstrap.servers");
    assertThat(first).containsEntry("KAFKA_BOOTSTRAP_SERVERS", servers);
    assertThat(second).isEqualTo(first);
    KafkaTestClients.produce(servers, Topics.CONTENT_KEYS, "update-1", "key");
    assertThat(KafkaTestClients.readAll(servers, Topics.CONTENT_KEYS, 1)).containsExactly("key");
  }

  @Test
  void postgresResourceCreatesTheRequestedDatabase() throws Exception {
    PostgresResource resource = new PostgresResource();
    resource.init(Map.of(PostgresResource.DATABASE, "resource_test"));

    Map<String, String> config = resource.start();

    String jdbcUrl = config.get("quarkus.datasource.jdbc.url");
    assertThat(jdbcUrl).startsWith("jdbc:postgresql://").endsWith("/resource_test");
    assertThat(config.get("quarkus.datasource.reactive.url"))
        .isEqualTo(jdbcUrl.substring("jdbc:".length()));
    try (Connection connection =
            PostgresDatabases.connect(
                jdbcUrl,
                config.get("quarkus.datasource.username"),
                config.get("quarkus.datasource.password"));
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW fsync")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("on");
    }
    resource.start(); // a second test class asking for the same database is fine
  }

  @Test
  void postgresResourceWithoutDatabaseSaysWhatIsMissing() {
    PostgresResource resource = new PostgresResource();
    resource.init(Map.of());

    assertThatThrownBy(resource::start).hasMessageContaining("database");
  }

  @Test
  void jwtResourceAndTestTokensAgree() throws Exception {
    Map<String, String> config = new JwtResource().start();
    Path publicKey = Path.of(config.get("mp.jwt.verify.publickey.location"));

    assertThat(config).containsEntry("mp.jwt.verify.issuer", "urn:ticker:devstack");
    String header = TestTokens.bearer("editor", "reporter");
    assertThat(header).startsWith("Bearer ");
    String token = header.substring("Bearer ".length());
    assertThat(verifies(token, publicKey)).isTrue();
    JsonNode claims = claims(token);
    assertThat(claims.get("sub").asText()).isEqualTo("test-editor");
    assertThat(claims.get("groups").toString()).isEqualTo("[\"editor\",\"reporter\"]");
    assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
  }

  @Test
  void negativeTokensFailForTheirOwnReasonOnly() throws Exception {
    Path publicKey = Path.of(new JwtResource().start().get("mp.jwt.verify.publickey.location"));

    String expired = TestTokens.expired("admin").substring(7);
    assertThat(verifies(expired, publicKey)).isTrue();
    assertThat(claims(expired).get("exp").asLong()).isLessThan(Instant.now().getEpochSecond() - 60);

    String otherKey = TestTokens.signedByOtherKey("admin").substring(7);
    assertThat(verifies(otherKey, publicKey)).isFalse();
    assertThat(claims(otherKey).get("iss").asText()).isEqualTo("urn:ticker:devstack");

    String wrongIssuer = TestTokens.wrongIssuer("admin").substring(7);
    assertThat(verifies(wrongIssuer, publicKey)).isTrue();
    assertThat(claims(wrongIssuer).get("iss").asText()).isNotEqualTo("urn:ticker:devstack");
  }

  private static boolean verifies(String token, Path publicKeyFile) throws Exception {
    int lastDot = token.lastIndexOf('.');
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(Pem.decodePublicKey(Files.readString(publicKeyFile)));
    rsa.update(token.substring(0, lastDot).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return rsa.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
  }

  private static JsonNode claims(String token) throws Exception {
    return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
  }
}
