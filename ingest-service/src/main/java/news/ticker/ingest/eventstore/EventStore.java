package news.ticker.ingest.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    List<EventEnvelope> envelopes = new ArrayList<>(events.size());
    List<EventRecord> records = new ArrayList<>(events.size());
    long version = currentVersion;
    for (Event event : events) {
      if (!streamId.equals(event.streamId())) {
        throw new IllegalArgumentException(
            "event of stream " + event.streamId() + " appended to " + streamId);
      }
      version++;
      EventEnvelope envelope =
          new EventEnvelope(
              Ids.newId(), IngestConfig.EVENT_SOURCE, event.occurredAt(), version, event);
      envelopes.add(envelope);
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
