package news.ticker.platform.health;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import news.ticker.platform.kafka.KafkaAdmin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Kafka reachability as a wellness check, not readiness: without Kafka a service still accepts
 * writes (outbox) and serves reads (read model), so taking it out of the load balancer would only
 * make things worse.
 */
@Wellness
@ApplicationScoped
public class KafkaWellness implements HealthCheck {

  @Inject KafkaAdmin admin;

  @Override
  public HealthCheckResponse call() {
    try {
      int nodes =
          admin
              .client()
              .describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
              .nodes()
              .get(3, TimeUnit.SECONDS)
              .size();
      return HealthCheckResponse.named("kafka").up().withData("brokers", nodes).build();
    } catch (Exception e) {
      return HealthCheckResponse.named("kafka")
          .down()
          .withData("error", String.valueOf(e.getMessage()))
          .build();
    }
  }
}
