package news.ticker.bench.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import news.ticker.bench.measure.Latencies;
import news.ticker.events.Topics;
import org.postgresql.Driver;

/**
 * PostgreSQL's limits for ingest's writes, on the stack's own server (same disk, same WAL, same
 * {@code synchronous_commit} and {@code fsync} as the server has them: never changed here), in a
 * scratch database {@value #DATABASE} that it creates if needed, never in a service's database.
 * Four kinds ({@link Kind}): durable rows committed one per transaction and gathered into one
 * commit, and the very rows and statements of an accepted update write, one write per transaction
 * and many writes per transaction. Each runs from {@link Plan#connections()} JDBC connections for a
 * window of time on fresh scratch tables, dropped afterwards.
 */
public final class PostgresLimit {

  public static final String DATABASE = "bench";

  /**
   * Rows one accepted update write writes: the idempotency claim, the event, the content key, two
   * outbox rows (key and event) and the stored response (an update of the claim's row).
   */
  public static final int ROWS_PER_WRITE = 6;

  /** Stories each connection writes to (one batch of {@link Kind#WRITE_ROWS_BATCHED} at most). */
  static final int STORIES_PER_CONNECTION = 64;

  /** Ingest's default {@code ticker.ingest.stream-lock-timeout}. */
  static final String STREAM_LOCK_TIMEOUT = "10000ms";

  /** What is committed per transaction. */
  public enum Kind {
    /** (a) One event row per transaction: the durable single-row commit rate. */
    SINGLE_ROW,
    /**
     * (b) Many event rows in one multi-row {@code INSERT}, one commit (one WAL flush) each: the
     * physical ceiling a batched write path can approach.
     */
    GROUP_COMMIT,
    /**
     * (c) One accepted write per transaction, statement by statement as ingest sends them: claim,
     * lock, tail read, event, key, outbox, stored response.
     */
    WRITE_ROWS,
    /**
     * (d) The same for many writes of different stories per transaction, each statement multi-row,
     * the locks taken in key order: what a group commit of writes can approach.
     */
    WRITE_ROWS_BATCHED
  }

  /**
   * One limit run.
   *
   * @param batch rows per statement ({@link Kind#GROUP_COMMIT}), writes per transaction ({@link
   *     Kind#WRITE_ROWS_BATCHED}); 1 for the others
   */
  public record Plan(Kind kind, int connections, int batch) {
    public Plan {
      if (connections < 1 || batch < 1 || batch > STORIES_PER_CONNECTION) {
        throw new IllegalArgumentException(
            "connections ≥ 1 and 1 ≤ batch ≤ " + STORIES_PER_CONNECTION);
      }
      if ((kind == Kind.SINGLE_ROW || kind == Kind.WRITE_ROWS) && batch != 1) {
        throw new IllegalArgumentException(kind + " commits one row or write at a time");
      }
    }

    public static Plan singleRow(int connections) {
      return new Plan(Kind.SINGLE_ROW, connections, 1);
    }

    public static Plan groupCommit(int connections, int rowsPerStatement) {
      return new Plan(Kind.GROUP_COMMIT, connections, rowsPerStatement);
    }

    public static Plan writeRows(int connections) {
      return new Plan(Kind.WRITE_ROWS, connections, 1);
    }

    public static Plan writeRowsBatched(int connections, int writesPerTransaction) {
      return new Plan(Kind.WRITE_ROWS_BATCHED, connections, writesPerTransaction);
    }

    /** Rows written per committed transaction. */
    public int rowsPerTransaction() {
      return switch (kind) {
        case SINGLE_ROW, GROUP_COMMIT -> batch;
        case WRITE_ROWS, WRITE_ROWS_BATCHED -> batch * ROWS_PER_WRITE;
      };
    }

    /** Accepted writes per committed transaction; 0 for the kinds that write bare rows. */
    public int writesPerTransaction() {
      return switch (kind) {
        case SINGLE_ROW, GROUP_COMMIT -> 0;
        case WRITE_ROWS, WRITE_ROWS_BATCHED -> batch;
      };
    }

