package news.ticker.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import news.ticker.platform.kafka.KafkaAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The lag of a consumer group, for the wellness checks of the services' projections: records of a
 * topic the group has not committed yet. Asks the brokers ({@link KafkaAdmin}), so it measures the
 * group across all replicas, not just this one.
 */
@ApplicationScoped
public class ConsumerLag {

  private static final long ANSWER_SECONDS = 3;

  private final KafkaAdmin admin;

  @Inject
  public ConsumerLag(KafkaAdmin admin) {
    this.admin = admin;
  }

  /**
   * Records of the topic's partitions (all of them, as the brokers know the topic) not yet
   * committed by the group; see {@link #lag}. Blocks for up to a few seconds: call it off the event
   * loop.
   *
   * @throws ExecutionException or {@link TimeoutException} when Kafka does not answer in time
   */
  public long of(String groupId, String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    Admin client = admin.client();
    Map<TopicPartition, Long> committed =
        client
            .listConsumerGroupOffsets(groupId)
            .partitionsToOffsetAndMetadata()
            .get(ANSWER_SECONDS, TimeUnit.SECONDS)
            .entrySet()
            .stream()
            .filter(e -> e.getValue() != null)
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    List<TopicPartition> partitions =
        client
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(ANSWER_SECONDS, TimeUnit.SECONDS)
            .get(topic)
            .partitions()
            .stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    return lag(
        committed,
        offsets(client, partitions, OffsetSpec.earliest()),
        offsets(client, partitions, OffsetSpec.latest()));
  }

  /**
   * The lag of a group over the partitions of {@code latest} (each partition's next offset): from
   * its committed offset, or from the partition's earliest retained offset where it never committed
   * (counting from 0 would count records that retention deleted, which no consumer will ever read:
   * story events are kept forever, but a dead-letter topic only thirty days). A committed offset
   * that retention overtook also counts from the earliest retained record. A partition never counts
   * below 0.
   */
  public static long lag(
      Map<TopicPartition, Long> committed,
      Map<TopicPartition, Long> earliest,
      Map<TopicPartition, Long> latest) {
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : latest.entrySet()) {
      long first = earliest.getOrDefault(end.getKey(), 0L);
      long position = Math.max(first, committed.getOrDefault(end.getKey(), first));
      lag += Math.max(0, end.getValue() - position);
    }
    return lag;
  }

  private static Map<TopicPartition, Long> offsets(
      Admin client, List<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    partitions.forEach(p -> specs.put(p, spec));
    Map<TopicPartition, ListOffsetsResultInfo> result =
        client.listOffsets(specs).all().get(ANSWER_SECONDS, TimeUnit.SECONDS);
    return result.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }
}
