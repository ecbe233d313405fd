package news.ticker.bench.pg;

import java.util.List;

/**
 * The SQL of the PostgreSQL limits, as text only (so it can be checked without a database): the
 * scratch copies of ingest's tables, and the statements one accepted write sends, each for one
 * write or for {@code n} writes of different stories in one statement.
 *
 * <p>The scratch tables copy the columns, keys, checks and indexes of ingest's {@code event_store},
 * {@code content_keys} ({@code db/migration/V1__event_store.sql}) and the platform's {@code
 * ticker_outbox} and {@code ticker_idempotency} ({@code db/platform/schema.sql}), so a row costs
 * the same to insert and index. Left out: the event store's append-only triggers (they fire on
 * update and delete, never on insert) and {@code story_slugs} (written when a story opens, not per
 * update).
 */
final class WriteSql {

  private WriteSql() {}

  static final List<String> TABLES =
      List.of("bench_event_store", "bench_content_keys", "bench_outbox", "bench_idempotency");

  static final String DROP = "drop table if exists " + String.join(", ", TABLES);

  static final String CREATE =
      """
      create table bench_event_store (
        stream_id   uuid        not null,
        version     bigint      not null check (version > 0),
        stream_type text        not null check (stream_type in ('story', 'article')),
        event_id    uuid        not null unique,
        event_type  text        not null,
        data        text        not null,
        actor       text        not null,
        occurred_at timestamptz not null,
        recorded_at timestamptz not null default now(),
        constraint bench_event_store_pkey primary key (stream_id, version));
      create table bench_content_keys (
        key_id       uuid        primary key,
        story_id     uuid        not null,
        key_bytes    bytea,
        created_at   timestamptz not null,
        destroyed_at timestamptz,
        check ((key_bytes is null) = (destroyed_at is not null)));
      create index bench_content_keys_story_id on bench_content_keys (story_id);
      create table bench_outbox (
        id             bigserial   primary key,
        event_id       uuid        not null,
        topic          text        not null,
        message_key    text        not null,
        headers        text        not null,
        payload        text,
        stream_id      text        not null,
        stream_version bigint,
        created_at     timestamptz not null default now(),
        published_at   timestamptz);
      create index bench_outbox_unpublished on bench_outbox (id) where published_at is null;
      create index bench_outbox_published_at on bench_outbox (published_at)
        where published_at is not null;
      create table bench_idempotency (
        scope            text        not null,
        idem_key         text        not null,
        request_hash     text        not null,
        response_status  int,
        response_headers text,
        response_body    text,
        created_at       timestamptz not null default now(),
        primary key (scope, idem_key));
      create index bench_idempotency_created_at on bench_idempotency (created_at);
      """;

  /** The idempotency claim's first statement (IdempotencyStore.claim). */
  static final String CLAIM_TIMEOUT = "set local lock_timeout = '10s'";

  /** Columns of an event row as EventStore appends it (the rest are defaults). */
  static final int EVENT_COLUMNS = 8;

  static final int KEY_COLUMNS = 4;

  static final int OUTBOX_COLUMNS = 7;

  static final int CLAIM_COLUMNS = 3;

  static final int RESPONSE_COLUMNS = 5;

  /**
   * {@code (?, ?), (?, ?)}: a multi-row {@code VALUES} list of JDBC placeholders, each cast to its
   * column's type where one is given (a {@code VALUES} list outside an {@code INSERT} has no column
   * types to infer from).
   *
   * @param casts one per column: the SQL type, or null for a bare placeholder
   */
  static String values(int rows, String... casts) {
    if (rows < 1 || casts.length < 1) {
      throw new IllegalArgumentException("a VALUES list needs a row and a column");
    }
    StringBuilder sql = new StringBuilder();
    for (int row = 0; row < rows; row++) {
      sql.append(row == 0 ? "(" : ", (");
      for (int column = 0; column < casts.length; column++) {
        if (column > 0) {
          sql.append(", ");
        }
        sql.append(casts[column] == null ? "?" : "cast(? as " + casts[column] + ")");
      }
      sql.append(')');
    }
    return sql.toString();
  }

