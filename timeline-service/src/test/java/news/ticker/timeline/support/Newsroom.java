package news.ticker.timeline.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import news.ticker.events.CloudEventHeaders;
import news.ticker.events.ContentKey;
import news.ticker.events.EventCodec;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Publishes into Kafka the way ingest does: CloudEvents binary headers, key = stream id, value =
 * the event JSON; content keys on {@code ticker.content-keys} (key = update id, on the story's
 * partition) before the events sealed under them.
 */
public final class Newsroom implements AutoCloseable {

  private static final EventCodec CODEC = new EventCodec();
  private static Newsroom shared;

  private final String bootstrapServers;
  private final KafkaProducer<String, byte[]> producer;

  private Newsroom(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(props);
  }

  /** The newsroom of the running test application's broker. */
  public static synchronized Newsroom get() {
    if (shared == null) {
      shared =
          new Newsroom(
              ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }
    return shared;
  }

  /** Publishes an event as ingest's outbox relay does, and waits for the broker's ack. */
  public void publish(EventEnvelope envelope) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            envelope.type().topic(), envelope.subject(), CODEC.encode(envelope.data()));
    CloudEventHeaders.of(envelope)
        .forEach(
            (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    send(record);
  }

  /** Publishes a content key (record key = update id) on the story's partition. */
  public void publishKey(UUID storyId, UUID updateId, byte[] key) {
    ContentKey contentKey =
        new ContentKey(
            updateId.toString(),
            storyId,
            ContentKey.A256GCM,
            Base64.getEncoder().encodeToString(key),
            Instant.now());
    try {
      send(
          new ProducerRecord<>(
              Topics.CONTENT_KEYS,
              storyPartition(storyId),
              updateId.toString(),
              EventCodec.MAPPER.writeValueAsBytes(contentKey)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Destroys a content key: a tombstone on the compacted key topic. */
  public void destroyKey(UUID storyId, UUID updateId) {
    send(
        new ProducerRecord<>(
            Topics.CONTENT_KEYS, storyPartition(storyId), updateId.toString(), null));
  }

  /** Sends any record, e.g. a poison one. */
  public void sendRaw(String topic, String key, Map<String, String> headers, byte[] value) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
    headers.forEach(
        (name, headerValue) ->
            record
                .headers()
                .add(new RecordHeader(name, headerValue.getBytes(StandardCharsets.UTF_8))));
    send(record);
  }

  private void send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot publish to " + record.topic(), e.getCause());
    }
  }

  private static int storyPartition(UUID storyId) {
    byte[] key = storyId.toString().getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % Topics.PARTITIONS;
  }

  /** Every record on a topic from the beginning, read by a group-less consumer. */
  public List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)
          && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  @Override
  public void close() {
    producer.close();
  }
}
