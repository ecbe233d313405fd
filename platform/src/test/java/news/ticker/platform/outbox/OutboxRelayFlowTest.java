package news.ticker.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.devstack.kafka.KafkaTopics;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.devstack.testing.KafkaTestClients;
import news.ticker.devstack.testing.PostgresResource;
import news.ticker.events.Topics.TopicSpec;
import news.ticker.platform.db.DatabaseLogin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay on a real PostgreSQL and Kafka, built the way CDI builds it: rows written to the outbox
 * reach their topic in order, and what Kafka acknowledged is deleted, or marked and kept when
 * published rows are kept for inspection.
 */
class OutboxRelayFlowTest {

  private static String servers;

  private OutboxRelay relay;

  @BeforeAll
  static void broker() {
    servers = new KafkaResource().start().get("kafka.bootstrap.servers");
  }

  @AfterEach
  void stopRelay() {
    if (relay != null) {
      relay.stop(null);
    }
  }

  @Test
  void byDefaultWhatKafkaAcknowledgedIsDeletedAndArrivesInOrder() throws Exception {
    Map<String, String> database = database("platform_relay_delete");
    String topic = topic();
    String stream = UUID.randomUUID().toString();
    insert(database, topic, stream, 5);

    relay = start(database, Duration.ZERO);

    assertThat(consume(topic, 5))
        .containsExactly("{\"v\":1}", "{\"v\":2}", "{\"v\":3}", "{\"v\":4}", "{\"v\":5}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count(database, "stream_id = ?", stream) == 0);
    assertThat(relay.isLeader()).isTrue();

    // A row written while the relay runs is woken for, published and deleted as well.
    insert(database, topic, stream, 1);
    assertThat(consume(topic, 6)).last().isEqualTo("{\"v\":1}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count(database, "stream_id = ?", stream) == 0);
  }

  @Test
  void withARetentionThePublishedRowsAreMarkedAndKept() throws Exception {
    Map<String, String> database = database("platform_relay_keep");
    String topic = topic();
    String stream = UUID.randomUUID().toString();
    insert(database, topic, stream, 3);

    relay = start(database, Duration.ofHours(1));

    assertThat(consume(topic, 3)).containsExactly("{\"v\":1}", "{\"v\":2}", "{\"v\":3}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count(database, "stream_id = ? and published_at is not null", stream) == 3);
    assertThat(count(database, "stream_id = ?", stream)).isEqualTo(3);
  }

  private static String topic() {
    String topic = "ticker.test.outbox-" + UUID.randomUUID();
    KafkaTopics.ensure(
        servers, List.of(new TopicSpec(topic, 1, false, -1)), Duration.ofSeconds(60));
    return topic;
  }

  /** A database of its own with the platform's tables, and an empty outbox. */
  private static Map<String, String> database(String name) throws SQLException, IOException {
    PostgresResource postgres = new PostgresResource();
    postgres.init(Map.of(PostgresResource.DATABASE, name));
    Map<String, String> database = postgres.start();
    String schema;
    try (InputStream in =
        OutboxRelayFlowTest.class.getClassLoader().getResourceAsStream("db/platform/schema.sql")) {
      schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection conn = connect(database);
        Statement statement = conn.createStatement()) {
      statement.execute(schema);
      statement.execute("truncate ticker_outbox");
    }
    return database;
  }

  private static void insert(Map<String, String> database, String topic, String stream, int rows)
      throws SQLException {
    try (Connection conn = connect(database);
        PreparedStatement insert =
            conn.prepareStatement(
                "insert into ticker_outbox (event_id, topic, message_key, headers, payload,"
                    + " stream_id, stream_version) values (?, ?, ?, '{\"ce_type\":\"test\"}', ?, ?, ?)")) {
      for (int i = 1; i <= rows; i++) {
        insert.setObject(1, UUID.randomUUID());
        insert.setString(2, topic);
        insert.setString(3, stream);
        insert.setString(4, "{\"v\":" + i + "}");
        insert.setString(5, stream);
        insert.setLong(6, i);
        insert.addBatch();
      }
      insert.executeBatch();
      try (Statement notify = conn.createStatement()) {
        notify.execute("notify " + Outbox.CHANNEL);
      }
    }
  }

  private static OutboxRelay start(Map<String, String> database, Duration retention) {
    OutboxRelay relay = new OutboxRelay();
    relay.config = new Settings(retention);
    relay.registry = new SimpleMeterRegistry();
    relay.kafkaConfig = Map.of("bootstrap.servers", servers);
    relay.jdbcUrl = database.get("quarkus.datasource.jdbc.url");
    relay.login =
        new DatabaseLogin() {
          @Override
          public String username() {
            return database.get("quarkus.datasource.username");
          }

          @Override
          public String password() {
            return database.getOrDefault("quarkus.datasource.password", "");
          }
        };
    relay.applicationName = "platform-test";
    relay.start(null);
    return relay;
  }

  private static List<String> consume(String topic, int expected) {
    return KafkaTestClients.readAll(servers, topic, expected);
  }

  private static long count(Map<String, String> database, String where, String stream)
      throws SQLException {
    try (Connection conn = connect(database);
        PreparedStatement count =
            conn.prepareStatement("select count(*) from ticker_outbox where " + where)) {
      count.setString(1, stream);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Connection connect(Map<String, String> database) throws SQLException {
    return DriverManager.getConnection(
        database.get("quarkus.datasource.jdbc.url"),
        database.get("quarkus.datasource.username"),
        database.getOrDefault("quarkus.datasource.password", ""));
  }

  /** The relay's settings: the defaults, with the retention under test and quick retries. */
  private record Settings(Duration publishedRetention) implements OutboxConfig {

    @Override
    public boolean relayEnabled() {
      return true;
    }

    @Override
    public Duration sweepInterval() {
      return Duration.ofMillis(200);
    }

    @Override
    public int batchSize() {
      return 500;
    }

    @Override
    public Duration retryBackoff() {
      return Duration.ofMillis(200);
    }

    @Override
    public Duration standbyInterval() {
      return Duration.ofMillis(200);
    }

    @Override
    public Duration idempotencyRetention() {
      return Duration.ofDays(2);
    }

    @Override
    public Duration maxPendingAge() {
      return Duration.ofSeconds(30);
    }
  }
}
