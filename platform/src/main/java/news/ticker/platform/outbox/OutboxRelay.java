package news.ticker.platform.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import news.ticker.events.EventCodec;
import news.ticker.platform.db.DatabaseLogin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Publishes outbox rows to Kafka. Every replica runs one, but only the holder of a PostgreSQL
 * advisory lock publishes; when it dies its session ends, the lock is released and a standby takes
 * over. Rows go out in id order (which is per-stream order, because a stream's next version can
 * only be written after its previous one committed) with {@code acks=all} and an idempotent
 * producer, right after each commit (LISTEN/NOTIFY) and by sweeping. A row is settled only after
 * Kafka acknowledged it; a crash in between republishes it with the same {@code ce_id}, and
 * consumers dedupe by stream version.
 *
 * <p>Settling deletes the row by default: Kafka and the service's own tables are the record, and a
 * delete writes a few bytes of WAL where a published mark wrote a new copy of the row with its
 * payload and two index entries. With {@link OutboxConfig#publishedRetention()} above zero, rows
 * are marked instead and kept that long for inspection.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  /** The advisory lock key: one relay per database. */
  static final long LOCK_KEY = 0x7469636b65724fL; // "tickerO"

  @Inject OutboxConfig config;
  @Inject MeterRegistry registry;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @Inject DatabaseLogin login;

  @ConfigProperty(name = "quarkus.application.name", defaultValue = "ticker")
  String applicationName;

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean leader = new AtomicBoolean();
  private volatile Thread thread;
  private volatile Connection connection;
  private Counter published;
  private Counter failures;
  private Instant nextHousekeeping = Instant.EPOCH;

  void start(@Observes @Priority(200) StartupEvent event) {
    published = registry.counter("ticker.outbox.published");
    failures = registry.counter("ticker.outbox.publish.failures");
    registry.gauge("ticker.outbox.leader", leader, b -> b.get() ? 1 : 0);
    if (!config.relayEnabled()) {
      LOG.warn("outbox relay disabled by configuration: events stay in the outbox");
      return;
    }
    running.set(true);
    thread = new Thread(this::run, "outbox-relay");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running.set(false);
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether this replica currently holds the relay lock. */
  public boolean isLeader() {
    return leader.get();
  }

  private void run() {
    KafkaProducer<String, String> producer = createProducer();
    try {
      while (running.get()) {
        try (Connection conn = connect()) {
          connection = conn;
          if (!tryLock(conn)) {
            pause(config.standbyInterval());
            continue;
          }
          leader.set(true);
          LOG.infof("%s holds the outbox relay lock", applicationName);
          try (Statement listen = conn.createStatement()) {
            listen.execute("listen " + Outbox.CHANNEL);
          }
          PGConnection pg = conn.unwrap(PGConnection.class);
          while (running.get()) {
            int count = publishBatch(conn, producer);
            housekeeping(conn);
            if (count < config.batchSize()) {
              awaitNotification(pg);
            }
          }
        } catch (SQLException e) {
          if (running.get()) {
            LOG.warnf("outbox relay lost its database connection: %s", e.getMessage());
            pause(config.retryBackoff());
          }
        } catch (RuntimeException e) {
          if (running.get()) {
            LOG.error("outbox relay failed; restarting it", e);
            pause(config.retryBackoff());
          }
        } finally {
          leader.set(false);
          connection = null;
        }
      }
    } finally {
      // stop() interrupts this thread to wake it up; closing the producer with the interrupt flag
      // still set would throw InterruptException out of the thread instead of closing it.
      Thread.interrupted();
      producer.close(Duration.ofSeconds(5));
    }
  }

  private int publishBatch(Connection conn, KafkaProducer<String, String> producer)
      throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement select =
        conn.prepareStatement(
            "select id, topic, message_key, headers, payload, stream_id from ticker_outbox"
                + " where published_at is null order by id limit ?")) {
      select.setInt(1, config.batchSize());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Row(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6)));
        }
      }
    }
    if (rows.isEmpty()) {
      return 0;
    }
    List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
    List<Long> acknowledged = new ArrayList<>(rows.size());
    Set<String> blockedStreams = new HashSet<>();
    try {
      for (Row row : rows) {
        sends.add(producer.send(row.toRecord()));
      }
      producer.flush();
    } catch (RuntimeException e) {
      // A send can fail synchronously (no metadata while Kafka is down); what was sent is checked
      // below.
      LOG.debugf("outbox send failed: %s", e.getMessage());
    }
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      boolean ok = false;
      if (i < sends.size() && !blockedStreams.contains(row.streamId)) {
        try {
          sends.get(i).get();
          ok = true;
        } catch (ExecutionException e) {
          LOG.debugf("outbox row %d not acknowledged: %s", row.id, e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        }
      }
      if (ok) {
        acknowledged.add(row.id);
      } else {
        // Never settle a later row of a stream before an earlier one: keep per-stream order.
        blockedStreams.add(row.streamId);
      }
    }
    settle(conn, acknowledged);
    published.increment(acknowledged.size());
    if (acknowledged.size() < rows.size()) {
      failures.increment(rows.size() - acknowledged.size());
      LOG.warnf(
          "Kafka acknowledged %d of %d outbox rows; retrying in %s",
          acknowledged.size(), rows.size(), config.retryBackoff());
      pause(config.retryBackoff());
      return 0;
    }
    return rows.size();
  }

  /** Deletes or marks the rows that Kafka acknowledged, as {@link #settleStatement} says. */
  private void settle(Connection conn, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement settle = conn.prepareStatement(settleStatement())) {
      Array array = conn.createArrayOf("bigint", ids.toArray());
      settle.setArray(1, array);
      settle.executeUpdate();
    }
  }

  /**
   * The statement that settles acknowledged rows: a delete, or a published mark when published rows
   * are kept for inspection.
   */
  private String settleStatement() {
    return config.publishedRetention().isZero()
        ? "delete from ticker_outbox where id = any(?)"
        : "update ticker_outbox set published_at = now() where id = any(?)";
  }

  private void housekeeping(Connection conn) throws SQLException {
    Instant now = Instant.now();
    if (now.isBefore(nextHousekeeping)) {
      return;
    }
    nextHousekeeping = now.plus(Duration.ofMinutes(5));
    try (PreparedStatement outbox =
            conn.prepareStatement(
                "delete from ticker_outbox where published_at < now() - make_interval(secs => ?)");
        PreparedStatement keys =
            conn.prepareStatement(
                "delete from ticker_idempotency where created_at < now() - make_interval(secs => ?)")) {
      outbox.setDouble(1, config.publishedRetention().toSeconds());
      keys.setDouble(1, config.idempotencyRetention().toSeconds());
      int rows = outbox.executeUpdate();
      int idempotency = keys.executeUpdate();
      if (rows + idempotency > 0) {
        LOG.debugf(
            "housekeeping removed %d outbox rows and %d idempotency keys", rows, idempotency);
      }
    }
  }

  private void awaitNotification(PGConnection pg) throws SQLException {
    PGNotification[] notifications =
        pg.getNotifications((int) Math.max(1, config.sweepInterval().toMillis()));
    if (notifications != null && notifications.length > 0) {
      LOG.tracef("woken by %d commit notifications", notifications.length);
    }
  }

  private boolean tryLock(Connection conn) throws SQLException {
    try (PreparedStatement lock = conn.prepareStatement("select pg_try_advisory_lock(?)")) {
      lock.setLong(1, LOCK_KEY);
      try (ResultSet rs = lock.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private Connection connect() throws SQLException {
    // A connection of its own, outside the pool: it holds the session-level lock for as long as it
    // lives.
    Connection conn =
        DriverManager.getConnection(
            jdbcUrl, connectionProperties(login.username(), login.password(), applicationName));
    conn.setAutoCommit(true);
    return conn;
  }

  /**
   * The relay's own connection. Its commits (the settled rows, housekeeping) do not wait for the
   * WAL flush ({@code synchronous_commit=off}): a delete or mark that a database crash loses only
   * publishes its rows again, and every consumer drops a duplicate by its version, as it already
   * must after a relay crash between the send and the mark (or the delete). The writes that made
   * the rows wait for the flush on their own connections. Without this, each batch of the relay
   * waited for an fsync of its own.
   */
  static Properties connectionProperties(String user, String password, String applicationName) {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (!password.isEmpty()) {
      props.setProperty("password", password);
    }
    props.setProperty("ApplicationName", applicationName + "-outbox-relay");
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("socketTimeout", "30");
    props.setProperty("options", "-c synchronous_commit=off");
    return props;
  }

  private KafkaProducer<String, String> createProducer() {
    Map<String, Object> props = new HashMap<>(kafkaConfig);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox-relay");
    props.remove("group.id");
    props.keySet().removeIf(k -> k.startsWith("consumer.") || k.startsWith("admin."));
    return new KafkaProducer<>(props);
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  private record Row(
      long id, String topic, String key, String headers, String payload, String streamId) {

    ProducerRecord<String, String> toRecord() {
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
      try {
        Map<String, String> map = EventCodec.MAPPER.readValue(headers, HEADERS);
        map.forEach(
            (name, value) ->
                record
                    .headers()
                    .add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("outbox row " + id + " has unreadable headers", e);
      }
      return record;
    }
  }
}
