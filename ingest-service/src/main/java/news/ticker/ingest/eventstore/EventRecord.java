package news.ticker.ingest.eventstore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One row of the append-only event store. Written once, never updated. */
@Entity
@Table(name = "event_store")
@IdClass(EventRecord.Key.class)
public class EventRecord {

  @Id
  @Column(name = "stream_id")
  public UUID streamId;

  @Id public long version;

  @Column(name = "stream_type", nullable = false)
  public String streamType;

  @Column(name = "event_id", nullable = false, unique = true)
  public UUID eventId;

  /** The CloudEvents type the data was written as; decoding lifts older versions. */
  @Column(name = "event_type", nullable = false)
  public String eventType;

  @Column(nullable = false)
  public String data;

  @Column(nullable = false)
  public String actor;

  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;

  /** When the row was committed; set by the database. */
  @Column(name = "recorded_at", insertable = false, updatable = false)
  public Instant recordedAt;

  /** The primary key: a stream's version can be taken only once. */
  public record Key(UUID streamId, long version) implements Serializable {}
}
