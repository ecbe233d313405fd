package news.ticker.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

  @Test
  void aRawConsumerConnectsLikeTheChannelsInNoGroupAndCreatesNothing() {
    Map<String, Object> channels =
        Map.of(
            "bootstrap.servers", "kafka-0:9093",
            "security.protocol", "SASL_SSL",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "group.id", "timeline-projection",
            "enable.auto.commit", true,
            "acks", "all");

    Map<String, Object> consumer = KafkaClients.rawConsumer(channels, "timeline-live-1");

    assertThat(consumer)
        .containsEntry("bootstrap.servers", "kafka-0:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsKey("sasl.jaas.config")
        .doesNotContainKeys("group.id", "acks")
        .containsEntry("enable.auto.commit", false)
        .containsEntry("allow.auto.create.topics", false)
        .containsEntry("client.id", "timeline-live-1")
        .containsEntry(
            "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
  }
}
