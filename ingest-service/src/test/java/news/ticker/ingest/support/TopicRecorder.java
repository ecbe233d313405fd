package news.ticker.ingest.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads a topic from the beginning in a background thread, as a plain consumer without group, and
 * keeps every record by key, so tests can wait for the records of their own stream.
 */
public final class TopicRecorder {

  private static final Map<String, TopicRecorder> RECORDERS = new ConcurrentHashMap<>();

  private final Map<String, List<Received>> byKey = new ConcurrentHashMap<>();

  /** A record as received: key, value (null for a tombstone), headers, partition. */
  public record Received(
      String key, String value, Map<String, String> headers, int partition, long offset) {

    public String header(String name) {
      return headers.get(name);
    }
  }

  private TopicRecorder(String topic) {
    Thread thread = new Thread(() -> run(topic), "test-recorder-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  /** The recorder of a topic, started on first use and kept for the JVM. */
  public static TopicRecorder of(String topic) {
    return RECORDERS.computeIfAbsent(topic, TopicRecorder::new);
  }

  /** Every record with that key received so far, in partition order. */
  public List<Received> records(String key) {
    return List.copyOf(byKey.getOrDefault(key, List.of()));
  }

  private void run(String topic) {
    Properties props = new Properties();
    props.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (true) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          Map<String, String> headers = new LinkedHashMap<>();
          for (Header header : record.headers()) {
            headers.put(
                header.key(),
                header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
          }
          byKey
              .computeIfAbsent(String.valueOf(record.key()), k -> new CopyOnWriteArrayList<>())
              .add(
                  new Received(
                      record.key(), record.value(), headers, record.partition(), record.offset()));
        }
      }
    }
  }
}
