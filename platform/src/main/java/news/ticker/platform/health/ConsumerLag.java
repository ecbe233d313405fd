package news.ticker.platform.health;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The lag of a consumer group, for the wellness checks of the services' projections: records of a
 * topic the group has not committed yet. Asks the brokers (admin client), so it measures the group
 * across all replicas, not just this one.
 */
@ApplicationScoped
public class ConsumerLag {

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  private volatile AdminClient admin;

  /**
   * Records of the topic's partitions not yet committed by the group; a partition the group never
   * committed counts from its first retained record.
   *
   * @throws ExecutionException or {@link TimeoutException} when Kafka does not answer in time
   */
  public long of(String groupId, String topic, int partitions)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin()
            .listConsumerGroupOffsets(groupId)
            .partitionsToOffsetAndMetadata()
            .get(3, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      TopicPartition partition = new TopicPartition(topic, p);
      latest.put(partition, OffsetSpec.latest());
      earliest.put(partition, OffsetSpec.earliest());
    }
    Map<TopicPartition, Long> ends = offsets(latest);
    Map<TopicPartition, Long> starts = offsets(earliest);
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      long position = done != null ? done.offset() : starts.getOrDefault(end.getKey(), 0L);
      lag += Math.max(0, end.getValue() - position);
    }
    return lag;
  }

  private Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetSpec> specs)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, ListOffsetsResultInfo> result =
        admin().listOffsets(specs).all().get(3, TimeUnit.SECONDS);
    return result.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private AdminClient admin() {
    if (admin == null) {
      synchronized (this) {
        if (admin == null) {
          Map<String, Object> props = new HashMap<>();
          kafkaConfig.forEach(
              (k, v) -> {
                if (AdminClientConfig.configNames().contains(k)) {
                  props.put(k, v);
                }
              });
          props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
          props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
          admin = AdminClient.create(props);
        }
      }
    }
    return admin;
  }

  @PreDestroy
  void close() {
    if (admin != null) {
      admin.close();
    }
  }
}
