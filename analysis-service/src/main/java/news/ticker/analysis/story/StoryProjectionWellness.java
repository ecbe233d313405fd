package news.ticker.analysis.story;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import news.ticker.analysis.AnalysisConfig;
import news.ticker.events.Topics;
import news.ticker.platform.health.ConsumerLag;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * How far the story projection is behind {@code ticker.story-events}, and how many records it
 * dead-lettered since start. A wellness check, not readiness: a lagging projection only delays
 * analyses of brand-new stories, while the service still serves everything else. Dead letters are
 * reported, not judged: each one needs a human look, but the projection keeps working.
 */
@Wellness
@ApplicationScoped
public class StoryProjectionWellness implements HealthCheck {

  private static final String NAME = "story-projection";

  @Inject ConsumerLag consumerLag;
  @Inject AnalysisConfig config;
  @Inject MeterRegistry registry;

  @ConfigProperty(name = "mp.messaging.incoming." + StoryProjection.CHANNEL + ".group.id")
  String groupId;

  @Override
  public HealthCheckResponse call() {
    long deadLettered = (long) registry.counter(StoryProjection.DEAD_LETTERED_METRIC).count();
    try {
      long lag = consumerLag.of(groupId, Topics.STORY_EVENTS);
      return HealthCheckResponse.named(NAME)
          .status(lag <= config.projection().maxLag())
          .withData("lag", lag)
          .withData("deadLettered", deadLettered)
          .build();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return HealthCheckResponse.named(NAME)
          .down()
          .withData("deadLettered", deadLettered)
          .withData("error", String.valueOf(e.getMessage()))
          .build();
    }
  }
}
