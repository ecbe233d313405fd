package news.ticker.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import news.ticker.devstack.kafka.KafkaTopics;
import news.ticker.devstack.testing.KafkaResource;
import news.ticker.events.Topics.TopicSpec;
import news.ticker.platform.kafka.KafkaAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consumer lag as the wellness checks read it, from the real broker the services' tests use:
 * records are produced, retention's deletion is done with {@code deleteRecords}, and the group's
 * offsets are committed, and the lag follows each step.
 */
class ConsumerLagFlowTest {

  private static String servers;
  private static Admin setup;
  private static KafkaAdmin kafkaAdmin;

  @BeforeAll
  static void broker() {
    servers = new KafkaResource().start().get("kafka.bootstrap.servers");
    setup = KafkaTopics.admin(servers, Duration.ofSeconds(30));
    // Configured the way the services configure it: from the channels' settings, which hold more
    // than an admin client takes.
    kafkaAdmin =
        new KafkaAdmin(
            Map.of(
                "bootstrap.servers", servers,
                "group.id", "not-an-admin-setting",
                "value.deserializer",
                    "org.apache.kafka.common.serialization.ByteArrayDeserializer"));
  }

  @AfterAll
  static void close() {
    if (kafkaAdmin != null) {
      kafkaAdmin.close();
    }
    if (setup != null) {
      setup.close();
    }
  }

  @Test
  void theLagCountsFromTheEarliestRetainedRecordUntilTheGroupCommits() throws Exception {
    String topic = "ticker.test.consumer-lag-" + UUID.randomUUID();
    String group = "lag-" + UUID.randomUUID();
    KafkaTopics.ensure(
        servers, List.of(new TopicSpec(topic, 2, false, -1)), Duration.ofSeconds(60));
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    produce(topic, 0, 10);
    produce(topic, 1, 5);
    ConsumerLag lag = new ConsumerLag(kafkaAdmin);

    assertThat(lag.of(group, topic)).as("never committed, nothing deleted").isEqualTo(15);

    // Retention deleted p0's first four records: a group that never committed cannot read them.
    setup
        .deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(4)))
        .all()
        .get(30, TimeUnit.SECONDS);
    assertThat(lag.of(group, topic)).as("never committed, 4 deleted").isEqualTo(6 + 5);

    setup
        .alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(7)))
        .all()
        .get(30, TimeUnit.SECONDS);
    assertThat(lag.of(group, topic)).as("p0 committed at 7").isEqualTo(3 + 5);

    setup
        .alterConsumerGroupOffsets(
            group, Map.of(p0, new OffsetAndMetadata(10), p1, new OffsetAndMetadata(5)))
        .all()
        .get(30, TimeUnit.SECONDS);
    assertThat(lag.of(group, topic)).as("all committed").isZero();

    assertThat(kafkaAdmin.client()).as("one admin client, made once").isSameAs(kafkaAdmin.client());
    setup.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
  }

  private static void produce(String topic, int partition, int count) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer
            .send(new ProducerRecord<>(topic, partition, "k" + i, "v" + i))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }
}
