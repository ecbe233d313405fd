package news.ticker.platform.outbox;

import java.util.Map;
import java.util.UUID;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.ContentKey;
import news.ticker.events.EventCodec;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Topics;

/**
 * One Kafka record waiting in the outbox.
 *
 * @param payload the record value; null for a tombstone
 * @param streamVersion the stream version the record announces, or null for records outside a
 *     stream
 */
public record OutboxMessage(
    UUID eventId,
    String topic,
    String key,
    Map<String, String> headers,
    String payload,
    String streamId,
    Long streamVersion) {

  private static final EventCodec CODEC = new EventCodec();

  /** The record of an event: CloudEvents binary mode, keyed by its stream id. */
  public static OutboxMessage of(EventEnvelope envelope) {
    return new OutboxMessage(
        envelope.id(),
        envelope.type().topic(),
        envelope.subject(),
        CloudEventHeaders.of(envelope),
        new String(CODEC.encode(envelope.data()), java.nio.charset.StandardCharsets.UTF_8),
        envelope.subject(),
        envelope.streamVersion());
  }

  /** The record that publishes a content key, ordered with the story stream it belongs to. */
  public static OutboxMessage of(ContentKey key, UUID recordId) {
    try {
      return new OutboxMessage(
          recordId,
          Topics.CONTENT_KEYS,
          key.keyId(),
          Map.of(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON),
          EventCodec.MAPPER.writeValueAsString(key),
          key.storyId().toString(),
          null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode content key", e);
    }
  }

  /** The tombstone that destroys a content key everywhere. */
  public static OutboxMessage tombstone(String topic, String key, String streamId, UUID recordId) {
    return new OutboxMessage(recordId, topic, key, Map.of(), null, streamId, null);
  }
}
