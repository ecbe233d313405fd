package news.ticker.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import news.ticker.devstack.testing.PostgresResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay's own connection, opened on a real PostgreSQL with the properties the relay uses: its
 * commits do not wait for the WAL flush, while another connection keeps the server's default.
 */
class RelayConnectionTest {

  private static Map<String, String> database;

  @BeforeAll
  static void start() {
    PostgresResource postgres = new PostgresResource();
    postgres.init(Map.of(PostgresResource.DATABASE, "platform_relay"));
    database = postgres.start();
  }

  @Test
  void theRelaysCommitsDoNotWaitForTheFlushAndItNamesItself() throws SQLException {
    try (Connection relay =
        DriverManager.getConnection(
            database.get("quarkus.datasource.jdbc.url"),
            OutboxRelay.connectionProperties(
                database.get("quarkus.datasource.username"),
                database.get("quarkus.datasource.password"),
                "ingest"))) {
      assertThat(setting(relay, "synchronous_commit")).isEqualTo("off");
      assertThat(setting(relay, "application_name")).isEqualTo("ingest-outbox-relay");
    }
  }

  @Test
  void otherConnectionsKeepTheDurableDefault() throws SQLException {
    try (Connection other =
        DriverManager.getConnection(
            database.get("quarkus.datasource.jdbc.url"),
            database.get("quarkus.datasource.username"),
            database.get("quarkus.datasource.password"))) {
      assertThat(setting(other, "synchronous_commit")).isEqualTo("on");
    }
  }

  private static String setting(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select current_setting('" + name + "')")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
