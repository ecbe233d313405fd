package news.ticker.systemtests;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What {@code ticker.story-events} holds for one story, read from the beginning of every partition
 * to its end, with a consumer outside every group.
 */
final class StoryTopic {

  /** One record of the story: its stream version and CloudEvents id. */
  record Published(long version, String eventId) {}

  private StoryTopic() {}

  /** Every record of the story on the topic now (up to the end offsets at the time of the call). */
  static List<Published> now(Map<String, Object> client, UUID story) {
    return read(client, story, 0, Duration.ofSeconds(30));
  }

  /**
   * Every record of the story once at least {@code expected} are there: waits for them, then reads
   * on to the end offsets, so that duplicates published meanwhile are included.
   */
  static List<Published> atLeast(
      Map<String, Object> client, UUID story, int expected, Duration timeout) {
    return read(client, story, expected, timeout);
  }

  private static List<Published> read(
      Map<String, Object> client, UUID story, int expected, Duration timeout) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<Published> published = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.STORY_EVENTS).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(timeout)
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                poll(consumer, story, published);
                return published.size() >= expected;
              });
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      await()
          .atMost(timeout)
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                poll(consumer, story, published);
                return end.entrySet().stream()
                    .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
              });
    }
    return published;
  }

  private static void poll(
      KafkaConsumer<String, String> consumer, UUID story, List<Published> published) {
    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
      if (story.toString().equals(r.key())) {
        published.add(
            new Published(
                Long.parseLong(header(r, CloudEventHeaders.STREAM_VERSION)),
                header(r, CloudEventHeaders.ID)));
      }
    }
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
