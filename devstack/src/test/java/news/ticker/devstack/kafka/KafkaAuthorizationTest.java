package news.ticker.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import news.ticker.devstack.testing.KafkaTestClients;
import news.ticker.events.KafkaAccess;
import news.ticker.events.KafkaAccess.ServiceAccess;
import news.ticker.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system tests' broker mode, as production's listener: SCRAM-SHA-512 logins and the standard
 * authorizer, with users made from the {@link KafkaAccess} declarations. A declaration grants what
 * it says and nothing else; a topic it forgets is refused.
 */
class KafkaAuthorizationTest {

  @TempDir static Path directory;

  private static EmbeddedKafka kafka;
  private static Map<String, Object> timeline;
  private static Map<String, Object> forgetful;

  @BeforeAll
  static void startBrokerAndUsers() throws Exception {
    kafka =
        EmbeddedKafka.builder()
            .dataDir(directory.resolve("kafka"))
            .scram(ScramCredentials.generate(ScramCredentials.ADMIN))
            .start();
    ScramCredentials timelineUser = ScramCredentials.generate(KafkaAccess.TIMELINE.user());
    // The timeline's declaration with the key topic forgotten, as a new channel without an ACL.
    SortedSet<String> reads = new TreeSet<>(KafkaAccess.TIMELINE.reads());
    reads.remove(Topics.CONTENT_KEYS);
    ServiceAccess withoutKeys =
        new ServiceAccess("forgetful", "forgetful", KafkaAccess.TIMELINE.writes(), reads, Set.of());
    ScramCredentials forgetfulUser = ScramCredentials.generate("forgetful");
    try (Admin admin = KafkaTopics.admin(kafka.adminClientProperties(), Duration.ofSeconds(30))) {
      KafkaUsers.create(admin, kafka.bootstrapServers(), timelineUser, KafkaAccess.TIMELINE);
      KafkaUsers.create(admin, kafka.bootstrapServers(), forgetfulUser, withoutKeys);
    }
    timeline = ScramCredentials.client(kafka.bootstrapServers(), timelineUser);
    forgetful = ScramCredentials.client(kafka.bootstrapServers(), forgetfulUser);
    KafkaTestClients.produce(
        kafka.adminClientProperties(), Topics.STORY_EVENTS, "story-1", "posted");
    KafkaTestClients.produce(kafka.adminClientProperties(), Topics.CONTENT_KEYS, "update-1", "key");
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void theTimelineReadsItsTopicsWithoutAGroupAndWritesItsDeadLetters() throws Exception {
    assertThat(KafkaTestClients.readAll(timeline, Topics.STORY_EVENTS, 1))
        .containsExactly("posted");
    assertThat(KafkaTestClients.readAll(timeline, Topics.CONTENT_KEYS, 1)).containsExactly("key");

    KafkaTestClients.produce(timeline, Topics.TIMELINE_DEAD_LETTER, "story-1", "poison");

    assertThat(
            KafkaTestClients.readAll(kafka.adminClientProperties(), Topics.TIMELINE_DEAD_LETTER, 1))
        .containsExactly("poison");
  }

  @Test
  void theTimelineMayNotWriteStoryEvents() {
    assertThatThrownBy(
            () -> KafkaTestClients.produce(timeline, Topics.STORY_EVENTS, "story-1", "forged"))
        .hasRootCauseInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void theTimelineCommitsOnlyInItsOwnGroup() {
    TopicPartition partition = new TopicPartition(Topics.STORY_EVENTS, 0);
    commitIn(timeline, "timeline-projection", partition);
    assertThatThrownBy(() -> commitIn(timeline, "analysis-stories", partition))
        .isInstanceOf(GroupAuthorizationException.class);
  }

  @Test
  void aTopicTheDeclarationForgotIsRefused() {
    assertThatThrownBy(() -> KafkaTestClients.readAll(forgetful, Topics.CONTENT_KEYS, 1))
        .isInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void aWrongPasswordIsRefused() {
    Map<String, Object> impostor =
        ScramCredentials.client(
            kafka.bootstrapServers(), ScramCredentials.generate(KafkaAccess.TIMELINE.user()));
    assertThatThrownBy(() -> KafkaTestClients.readAll(impostor, Topics.STORY_EVENTS, 1))
        .isInstanceOf(SaslAuthenticationException.class);
  }

  private static void commitIn(Map<String, Object> client, String group, TopicPartition partition) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)), Duration.ofSeconds(30));
    }
  }
}
