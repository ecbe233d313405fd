package news.ticker.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import news.ticker.devstack.kafka.KafkaProcess;
import news.ticker.devstack.process.ProcessControl;
import news.ticker.devstack.testing.KafkaTestClients;
import news.ticker.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What system tests do with a stack: wire services, crash the broker, bring it back. */
class DevStackTest {

  @TempDir Path directory;

  @Test
  void wiresServicesAndBringsAKilledBrokerBackOnTheSamePortWithItsRecords() throws Exception {
    try (DevStack stack = DevStack.builder().workDir(directory).start()) {
      assertServiceEnvironment(stack);
      String servers = stack.bootstrapServers();
      KafkaProcess kafka = (KafkaProcess) stack.kafka();
      KafkaTestClients.produce(servers, Topics.ANALYSIS_EVENTS, "analysis-1", "drafted");
      long pid = kafka.pid();

      kafka.kill(); // SIGKILL: the .lock stays in the log directory, the session is not closed
      assertThat(ProcessControl.isAlive(pid)).isFalse();
      assertThat(directory.resolve("kafka/.lock")).exists();
      kafka.start();

      assertThat(kafka.pid()).isNotEqualTo(pid);
      assertThat(stack.bootstrapServers()).isEqualTo(servers);
      assertThat(KafkaTestClients.readAll(servers, Topics.ANALYSIS_EVENTS, 1))
          .containsExactly("drafted");
      assertThat(Files.readString(stack.logDir().resolve("kafka.log"))).contains("Kafka ready");
    }
  }

  private void assertServiceEnvironment(DevStack stack) throws Exception {
    Map<String, String> env = stack.serviceEnv("timeline", 18082);
    int pg = stack.postgres().port();

    assertThat(env)
        .containsEntry("QUARKUS_HTTP_PORT", "18082")
        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers())
        .containsEntry(
            "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + pg + "/timeline")
        .containsEntry(
            "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + pg + "/timeline")
        .containsEntry("QUARKUS_DATASOURCE_USERNAME", "ticker")
        .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "ticker")
        .containsEntry(
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", directory.resolve("keys/public.pem").toString())
        .containsEntry("MP_JWT_VERIFY_ISSUER", "urn:ticker:devstack");
    try (Connection connection = stack.postgres().connect("timeline");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT current_database(), current_user")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("timeline");
      assertThat(rows.getString(2)).isEqualTo("ticker");
    }
    assertThat(stack.bearer("editor")).startsWith("Bearer ey");
  }
}
