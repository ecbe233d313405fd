package news.ticker.devstack.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import news.ticker.devstack.kafka.ScramCredentials;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produce and read back records in tests, without consumer groups (assign + seek): the devstack's
 * own tests and the platform's flow tests use it.
 */
public final class KafkaTestClients {

  private KafkaTestClients() {}

  /** Sends one record and waits for the broker's acknowledgement (acks=all). */
  public static void produce(String bootstrapServers, String topic, String key, String value)
      throws Exception {
    produce(ScramCredentials.client(bootstrapServers, null), topic, key, value);
  }

  /** The same, as the client {@code client} describes (bootstrap servers and login). */
  public static void produce(Map<String, Object> client, String topic, String key, String value)
      throws Exception {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  /** Every value in {@code topic}, from the beginning, once at least {@code expected} arrived. */
  public static List<String> readAll(String bootstrapServers, String topic, int expected) {
    return readAll(ScramCredentials.client(bootstrapServers, null), topic, expected);
  }

  /** The same, as the client {@code client} describes (bootstrap servers and login). */
  public static List<String> readAll(Map<String, Object> client, String topic, int expected) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<String> values = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  values.add(record.value());
                }
                return values.size() >= expected;
              });
      return values;
    }
  }
}
