package news.ticker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import news.ticker.devstack.process.ServiceProcess;
import news.ticker.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two ingest replicas, each with its relay, take concurrent posts to one story: versions are
 * gap-free, and Kafka carries each of them exactly once and in order, whichever replica's relay
 * published them.
 */
class IngestReplicasIT {

  private static final int POSTS_PER_REPLICA = 40;

  private static final SystemStack stack = SystemStack.get();
  private static final ServiceProcess secondIngest =
      stack.startService("ingest-2", "ingest-service", "ingest");

  @AfterAll
  static void stopSecondReplica() {
    secondIngest.close();
  }

  @Test
  void concurrentPostsThroughTwoReplicasArePublishedOnceInOrder() throws Exception {
    String reporter = stack.bearer("editor");
    UUID story = Api.openStory(stack.ingest, reporter, "Twee replica's, één volgorde");

    ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (ServiceProcess replica : List.of(stack.ingest, secondIngest)) {
      for (int i = 0; i < POSTS_PER_REPLICA; i++) {
        String body = "<p>" + replica.name() + " " + i + "</p>";
        done.add(
            clients.submit(
                () -> statuses.add(Api.post(replica, reporter, story, body).statusCode())));
      }
    }
    for (Future<?> f : done) {
      f.get();
    }
    clients.shutdown();
    assertThat(statuses).hasSize(2 * POSTS_PER_REPLICA).containsOnly(201);

    long lastVersion = 2L * POSTS_PER_REPLICA + 1;
    List<Long> published = new ArrayList<>();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.STORY_EVENTS).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  if (story.toString().equals(r.key())) {
                    published.add(
                        Long.parseLong(
                            new String(
                                r.headers().lastHeader("ce_streamversion").value(),
                                StandardCharsets.UTF_8)));
                  }
                }
                return published.size() >= lastVersion;
              });
    }
    assertThat(published)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, lastVersion).boxed().toList());
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(Api.versions(Api.changes(stack.timeline, story, 0)))
                    .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, lastVersion).boxed().toList()));
  }
}
