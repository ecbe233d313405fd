package news.ticker.timeline.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import news.ticker.events.Topics;
import news.ticker.platform.health.ConsumerLag;
import news.ticker.timeline.TimelineConfig;
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

  @Inject ConsumerLag consumerLag;
  @Inject TimelineConfig config;

  @ConfigProperty(name = "mp.messaging.incoming.story-events.group.id")
  String groupId;

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
      return consumerLag.of(groupId, Topics.STORY_EVENTS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the consumer lag: " + e.getMessage(), e);
    }
  }
}
