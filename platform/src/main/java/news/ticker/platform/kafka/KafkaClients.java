package news.ticker.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The configuration of the Kafka clients a service makes itself, beside its channels: they connect
 * like the channels, from the {@code default-kafka-broker} configuration (bootstrap servers and, in
 * production, SCRAM over TLS), keeping only the settings the client understands.
 */
public final class KafkaClients {

  private KafkaClients() {}

  /** The entries of {@code kafkaConfig} whose names are among {@code names}. */
  public static Map<String, Object> only(Map<String, Object> kafkaConfig, Set<String> names) {
    Map<String, Object> props = new HashMap<>();
    kafkaConfig.forEach(
        (k, v) -> {
          if (names.contains(k)) {
            props.put(k, v);
          }
        });
    return props;
  }

  /**
   * A consumer that reads raw records (string keys, byte values) of partitions it assigns itself:
   * in no group, committing nothing, creating no topic.
   */
  public static Map<String, Object> rawConsumer(Map<String, Object> kafkaConfig, String clientId) {
    Map<String, Object> props = only(kafkaConfig, ConsumerConfig.configNames());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }
}
