package news.ticker.ingest.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import news.ticker.events.Event;
import news.ticker.events.EventCodec;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.ingest.IngestConfig;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Streams of events in PostgreSQL. A stream's version is the number of its events; appending
 * version {@code n} succeeds only if nobody else took it, so a stream's history is gap-free and
 * linear however many writers race.
 *
 * <p>Writers of one stream queue on a transaction-scoped advisory lock ({@link #lock}) before they
 * load it, across all replicas: the history is linear anyway, and queueing is fair where optimistic
 * retries alone would let an unlucky writer lose race after race. The primary key stays the
 * guarantee; the lock only spares writers their lost attempts.
 */
@ApplicationScoped
public class EventStore {

  private static final String VERSION_TAKEN = "event_store_pkey";

  private final EventCodec codec = new EventCodec();

  /**
   * Waits, at most {@code timeout}, until no other transaction writes the stream, and keeps it for
   * the rest of this transaction.
   *
   * @throws io.vertx.pgclient.PgException with SQLSTATE 55P03 (as the Uni's failure) when the wait
   *     timed out
   */
  public Uni<Void> lock(
      Mutiny.Session session, StreamType streamType, UUID streamId, Duration timeout) {
    return session
        .createNativeQuery(
            "select set_config('lock_timeout', ?1, true), pg_advisory_xact_lock(?2, ?3)")
        .setParameter(1, timeout.toMillis() + "ms")
        .setParameter(2, streamType.lockSpace())
        .setParameter(3, streamId.hashCode())
        .getSingleResult()
        .replaceWithVoid();
  }

  /**
   * The events of a stream after {@code afterVersion}, in order; decoding lifts events stored in an
   * older schema version to the current one.
   */
  public <E extends Event> Uni<List<E>> load(
      Mutiny.Session session, UUID streamId, long afterVersion, Class<E> eventType) {
    return session
        .createSelectionQuery(
            "from EventRecord where streamId = :streamId and version > :after order by version",
            EventRecord.class)
        .setParameter("streamId", streamId)
        .setParameter("after", afterVersion)
        // Never modified: skip the snapshots Hibernate keeps for dirty checking.
        .setReadOnly(true)
        .getResultList()
        .map(records -> decode(records, streamId, afterVersion, eventType));
  }

  /**
   * Appends events after {@code currentVersion} in the session's transaction and flushes, so a lost
   * race surfaces here as {@link StreamConflict}.
   *
   * @return the envelopes of the appended events (ids, versions), in order, for the outbox
   */
  public Uni<List<EventEnvelope>> append(
      Mutiny.Session session,
      StreamType streamType,
      UUID streamId,
      long currentVersion,
      List<? extends Event> events) {
    List<EventEnvelope> envelopes = envelopes(streamId, currentVersion, events);
    List<EventRecord> records = new ArrayList<>(envelopes.size());
    for (EventEnvelope envelope : envelopes) {
      records.add(record(streamType, envelope));
    }
    if (records.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return session
        .persistAll(records.toArray())
        .call(session::flush)
        .onFailure(EventStore::isVersionTaken)
        .transform(e -> new StreamConflict(streamId, currentVersion + 1))
        .replaceWith(envelopes);
  }

  /**
   * The envelopes of events appended after {@code currentVersion}: new ids, consecutive versions.
   */
  public List<EventEnvelope> envelopes(
      UUID streamId, long currentVersion, List<? extends Event> events) {
    List<EventEnvelope> envelopes = new ArrayList<>(events.size());
    long version = currentVersion;
    for (Event event : events) {
      if (!streamId.equals(event.streamId())) {
        throw new IllegalArgumentException(
            "event of stream " + event.streamId() + " appended to " + streamId);
      }
      version++;
      envelopes.add(
          new EventEnvelope(
              Ids.newId(), IngestConfig.EVENT_SOURCE, event.occurredAt(), version, event));
    }
    return envelopes;
  }

  // The same operations on the Vert.x PostgreSQL client, for the batched write path: one statement
  // for many streams, sent without waiting for the statement before it (pipelined).

  /**
   * Tries to take the write locks of the streams for the rest of the connection's transaction,
   * without waiting: a stream another transaction writes is left out, for a later batch. Never
   * waiting means two batches can never deadlock on each other.
   *
   * @return the streams whose lock this transaction now holds
   */
  public Uni<Set<UUID>> tryLock(
      SqlConnection connection, StreamType streamType, Collection<UUID> streamIds) {
    Map<Integer, List<UUID>> byLock = new HashMap<>();
    for (UUID id : streamIds) {
      byLock.computeIfAbsent(id.hashCode(), k -> new ArrayList<>()).add(id);
    }
    Integer[] locks = byLock.keySet().stream().sorted().toArray(Integer[]::new);
    return connection
        .preparedQuery(
            "select k, pg_try_advisory_xact_lock($1, k) as held"
                + " from (select unnest($2::int[]) as k order by 1) as wanted")
        .execute(Tuple.of(streamType.lockSpace(), locks))
        .map(
            rows -> {
              Set<UUID> held = new HashSet<>();
              for (Row row : rows) {
                if (Boolean.TRUE.equals(row.getBoolean("held"))) {
                  held.addAll(byLock.get(row.getInteger("k")));
                }
              }
              return held;
            });
  }

  /**
   * The tails query. The pool runs it as a prepared statement, so PostgreSQL soon plans it once
   * without the parameters. For {@code join unnest(...) on stream_id = id and version > after} that
   * generic plan was a hash join over a sequential scan of the whole event store (it guesses
   * hundreds of rows per stream): a cost that grew with every event ever written, paid inside each
   * write's story lock. Here the events come from a lateral subquery that {@code offset 0} keeps
   * from being flattened into a join, so the only plan is a nested loop that reads each stream's
   * range on its own, through the primary key once the table is larger than a few pages. {@code
   * EventStoreTest} holds the plan to that shape.
   */
  static final String TAILS_QUERY =
      "select t.id as stream_id, e.version, e.event_type, e.data"
          + " from unnest($1::uuid[], $2::bigint[]) as t(id, after)"
          + " cross join lateral (select version, event_type, data from event_store"
          + " where stream_id = t.id and version > t.after offset 0) as e"
          + " order by t.id, e.version";

  /**
   * The events of each stream after its given version, in one query. Run it after {@link #tryLock},
   * as its own statement: under READ COMMITTED it then sees every event committed before the lock
   * was taken.
   */
  public <E extends Event> Uni<Map<UUID, List<E>>> tails(
      SqlConnection connection, Map<UUID, Long> afterVersions, Class<E> eventType) {
    UUID[] ids = afterVersions.keySet().toArray(UUID[]::new);
    Long[] after = new Long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      after[i] = afterVersions.get(ids[i]);
    }
    return connection
        .preparedQuery(TAILS_QUERY)
        .execute(Tuple.of(ids, after))
        .map(
            rows -> {
              Map<UUID, List<E>> tails = new HashMap<>();
              Map<UUID, Long> expected = new HashMap<>(afterVersions);
              for (Row row : rows) {
                UUID streamId = row.getUUID("stream_id");
                long version = row.getLong("version");
                long next = expected.get(streamId) + 1;
                if (version != next) {
                  throw new IllegalStateException(
                      "stream " + streamId + " has a gap: expected version " + next);
                }
                expected.put(streamId, version);
                Event event =
                    codec.decode(
                        row.getString("event_type"),
                        row.getString("data").getBytes(StandardCharsets.UTF_8));
                tails.computeIfAbsent(streamId, k -> new ArrayList<>()).add(eventType.cast(event));
              }
              return tails;
            });
  }

  /**
   * Inserts the envelopes of many streams in one statement. A version someone else took fails the
   * statement (the primary key), and with it the transaction.
   */
  public Uni<Void> append(
      SqlConnection connection, StreamType streamType, List<EventEnvelope> envelopes) {
    if (envelopes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = envelopes.size();
    UUID[] streamIds = new UUID[n];
    Long[] versions = new Long[n];
    UUID[] eventIds = new UUID[n];
    String[] types = new String[n];
    String[] data = new String[n];
    String[] actors = new String[n];
    OffsetDateTime[] occurred = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      EventEnvelope envelope = envelopes.get(i);
      streamIds[i] = envelope.data().streamId();
      versions[i] = envelope.streamVersion();
      eventIds[i] = envelope.id();
      types[i] = envelope.type().ceType();
      data[i] = new String(codec.encode(envelope.data()), StandardCharsets.UTF_8);
      actors[i] = envelope.data().actor();
      occurred[i] = envelope.data().occurredAt().atOffset(ZoneOffset.UTC);
    }
    return connection
        .preparedQuery(
            "insert into event_store"
                + " (stream_id, version, stream_type, event_id, event_type, data, actor,"
                + " occurred_at)"
                + " select s, v, $3, e, t, d, a, o from unnest($1::uuid[], $2::bigint[],"
                + " $4::uuid[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])"
                + " as r(s, v, e, t, d, a, o)")
        .execute(
            Tuple.tuple(
                List.of(
                    streamIds,
                    versions,
                    streamType.column(),
                    eventIds,
                    types,
                    data,
                    actors,
                    occurred)))
        .replaceWithVoid();
  }

  private EventRecord record(StreamType streamType, EventEnvelope envelope) {
    EventRecord record = new EventRecord();
    record.streamId = envelope.data().streamId();
    record.version = envelope.streamVersion();
    record.streamType = streamType.column();
    record.eventId = envelope.id();
    record.eventType = envelope.type().ceType();
    record.data = new String(codec.encode(envelope.data()), StandardCharsets.UTF_8);
    record.actor = envelope.data().actor();
    record.occurredAt = envelope.data().occurredAt();
    return record;
  }

  private <E extends Event> List<E> decode(
      List<EventRecord> records, UUID streamId, long afterVersion, Class<E> eventType) {
    List<E> events = new ArrayList<>(records.size());
    long expected = afterVersion;
    for (EventRecord record : records) {
      expected++;
      if (record.version != expected) {
        throw new IllegalStateException(
            "stream "
                + streamId
                + " has a gap: expected version "
                + expected
                + ", found "
                + record.version);
      }
      Event event = codec.decode(record.eventType, record.data.getBytes(StandardCharsets.UTF_8));
      events.add(eventType.cast(event));
    }
    return events;
  }

  /** Whether the failure is the primary key refusing a version someone else already took. */
  private static boolean isVersionTaken(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConstraintViolationException violation
          && VERSION_TAKEN.equals(violation.getConstraintName())) {
        return true;
      }
      if (t instanceof PgException pg
          && "23505".equals(pg.getSqlState())
          && VERSION_TAKEN.equals(pg.getConstraint())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