  /** {@code rows} event rows (Hibernate's insert of EventRecord, batched). */
  static String insertEvents(int rows) {
    return "insert into bench_event_store (stream_id, version, stream_type, event_id, event_type,"
        + " data, actor, occurred_at) values "
        + values(rows, new String[EVENT_COLUMNS]);
  }

  /** {@code rows} content keys (ContentKeyStore.add). */
  static String insertKeys(int rows) {
    return "insert into bench_content_keys (key_id, story_id, key_bytes, created_at) values "
        + values(rows, new String[KEY_COLUMNS]);
  }

  /** {@code rows} outbox rows, with the casts of Outbox.append. */
  static String insertOutbox(int rows) {
    return "insert into bench_outbox (event_id, topic, message_key, headers, payload, stream_id,"
        + " stream_version) values "
        + values(rows, null, null, null, null, "text", null, "bigint");
  }

  /** {@code rows} idempotency claims (IdempotencyStore.claim's insert). */
  static String claim(int rows) {
    return "insert into bench_idempotency (scope, idem_key, request_hash) values "
        + values(rows, new String[CLAIM_COLUMNS])
        + " on conflict do nothing";
  }

  /**
   * The stream locks of {@code locks} stories (EventStore.lock for one), taken left to right in one
   * statement: callers pass the keys sorted, so two batches that share stories queue instead of
   * deadlocking. Parameters: the lock timeout, then the space and key of each lock.
   */
  static String lock(int locks) {
    if (locks < 1) {
      throw new IllegalArgumentException("at least one lock");
    }
    StringBuilder sql = new StringBuilder("select set_config('lock_timeout', ?, true)");
    for (int i = 0; i < locks; i++) {
      sql.append(", pg_advisory_xact_lock(?, ?)");
    }
    return sql.toString();
  }

  private static final String EVENT_SELECT =
      "select e.stream_id, e.version, e.stream_type, e.event_id, e.event_type, e.data, e.actor,"
          + " e.occurred_at, e.recorded_at from bench_event_store e";

  /**
   * The tail read of {@code streams} stories: their events after the version this replica already
   * folded (EventStore.load after the state cache). Parameters: stream id and version, per story.
   */
  static String tail(int streams) {
    if (streams == 1) {
      return EVENT_SELECT + " where e.stream_id = ? and e.version > ? order by e.version";
    }
    // Like EventStore.TAILS_QUERY: a lateral subquery that "offset 0" keeps from being flattened,
    // so that the plan reads each stream's range through the primary key. A join on the values
    // list is planned as a hash join over a sequential scan of the whole table.
    return "select t.stream_id, e.version, e.stream_type, e.event_id, e.event_type, e.data,"
        + " e.actor, e.occurred_at, e.recorded_at from (values "
        + values(streams, "uuid", "bigint")
        + ") as t (stream_id, after) cross join lateral (select * from bench_event_store x"
        + " where x.stream_id = t.stream_id and x.version > t.after offset 0) as e"
        + " order by t.stream_id, e.version";
  }

  /**
   * The stored responses of {@code rows} writes (IdempotencyStore.complete). Parameters per row:
   * status, headers, body, scope, key.
   */
  static String storeResponses(int rows) {
    if (rows == 1) {
      return "update bench_idempotency set response_status = ?, response_headers = ?,"
          + " response_body = cast(? as text) where scope = ? and idem_key = ?";
    }
    return "update bench_idempotency as i set response_status = t.status,"
        + " response_headers = t.headers, response_body = t.body from (values "
        + values(rows, "int", "text", "text", "text", "text")
        + ") as t (status, headers, body, scope, idem_key)"
        + " where i.scope = t.scope and i.idem_key = t.idem_key";
  }
}
