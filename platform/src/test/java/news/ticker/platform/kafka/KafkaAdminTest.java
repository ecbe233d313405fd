package news.ticker.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaAdminTest {

  @Test
  void theAdminClientKeepsTheBrokersAndTheirSecurityAndDropsWhatIsNotAnAdminSetting() {
    Map<String, Object> channels =
        Map.of(
            "bootstrap.servers", "kafka-0:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.location", "/etc/ticker/kafka/ca.p12",
            "group.id", "timeline-projection",
            "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
            "request.timeout.ms", 30_000);

    Map<String, Object> admin = KafkaAdmin.adminConfig(channels);

    assertThat(admin)
        .containsEntry("bootstrap.servers", "kafka-0:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsKey("sasl.jaas.config")
        .containsEntry("ssl.truststore.location", "/etc/ticker/kafka/ca.p12")
        .doesNotContainKeys("group.id", "value.deserializer")
        .containsEntry("request.timeout.ms", KafkaAdmin.REQUEST_TIMEOUT_MS)
        .containsEntry("default.api.timeout.ms", KafkaAdmin.API_TIMEOUT_MS);
  }
}
