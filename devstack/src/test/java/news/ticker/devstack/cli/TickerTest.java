package news.ticker.devstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import news.ticker.devstack.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that need no running stack; up and down are exercised by hand (DEVELOPERS.md). */
class TickerTest {

  @TempDir Path root;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Ticker.run(
        args,
        root,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void tokenPrintsJustAJwtSignedByTheStackKey() throws Exception {
    assertThat(run(Map.of(), "token", "editor", "--ttl", "8h")).isZero();

    String token = out().trim();
    assertThat(token.split("\\.")).hasSize(3);
    JsonNode claims =
        new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    assertThat(claims.get("sub").asText()).isEqualTo("dev-editor");
    assertThat(claims.get("groups").get(0).asText()).isEqualTo("editor");
    assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(8 * 3600);
    assertThat(root.resolve(".devstack/keys/private.pem")).exists();
    assertThat(root.resolve(".devstack/keys/public.pem")).exists();
  }

  @Test
  void unknownRoleAndCommandAreUsageErrors() {
    assertThat(run(Map.of(), "token", "superuser")).isEqualTo(2);
    assertThat(err())
        .contains("unknown role 'superuser'")
        .contains("admin, editor, reporter, analyst");
    assertThat(run(Map.of(), "launch")).isEqualTo(2);
    assertThat(run(Map.of("TICKER_PG_PORT", "post"), "status")).isEqualTo(2);
    assertThat(err()).contains("TICKER_PG_PORT must be a TCP port");
  }

  @Test
  void statusOfAStoppedStackAsTableAndJson() throws Exception {
    assertThat(run(Map.of("TICKER_KAFKA_PORT", "19999"), "status")).isZero();
    assertThat(out())
        .contains("NAME", "PID", "PORT", "READY", "LOG")
        .contains("kafka     -        19999  no");

    out.reset();
    assertThat(run(Map.of(), "status", "--json")).isZero();
    JsonNode rows = new ObjectMapper().readTree(out());
    assertThat(rows).hasSize(5);
    assertThat(rows.get(0).get("name").asText()).isEqualTo("postgres");
    assertThat(rows.get(0).get("pid").isNull()).isTrue();
    assertThat(rows.get(0).get("port").asInt()).isEqualTo(5432);
    assertThat(rows.get(0).get("ready").asBoolean()).isFalse();
    assertThat(rows.get(4).get("log").asText())
        .isEqualTo(root.resolve(".devstack/logs/analysis.log").toString());
  }

  @Test
  void upRefusesATakenPortNamingPortComponentAndVariable() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      int port = taken.getLocalPort();
      int[] free = {Ports.freePort(), Ports.freePort()};

      int exit =
          run(
              Map.of(
                  "TICKER_KAFKA_PORT", Integer.toString(port),
                  "TICKER_PG_PORT", Integer.toString(free[0])),
              "up",
              "-d");

      assertThat(exit).isEqualTo(1);
      assertThat(err())
          .contains("port " + port + " for kafka is already in use")
          .contains("TICKER_KAFKA_PORT");
      assertThat(Files.exists(root.resolve(".devstack/pids/postgres.pid"))).isFalse();
    }
  }

  @Test
  void durationsOfTokens() {
    assertThat(Ticker.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Ticker.parseDuration("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Ticker.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
  }
}