    /** For the report: what one transaction holds. */
    public String describe() {
      return switch (kind) {
        case SINGLE_ROW -> connections + " connections, one event row per commit";
        case GROUP_COMMIT ->
            connections + " connections, " + batch + " event rows per INSERT, one commit each";
        case WRITE_ROWS ->
            connections + " connections, one write (8 statements, 6 rows) per commit";
        case WRITE_ROWS_BATCHED ->
            connections
                + " connections, "
                + batch
                + " writes of different stories per commit (8 multi-row statements)";
      };
    }
  }

  /** One write's texts: the event's JSON, its headers, and the content-key record's JSON. */
  public record WriteRows(
      String eventType, String eventJson, String eventHeadersJson, String keyJson) {}

  /** The server's durability settings, as it has them (the limits never change them). */
  public record Server(
      String version,
      String synchronousCommit,
      String fsync,
      String walSyncMethod,
      String commitDelay,
      String fullPageWrites) {
    /** Whether a commit waits for its WAL flush: the limits are durable only then. */
    public boolean durable() {
      return "on".equals(fsync) && synchronousCommit != null && !synchronousCommit.equals("off");
    }
  }

  /**
   * What a run measured.
   *
   * @param transactions latency of a whole transaction, first statement to commit returned
   * @param commits latency of the commit alone (its WAL flush)
   */
  public record Outcome(
      Plan plan,
      long committed,
      long rows,
      double seconds,
      Latencies transactions,
      Latencies commits,
      long failed,
      String firstError,
      Server server) {
    public double commitsPerSecond() {
      return seconds > 0 ? committed / seconds : 0;
    }

    public double rowsPerSecond() {
      return seconds > 0 ? rows / seconds : 0;
    }

    /**
     * Writes per second: the accepted writes' worth committed ({@link Kind#WRITE_ROWS}, {@link
     * Kind#WRITE_ROWS_BATCHED}), or for bare rows what their rate would allow if a write's {@value
     * #ROWS_PER_WRITE} rows cost what these do (rows/s ÷ {@value #ROWS_PER_WRITE}).
     */
    public double writesPerSecond() {
      return plan.writesPerTransaction() > 0
          ? commitsPerSecond() * plan.writesPerTransaction()
          : rowsPerSecond() / ROWS_PER_WRITE;
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
    // no statement of a limit may hang the bench
    p.setProperty("options", "-c statement_timeout=30000");
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

  /**
   * Runs one limit on fresh scratch tables for {@code windowMillis}, then drops them. Counts the
   * transactions that committed inside the window; a transaction that fails is rolled back and
   * counted, and the connection goes on (bounded: it stops after many failures).
   *
   * @param rows the texts of the next write (called from the connections' threads)
   * @param progress called about every 200 ms with the nanoseconds since the start
   * @throws IllegalStateException when nothing committed and something failed
   */
  public Outcome run(Plan plan, long windowMillis, Supplier<WriteRows> rows, LongConsumer progress)
      throws Exception {
    ensureDatabase();
    Server server;
    try (Connection c = connect(DATABASE, user, password);
        Statement s = c.createStatement()) {
      s.execute(WriteSql.DROP);
      s.execute(WriteSql.CREATE);
      server =
          new Server(
              show(s, "server_version"),
              show(s, "synchronous_commit"),
              show(s, "fsync"),
              show(s, "wal_sync_method"),
              show(s, "commit_delay"),
              show(s, "full_page_writes"));
    }
    Latencies transactions = new Latencies();
    Latencies commits = new Latencies();
    AtomicLong committed = new AtomicLong();
    AtomicLong rowCount = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicReference<Throwable> error = new AtomicReference<>();
    long start = System.nanoTime();
    long end = start + windowMillis * 1_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < plan.connections(); t++) {
      Thread thread =
          new Thread(
              () -> {
                try (Connection c = connect(DATABASE, user, password);
                    Worker worker = new Worker(c, plan, rows)) {
                  c.setAutoCommit(false);
                  long myFailures = 0;
                  while (System.nanoTime() < end && myFailures < 1_000) {
                    long t0 = System.nanoTime();
                    List<StoryPool.Planned> batch;
                    try {
                      batch = worker.transaction();
                      long t1 = System.nanoTime();
                      c.commit();
                      long t2 = System.nanoTime();
                      worker.committed(batch);
                      if (t2 <= end) {
                        transactions.recordNanos(t2 - t0);
                        commits.recordNanos(t2 - t1);
                        committed.incrementAndGet();
                        rowCount.addAndGet(plan.rowsPerTransaction());
                      }
                    } catch (SQLException e) {
                      myFailures++;
                      failed.incrementAndGet();
                      error.compareAndSet(null, e);
                      try {
                        c.rollback();
                      } catch (SQLException ignored) {
                        // the next statement fails too and is counted
                      }
                    }
                  }
                } catch (Throwable e) {
                  failed.incrementAndGet();
                  error.compareAndSet(null, e);
                }
              },
              "ticker-bench-pg-" + t);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    long giveUp = end + 60_000_000_000L;
    while (threads.stream().anyMatch(Thread::isAlive) && System.nanoTime() < giveUp) {
      if (progress != null) {
        progress.accept(System.nanoTime() - start);
      }
      Thread.sleep(200);
    }
    try (Connection c = connect(DATABASE, user, password);
        Statement s = c.createStatement()) {
      s.execute(WriteSql.DROP);
    } catch (SQLException e) {
      // dropped by the next run
    }
    if (committed.get() == 0 && error.get() != null) {
      throw new IllegalStateException(String.valueOf(error.get()), error.get());
    }
    return new Outcome(
        plan,
        committed.get(),
        rowCount.get(),
        windowMillis / 1000.0,
        transactions,
        commits,
        failed.get(),
        error.get() == null ? null : error.get().toString(),
        server);
  }

  private static String show(Statement s, String setting) throws SQLException {
    try (ResultSet rs = s.executeQuery("show " + setting)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /**
   * One connection's statements, prepared once, and its stories. {@link #transaction()} sends one
   * transaction's statements up to its commit.
   */
  private static final class Worker implements AutoCloseable {
    private final Plan plan;
    private final Supplier<WriteRows> rows;
    private final StoryPool pool = StoryPool.random(STORIES_PER_CONNECTION);
    private final Statement plain;
    private final PreparedStatement events;
    private final PreparedStatement claim;
    private final PreparedStatement lock;
    private final PreparedStatement tail;
    private final PreparedStatement keys;
    private final PreparedStatement outbox;
    private final PreparedStatement responses;

    Worker(Connection c, Plan plan, Supplier<WriteRows> rows) throws SQLException {
      this.plan = plan;
      this.rows = rows;
      int n = plan.batch();
      boolean writes = plan.writesPerTransaction() > 0;
      plain = c.createStatement();
      events = c.prepareStatement(WriteSql.insertEvents(n));
      claim = writes ? c.prepareStatement(WriteSql.claim(n)) : null;
      lock = writes ? c.prepareStatement(WriteSql.lock(n)) : null;
      tail = writes ? c.prepareStatement(WriteSql.tail(n)) : null;
      keys = writes ? c.prepareStatement(WriteSql.insertKeys(n)) : null;
      outbox = writes ? c.prepareStatement(WriteSql.insertOutbox(2 * n)) : null;
      responses = writes ? c.prepareStatement(WriteSql.storeResponses(n)) : null;
    }

    /** Sends one transaction's statements, not its commit; returns the writes it planned. */
    List<StoryPool.Planned> transaction() throws SQLException {
      List<StoryPool.Planned> batch = pool.plan(plan.batch());
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      int n = batch.size();
      WriteRows[] texts = new WriteRows[n];
      UUID[] eventIds = new UUID[n];
      for (int i = 0; i < n; i++) {
        texts[i] = rows.get();
        eventIds[i] = UUID.randomUUID();
      }
      if (plan.writesPerTransaction() == 0) {
        bindEvents(batch, texts, eventIds, now);
        events.executeUpdate();
        return batch;
      }
      UUID[] idempotencyKeys = new UUID[n];
      UUID[] updates = new UUID[n];
      for (int i = 0; i < n; i++) {
        idempotencyKeys[i] = UUID.randomUUID();
        updates[i] = UUID.randomUUID();
      }
      // 1. the idempotency claim
      plain.execute(WriteSql.CLAIM_TIMEOUT);
      int p = 1;
      for (int i = 0; i < n; i++) {
        claim.setString(p++, ScratchRows.SCOPE);
        claim.setString(p++, idempotencyKeys[i].toString());
        claim.setString(p++, ScratchRows.requestHash(idempotencyKeys[i]));
      }
      claim.executeUpdate();
      // 2. the stories' locks, in key order
      p = 1;
      lock.setString(p++, STREAM_LOCK_TIMEOUT);
      for (StoryPool.Planned w : batch) {
        lock.setInt(p++, StoryPool.STORY_LOCK_SPACE);
        lock.setInt(p++, w.lockKey());
      }
      drain(lock);
      // 3. the tail read: events after the cached state (none, as with a warm cache)
      p = 1;
      for (StoryPool.Planned w : batch) {
        tail.setObject(p++, w.story());
        tail.setLong(p++, w.after());
      }
      drain(tail);
      // 4. the events
      bindEvents(batch, texts, eventIds, now);
      events.executeUpdate();
      // 5. the content keys
      p = 1;
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < n; i++) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        keys.setObject(p++, updates[i]);
        keys.setObject(p++, batch.get(i).story());
        keys.setBytes(p++, key);
        keys.setObject(p++, now);
      }
      keys.executeUpdate();
      // 6. the outbox: each key's record before its event's
      p = 1;
      for (int i = 0; i < n; i++) {
        StoryPool.Planned w = batch.get(i);
        String story = w.story().toString();
        outbox.setObject(p++, UUID.randomUUID());
        outbox.setString(p++, Topics.CONTENT_KEYS);
        outbox.setString(p++, updates[i].toString());
        outbox.setString(p++, "{\"content-type\":\"application/json\"}");
        outbox.setString(p++, texts[i].keyJson());
        outbox.setString(p++, story);
        outbox.setNull(p++, java.sql.Types.BIGINT);
        outbox.setObject(p++, eventIds[i]);
        outbox.setString(p++, Topics.STORY_EVENTS);
        outbox.setString(p++, story);
        outbox.setString(p++, texts[i].eventHeadersJson());
        outbox.setString(p++, texts[i].eventJson());
        outbox.setString(p++, story);
        outbox.setLong(p++, w.version());
      }
      outbox.executeUpdate();
      // 7. the stored responses
      p = 1;
      for (int i = 0; i < n; i++) {
        StoryPool.Planned w = batch.get(i);
        responses.setInt(p++, ScratchRows.CREATED);
        responses.setString(p++, ScratchRows.responseHeaders(w.story(), updates[i], w.version()));
        responses.setString(p++, ScratchRows.responseBody(w.story(), updates[i], w.version()));
        responses.setString(p++, ScratchRows.SCOPE);
        responses.setString(p++, idempotencyKeys[i].toString());
      }
      responses.executeUpdate();
      return batch;
    }

    private void bindEvents(
        List<StoryPool.Planned> batch, WriteRows[] texts, UUID[] eventIds, OffsetDateTime now)
        throws SQLException {
      int p = 1;
      for (int i = 0; i < batch.size(); i++) {
        StoryPool.Planned w = batch.get(i);
        events.setObject(p++, w.story());
        events.setLong(p++, w.version());
        events.setString(p++, "story");
        events.setObject(p++, eventIds[i]);
        events.setString(p++, texts[i].eventType());
        events.setString(p++, texts[i].eventJson());
        events.setString(p++, ScratchRows.ACTOR);
        events.setObject(p++, now);
      }
    }

    private static void drain(PreparedStatement query) throws SQLException {
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }

    void committed(List<StoryPool.Planned> batch) {
      pool.committed(batch);
    }

    @Override
    public void close() throws SQLException {
      plain.close();
      events.close();
      for (PreparedStatement s : new PreparedStatement[] {claim, lock, tail, keys, outbox}) {
        if (s != null) {
          s.close();
        }
      }
      if (responses != null) {
        responses.close();
      }
    }
  }
}
