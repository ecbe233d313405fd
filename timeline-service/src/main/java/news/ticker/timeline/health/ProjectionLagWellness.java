package news.ticker.timeline.health;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import news.ticker.events.Topics;
import news.ticker.timeline.TimelineConfig;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * How far the projection's consumer group is behind the end of the story stream, summed over the
 * partitions (the per-client lag is also in the Kafka client metrics). DOWN above {@code
 * ticker.timeline.health.max-consumer-lag}.
 */
@Wellness
@ApplicationScoped
public class ProjectionLagWellness implements AsyncHealthCheck {

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject TimelineConfig config;

  @ConfigProperty(name = "mp.messaging.incoming.story-events.group.id")
  String groupId;

  private volatile AdminClient admin;

  @Override
  public Uni<HealthCheckResponse> call() {
    return Uni.createFrom()
        .item(this::lag)
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .map(
            lag ->
                HealthCheckResponse.named("projection-lag")
                    .status(lag <= config.health().maxConsumerLag())
                    .withData("group", groupId)
                    .withData("topic", Topics.STORY_EVENTS)
                    .withData("lag", lag)
                    .build())
        .onFailure()
        .recoverWithItem(
            e ->
                HealthCheckResponse.named("projection-lag")
                    .down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build());
  }

  private long lag() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin()
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(3, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest =
          admin()
              .describeTopics(java.util.List.of(Topics.STORY_EVENTS))
              .allTopicNames()
              .get(3, TimeUnit.SECONDS)
              .get(Topics.STORY_EVENTS)
              .partitions()
              .stream()
              .collect(
                  Collectors.toMap(
                      p -> new TopicPartition(Topics.STORY_EVENTS, p.partition()),
                      p -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin().listOffsets(latest).all().get(3, TimeUnit.SECONDS);
      long lag = 0;
      for (var end : ends.entrySet()) {
        OffsetAndMetadata position = committed.get(end.getKey());
        lag += Math.max(0, end.getValue().offset() - (position == null ? 0 : position.offset()));
      }
      return lag;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the consumer lag: " + e.getMessage(), e);
    }
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
