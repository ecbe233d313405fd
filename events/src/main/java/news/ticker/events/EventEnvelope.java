package news.ticker.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event with its CloudEvents attributes, as it travels in Kafka (binary mode: attributes in
 * headers, data as the value).
 *
 * @param id {@code ce_id}: the event id, stable across republishing, so consumers can dedupe
 * @param source {@code ce_source}: the service that decided it, e.g. {@code /ticker/ingest}
 * @param time {@code ce_time}: when it was recorded (the event's {@code occurredAt})
 * @param streamVersion {@code ce_streamversion}: the version of the stream after this event
 * @param data the event; its stream id is {@code ce_subject} and the Kafka key
 */
public record EventEnvelope(UUID id, String source, Instant time, long streamVersion, Event data) {

  public EventType type() {
    return EventCatalog.of(data);
  }

  public String subject() {
    return data.streamId().toString();
  }
}
