package news.ticker.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.ContentCipher;
import news.ticker.events.ContentKey;
import news.ticker.events.Event;
import news.ticker.events.EventCodec;
import news.ticker.events.EventEnvelope;
import news.ticker.events.SealedText;
import news.ticker.events.Topics;
import news.ticker.ingest.IngestConfig;
import news.ticker.ingest.support.TopicRecorder.Received;

/** What reached Kafka: waits for a stream's records and decodes them as a consumer would. */
public final class Published {

  private static final EventCodec CODEC = new EventCodec();
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private Published() {}

  /** Waits until the topic holds at least {@code count} records with that key, and returns all. */
  public static List<Received> awaitRecords(String topic, Object key, int count) {
    TopicRecorder recorder = TopicRecorder.of(topic);
    await().atMost(PATIENCE).until(() -> recorder.records(key.toString()).size() >= count);
    return recorder.records(key.toString());
  }

  /**
   * Waits for a stream's first {@code count} events on the topic and returns them decoded, after
   * checking what every consumer relies on: keyed by the stream id, which is also {@code
   * ce_subject}; {@code ce_streamversion} counting from 1 without gap, in partition order; a {@code
   * ce_id} and {@code ce_source} of ingest.
   */
  public static List<EventEnvelope> awaitEvents(String topic, UUID streamId, int count) {
    List<Received> records = awaitRecords(topic, streamId, count);
    for (int i = 0; i < records.size(); i++) {
      Received record = records.get(i);
      assertThat(record.key()).isEqualTo(streamId.toString());
      assertThat(record.header(CloudEventHeaders.SUBJECT)).isEqualTo(streamId.toString());
      assertThat(record.header(CloudEventHeaders.STREAM_VERSION)).isEqualTo(Long.toString(i + 1));
      assertThat(record.header(CloudEventHeaders.SOURCE)).isEqualTo(IngestConfig.EVENT_SOURCE);
      assertThat(UUID.fromString(record.header(CloudEventHeaders.ID))).isNotNull();
      assertThat(record.partition()).isEqualTo(records.get(0).partition());
    }
    return records.stream().map(Published::decode).toList();
  }

  public static List<EventEnvelope> awaitStoryEvents(UUID storyId, int count) {
    return awaitEvents(Topics.STORY_EVENTS, storyId, count);
  }

  public static EventEnvelope decode(Received record) {
    return CloudEventHeaders.read(
        record::header, record.value().getBytes(StandardCharsets.UTF_8), CODEC);
  }

  public static <E extends Event> E data(EventEnvelope envelope, Class<E> type) {
    return type.cast(envelope.data());
  }

  /** The content key of an update as published on {@code ticker.content-keys}. */
  public static byte[] awaitContentKey(UUID updateId) {
    Received record = awaitRecords(Topics.CONTENT_KEYS, updateId, 1).get(0);
    try {
      ContentKey key = EventCodec.MAPPER.readValue(record.value(), ContentKey.class);
      return Base64.getDecoder().decode(key.key());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Opens a sealed text with the key published for its update. */
  public static String open(SealedText sealed) {
    return sealed == null
        ? null
        : ContentCipher.open(sealed, awaitContentKey(UUID.fromString(sealed.keyId())));
  }
}
