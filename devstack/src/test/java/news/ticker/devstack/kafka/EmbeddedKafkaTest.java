package news.ticker.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import news.ticker.devstack.Ports;
import news.ticker.devstack.testing.KafkaTestClients;
import news.ticker.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One broker life in this JVM: topics, a record, a clean restart on the same port and data. */
class EmbeddedKafkaTest {

  @TempDir Path directory;

  @Test
  void createsTheContractTopicsAndKeepsRecordsAcrossARestart() throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(directory.resolve("kafka")).build();
    try {
      kafka.start();
      String servers = kafka.bootstrapServers();
      assertTopicsOfTheContract(servers);

      KafkaTestClients.produce(servers, Topics.STORY_EVENTS, "story-1", "created");
      assertThat(KafkaTestClients.readAll(servers, Topics.STORY_EVENTS, 1))
          .containsExactly("created");

      kafka.stop();
      assertThat(kafka.isRunning()).isFalse();
      assertThat(Ports.isFree(kafka.port())).isTrue();

      kafka.start(); // same port, same data directory: no new format, nothing lost
      assertThat(kafka.bootstrapServers()).isEqualTo(servers);
      KafkaTestClients.produce(servers, Topics.STORY_EVENTS, "story-1", "published");
      assertThat(KafkaTestClients.readAll(servers, Topics.STORY_EVENTS, 2))
          .containsExactlyInAnyOrder("created", "published");
    } finally {
      kafka.close();
    }
  }

  @Test
  void aTakenPortIsReportedBeforeKafkaTriesIt() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      EmbeddedKafka kafka =
          EmbeddedKafka.builder().port(taken.getLocalPort()).dataDir(directory).build();

      assertThatThrownBy(kafka::start)
          .hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
    }
  }

  static void assertTopicsOfTheContract(String servers) throws Exception {
    try (Admin admin = KafkaTopics.admin(servers, Duration.ofSeconds(10))) {
      Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      assertThat(names)
          .containsAll(
              Topics.ALL.stream().map(Topics.TopicSpec::name).collect(Collectors.toList()));
      Map<String, TopicDescription> descriptions =
          admin
              .describeTopics(
                  Topics.ALL.stream().map(Topics.TopicSpec::name).collect(Collectors.toList()))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS);
      descriptions.values().forEach(d -> assertThat(d.partitions()).hasSize(12));

      ConfigResource contentKeys =
          new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONTENT_KEYS);
      ConfigResource deadLetters =
          new ConfigResource(ConfigResource.Type.TOPIC, Topics.TIMELINE_DEAD_LETTER);
      Map<ConfigResource, Config> configs =
          admin.describeConfigs(List.of(contentKeys, deadLetters)).all().get(10, TimeUnit.SECONDS);
      assertThat(configs.get(contentKeys).get("cleanup.policy").value()).isEqualTo("compact");
      assertThat(configs.get(contentKeys).get("max.compaction.lag.ms").value())
          .isEqualTo(Long.toString(Topics.MAX_COMPACTION_LAG_MS));
      assertThat(configs.get(deadLetters).get("cleanup.policy").value()).isEqualTo("delete");
      assertThat(configs.get(deadLetters).get("retention.ms").value())
          .isEqualTo(Long.toString(30L * 24 * 3600 * 1000));
    }
  }
}
