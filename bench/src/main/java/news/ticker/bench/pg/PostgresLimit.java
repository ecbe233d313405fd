package news.ticker.bench.pg;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import news.ticker.bench.measure.Latencies;
import org.postgresql.Driver;

/**
 * PostgreSQL's durable insert rate for the rows one accepted update write makes in ingest: the
 * event row, the content key, and two outbox rows (key and event), in one committed transaction
 * ({@code synchronous_commit} as the server has it, on in the dev stack). Runs in a scratch
 * database {@value #DATABASE} that it creates if needed, never in a service's database.
 */
public final class PostgresLimit {

  public static final String DATABASE = "bench";

  /** One write's rows: the event JSON and the content-key JSON it publishes. */
  public record WriteRows(UUID storyId, String eventType, String eventJson, String keyJson) {}

  /** What a run measured. */
  public record Outcome(
      long transactions,
      double seconds,
      Latencies commitLatencies,
      int connections,
      String synchronousCommit,
      String fsync,
      String serverVersion) {
    public double transactionsPerSecond() {
      return seconds > 0 ? transactions / seconds : 0;
    }
  }

  private final String host;
  private final int port;
  private final String user;
  private final String password;

  public PostgresLimit(String host, int port, String user, String password) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
  }

  private Connection connect(String database, String asUser, String asPassword)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", asUser);
    if (asPassword != null) {
      p.setProperty("password", asPassword);
    }
    p.setProperty("connectTimeout", "5");
    p.setProperty("ApplicationName", "ticker-bench");
    Connection c =
        new Driver().connect("jdbc:postgresql://" + host + ":" + port + "/" + database, p);
    if (c == null) {
      throw new SQLException("no connection");
    }
    return c;
  }

  /**
   * Creates the scratch database if missing: as the service role when it may, else as the superuser
   * {@code postgres} (the dev stack trusts local connections).
   */
  public void ensureDatabase() throws SQLException {
    try (Connection c = connect(DATABASE, user, password)) {
      return;
    } catch (SQLException e) {
      if (!"3D000".equals(e.getSQLState())) {
        throw e;
      }
    }
    List<String[]> attempts = new ArrayList<>();
    attempts.add(new String[] {user, password});
    attempts.add(new String[] {"postgres", password});
    attempts.add(new String[] {"postgres", "postgres"});
    SQLException last = null;
    for (String[] who : attempts) {
      try (Connection c = connect("postgres", who[0], who[1]);
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + DATABASE + " OWNER " + quoteIdentifier(user));
        return;
      } catch (SQLException e) {
        if ("42P04".equals(e.getSQLState())) {
          return; // created meanwhile
        }
        last = e;
      }
    }
    throw last;
  }

  private static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static final String SCHEMA =
      """
      drop table if exists bench_event_store, bench_content_keys, bench_outbox;
      create table bench_event_store (
        stream_id uuid not null, version bigint not null check (version > 0),
        stream_type text not null, event_id uuid not null unique, event_type text not null,
        data text not null, actor text not null, occurred_at timestamptz not null,
        recorded_at timestamptz not null default now(),
        primary key (stream_id, version));
      create table bench_content_keys (
        key_id uuid primary key, story_id uuid not null, key_bytes bytea,
        created_at timestamptz not null, destroyed_at timestamptz);
      create index bench_content_keys_story_id on bench_content_keys (story_id);
      create table bench_outbox (
        id bigserial primary key, event_id uuid not null, topic text not null,
        message_key text not null, headers text not null, payload text, stream_id text not null,
        stream_version bigint, created_at timestamptz not null default now(),
        published_at timestamptz);
      create index bench_outbox_unpublished on bench_outbox (id) where published_at is null;
      """;

  /**
   * Inserts write rows from {@code connections} threads, each transaction committed, for {@code
   * windowMillis}; drops the scratch tables afterwards.
   */
  public Outcome run(
      int connections, long windowMillis, Supplier<WriteRows> rows, LongConsumer progress)
      throws Exception {
    ensureDatabase();
    String syncCommit;
    String fsync;
    String version;
    try (Connection c = connect(DATABASE, user, password);
        Statement s = c.createStatement()) {
      s.execute(SCHEMA);
      syncCommit = show(s, "synchronous_commit");
      fsync = show(s, "fsync");
      version = show(s, "server_version");
    }
    Latencies commits = new Latencies();
    AtomicLong done = new AtomicLong();
    AtomicReference<Throwable> error = new AtomicReference<>();
    long start = System.nanoTime();
    long end = start + windowMillis * 1_000_000L;
    AtomicLong lastCommit = new AtomicLong(start);
    List<Thread> threads = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    for (int t = 0; t < connections; t++) {
      Thread thread =
          new Thread(
              () -> {
                try (Connection c = connect(DATABASE, user, password)) {
                  c.setAutoCommit(false);
                  long versionCounter = 0;
                  try (PreparedStatement event =
                          c.prepareStatement(
                              "insert into bench_event_store (stream_id, version, stream_type, event_id,"
                                  + " event_type, data, actor, occurred_at) values (?,?,'story',?,?,?,?,?)");
                      PreparedStatement key =
                          c.prepareStatement(
                              "insert into bench_content_keys (key_id, story_id, key_bytes, created_at)"
                                  + " values (?,?,?,?)");
                      PreparedStatement outbox =
                          c.prepareStatement(
                              "insert into bench_outbox (event_id, topic, message_key, headers, payload,"
                                  + " stream_id, stream_version) values (?,?,?,?,?,?,?),"
                                  + " (?,?,?,?,?,?,?)")) {
                    UUID stream = UUID.randomUUID();
                    while (System.nanoTime() < end && error.get() == null) {
                      WriteRows w = rows.get();
                      UUID eventId = UUID.randomUUID();
                      UUID keyId = UUID.randomUUID();
                      Timestamp now = Timestamp.from(Instant.now());
                      long t0 = System.nanoTime();
                      event.setObject(1, stream);
                      event.setLong(2, ++versionCounter);
                      event.setObject(3, eventId);
                      event.setString(4, w.eventType());
                      event.setString(5, w.eventJson());
                      event.setString(6, "bench");
                      event.setTimestamp(7, now);
                      event.executeUpdate();
                      byte[] keyBytes = new byte[32];
                      random.nextBytes(keyBytes);
                      key.setObject(1, keyId);
                      key.setObject(2, stream);
                      key.setBytes(3, keyBytes);
                      key.setTimestamp(4, now);
                      key.executeUpdate();
                      int i = 1;
                      outbox.setObject(i++, UUID.randomUUID());
                      outbox.setString(i++, "ticker.content-keys");
                      outbox.setString(i++, keyId.toString());
                      outbox.setString(i++, "{\"content-type\":\"application/json\"}");
                      outbox.setString(i++, w.keyJson());
                      outbox.setString(i++, stream.toString());
                      outbox.setNull(i++, java.sql.Types.BIGINT);
                      outbox.setObject(i++, eventId);
                      outbox.setString(i++, "ticker.story-events");
                      outbox.setString(i++, stream.toString());
                      outbox.setString(i++, HEADERS);
                      outbox.setString(i++, w.eventJson());
                      outbox.setString(i++, stream.toString());
                      outbox.setLong(i++, versionCounter);
                      outbox.executeUpdate();
                      c.commit();
                      long t1 = System.nanoTime();
                      if (t1 < end) {
                        commits.recordNanos(t1 - t0);
                        done.incrementAndGet();
                        lastCommit.accumulateAndGet(t1, Math::max);
                      }
                    }
                  }
                } catch (Throwable e) {
                  error.compareAndSet(null, e);
                }
              },
              "ticker-bench-pg-" + t);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    while (threads.stream().anyMatch(Thread::isAlive)) {
      if (progress != null) {
        progress.accept(System.nanoTime() - start);
      }
      Thread.sleep(200);
      if (System.nanoTime() > end + 60_000_000_000L) {
        break;
      }
    }
    try (Connection c = connect(DATABASE, user, password);
        Statement s = c.createStatement()) {
      s.execute("drop table if exists bench_event_store, bench_content_keys, bench_outbox");
    } catch (SQLException e) {
      // dropped by the next run
    }
    if (error.get() != null && done.get() == 0) {
      throw new IllegalStateException(String.valueOf(error.get()), error.get());
    }
    double seconds = windowMillis / 1000.0;
    return new Outcome(done.get(), seconds, commits, connections, syncCommit, fsync, version);
  }

  private static final String HEADERS =
      new String(
          ("{\"ce_specversion\":\"1.0\",\"ce_id\":\"0190a3c4-7e2b-7cc1-9f2e-3a4b5c6d7e8f\","
                  + "\"ce_type\":\"news.ticker.update-posted.v1\",\"ce_source\":\"/ticker/ingest\","
                  + "\"ce_subject\":\"0190a3c4-7e2b-7cc1-9f2e-3a4b5c6d7e8f\","
                  + "\"ce_time\":\"2025-01-01T00:00:00Z\",\"ce_streamversion\":\"8\","
                  + "\"content-type\":\"application/json\"}")
              .getBytes(StandardCharsets.UTF_8),
          StandardCharsets.UTF_8);

  private static String show(Statement s, String setting) throws SQLException {
    try (ResultSet rs = s.executeQuery("show " + setting)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
